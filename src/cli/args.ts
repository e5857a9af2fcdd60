/** Command-line options; they override the configuration file and environment. */
import { parseArgs } from 'node:util';
import { LOG_LEVELS } from '../config/schema.js';

export interface CliOptions {
  config?: string;
  transport: 'http' | 'stdio';
  host?: string;
  port?: number;
  stateful?: boolean;
  logLevel?: string;
  checkConfig: boolean;
  demo: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: atlassian-mcp-gateway [options]

Serves every configured Jira and Confluence instance to MCP clients.

Options:
  --config FILE        YAML instances file (default: $ATLASSIAN_GATEWAY_CONFIG, else JIRA_*/CONFLUENCE_* variables)
  --transport T        http (default: /mcp, /sse, /ws) or stdio
  --host HOST          bind address (default 127.0.0.1)
  --port PORT          port (default 9000)
  --stateful           keep streamable HTTP sessions (Mcp-Session-Id) for 2025-era clients
  --log-level LEVEL    ${LOG_LEVELS.join(', ')} (default info)
  --check-config       print the resolved instances and tool counts, then exit
  --demo               start the embedded sandbox (prod + staging Jira, one Confluence) and serve it
  --version            print the version
  --help               print this help

Exit codes: 0 ok, 1 runtime failure, 2 invalid configuration or arguments.`;

export class UsageError extends Error {}

export function parseCli(argv: readonly string[]): CliOptions {
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
  const transport = values.transport ?? 'http';
  if (transport !== 'http' && transport !== 'stdio') throw new UsageError(`--transport must be http or stdio, not "${transport}"`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be 0-65535, not "${values.port}"`);
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    config: values.config,
    transport,
    host: values.host,
    port,
    stateful: values.stateful,
    logLevel,
    checkConfig: values['check-config'],
    demo: values.demo,
    help: values.help,
    version: values.version,
  };
}
