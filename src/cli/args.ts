/** Command-line options; they override the configuration file and environment. */
import { parseArgs } from 'node:util';
import { LOG_LEVELS, TRANSPORT_CHOICES, transportNamed } from '../config/schema.js';

export interface CliOptions {
  command: 'serve';
  config?: string;
  /** Undefined when not given: `MCP_TRANSPORT` or the default (http) decides. */
  transport?: 'http' | 'stdio';
  host?: string;
  port?: number;
  stateful?: boolean;
  logLevel?: string;
  /** Reload the configuration when its file changes. */
  watch: boolean;
  /** `--auth oauth`: users sign in from their MCP client. */
  auth?: string;
  checkConfig: boolean;
  demo: boolean;
  help: boolean;
  version: boolean;
}

/** `oauth-setup`: sign an OAuth instance in and keep its tokens. */
export interface OAuthSetupCliOptions {
  command: 'oauth-setup';
  config?: string;
  instance?: string;
  browser: boolean;
  timeoutS: number;
  help: boolean;
}

export const USAGE = `Usage: atlassian-mcp-gateway [options]
       atlassian-mcp-gateway oauth-setup [--instance NAME] [options]

Serves every configured Jira and Confluence instance to MCP clients.

Options:
  --config FILE        YAML instances file (default: $ATLASSIAN_GATEWAY_CONFIG, else JIRA_*/CONFLUENCE_* variables)
  --transport T        http (default: /mcp, /sse, /ws; also sse, ws) or stdio; default $MCP_TRANSPORT
  --host HOST          bind address (default 127.0.0.1)
  --port PORT          port (default 9000)
  --stateful           keep streamable HTTP sessions (Mcp-Session-Id) for 2025-era clients
  --log-level LEVEL    ${LOG_LEVELS.join(', ')} (default info)
  --watch              reload the configuration when its file changes (SIGHUP reloads it too)
  --auth MODE          oauth: users sign in from their MCP client (per_user instances); default none
  --check-config       print the resolved instances and tool counts, then exit
  --demo               start the embedded sandbox (prod + staging Jira, one Confluence) and serve it
  --version            print the version
  --help               print this help

Exit codes: 0 ok, 1 runtime failure, 2 invalid configuration or arguments.
oauth-setup --help describes the sign-in command.`;

export const OAUTH_SETUP_USAGE = `Usage: atlassian-mcp-gateway oauth-setup [--instance NAME] [options]

Signs an OAuth instance in (Authorization Code flow with PKCE) and saves its tokens in the token store, where
the gateway finds them. Prints the address to approve access at; on Cloud, prints the cloud ids it covers.

Options:
  --instance NAME      the instance to sign in: NAME, or PRODUCT:NAME (jira:staging); optional when only one uses OAuth
  --config FILE        YAML instances file (default: $ATLASSIAN_GATEWAY_CONFIG, else JIRA_*/CONFLUENCE_* variables)
  --no-browser         only print the address (default: also open a browser when there is a desktop)
  --timeout SECONDS    how long to wait for the browser (default 300)
  --help               print this help

The browser returns to the instance's redirect URI; for a loopback one (http://localhost:8765/callback) this
command listens on its port. From another machine, paste the address the browser ended on into the terminal.`;

export class UsageError extends Error {
  /** The help text to print after the message. */
  constructor(
    message: string,
    readonly usage: string = USAGE,
  ) {
    super(message);
  }
}

export function parseCli(argv: readonly string[]): CliOptions | OAuthSetupCliOptions {
  if (argv[0] === 'oauth-setup') return parseOAuthSetup(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        transport: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        stateful: { type: 'boolean' },
        'log-level': { type: 'string' },
        watch: { type: 'boolean', default: false },
        auth: { type: 'string' },
        'check-config': { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const transport = values.transport === undefined ? undefined : transportOf(values.transport);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--port must be 0-65535, not "${values.port}"`);
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    command: 'serve',
    config: values.config,
    transport,
    host: values.host,
    port,
    stateful: values.stateful,
    logLevel,
    watch: values.watch,
    auth: values.auth,
    checkConfig: values['check-config'],
    demo: values.demo,
    help: values.help,
    version: values.version,
  };
}

function transportOf(value: string): 'http' | 'stdio' {
  const transport = transportNamed(value);
  if (!transport) throw new UsageError(`--transport must be ${TRANSPORT_CHOICES}, not "${value}"`);
  return transport;
}

function parseOAuthSetup(argv: readonly string[]): OAuthSetupCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        instance: { type: 'string' },
        config: { type: 'string' },
        'no-browser': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, OAUTH_SETUP_USAGE);
  }
  const timeoutS = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0)
    throw new UsageError(`--timeout must be a positive number of seconds, not "${values.timeout}"`, OAUTH_SETUP_USAGE);
  return {
    command: 'oauth-setup',
    instance: values.instance,
    config: values.config,
    browser: !values['no-browser'],
    timeoutS,
    help: values.help,
  };
}
