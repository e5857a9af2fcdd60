#!/usr/bin/env node
/**
 * Process entry: parse the command line, load the configuration (or start the sandbox for --demo), build
 * the gateway, serve it over HTTP or stdio, reload the configuration on SIGHUP (and with --watch when its file
 * changes), and shut down gracefully on SIGTERM/SIGINT.
 */
import './tier-up.js';
import type { Sandbox } from '@atlassian-mcp-gateway/sandbox';
import { defaultTokenDirectory, fileTokenStore } from './atlassian/credentials/token-store.js';
import {
  OAUTH_SETUP_USAGE,
  parseCli,
  UsageError,
  USAGE,
  type CliOptions,
  type OAuthSetupCliOptions,
} from './cli/args.js';
import { describeConfiguration } from './cli/check-config.js';
import { ConfigError } from './config/errors.js';
import { loadConfig } from './config/load.js';
import { nonEmpty, type SettingFlags } from './config/settings.js';
import { createGatewayCore, type GatewayCore } from './gateway.js';
import { ATLASSIAN_API_URL, ATLASSIAN_AUTH_URL } from './instances/connect.js';
import { createLogger, type Logger } from './logging.js';
import { reloadAnswer, reloadConfiguration, type ReloadReport, type ReloadTrigger } from './reload/reload.js';
import { listenForReloads } from './reload/triggers.js';
import { tracesEndpoint } from './telemetry/telemetry.js';
import { GATEWAY_VERSION } from './version.js';

const EXIT_RUNTIME = 1;
const EXIT_CONFIG = 2;
/** `--check-config` found the configuration usable, but something was skipped or ignored. */
const EXIT_CHECK_WARNINGS = 3;

async function main(argv: readonly string[]): Promise<number> {
  const cli = parseCli(argv);
  if (cli.command === 'oauth-setup') return oauthSetup(cli);
  if (cli.help) return write(process.stdout, `${USAGE}\n`, 0);
  if (cli.version) return write(process.stdout, `${GATEWAY_VERSION}\n`, 0);

  // Modules load on demand: a stdio process never needs Fastify, and only --demo needs the sandbox.
  const signIn = (cli.auth ?? nonEmpty(process.env.MCP_AUTH)) === 'oauth';
  const demo = cli.demo ? await (await import('./cli/demo.js')).startDemo(signIn) : undefined;
  const sandbox = demo?.sandbox;
  // A reload runs the same loader with the same command line, so flags keep beating the file and the environment.
  const load = () => loadConfig({ configFile: cli.config, flags: settingFlags(cli), demo: demo?.instances });
  const watchFile = cli.watch ? watchedFile(cli) : undefined;
  const config = load();
  const logger = createLogger({ level: config.log_level });
  for (const note of config.notes) logger.debug(note);
  for (const warning of config.warnings) logger.warn(warning);
  // Loaded only when configured: a single process keeps its state in memory.
  const shared =
    config.state.redis_url && !cli.checkConfig
      ? await (await import('./state/redis-state.js')).openRedisState(config.state.redis_url, { log: logger })
      : undefined;
  // The demo's Cloud APIs (Forms) are served by the sandbox too, so nothing leaves the machine.
  const core = await createGatewayCore(config, {
    logger,
    atlassianApiUrl: sandbox?.url,
    atlassianAuthUrl: sandbox?.url,
    shared,
  });

  if (cli.checkConfig) {
    core.close();
    await sandbox?.close();
    // Anything skipped or ignored fails the check, so it can gate a deployment.
    return write(
      process.stdout,
      `${describeConfiguration(core)}\n`,
      config.warnings.length > 0 ? EXIT_CHECK_WARNINGS : 0,
    );
  }
  const traces = tracesEndpoint(process.env);
  if (traces) {
    await core.telemetry.enableTracing(traces, GATEWAY_VERSION, nonEmpty(process.env.OTEL_SERVICE_NAME));
    logger.info({ endpoint: traces }, 'tracing: spans go to this OTLP/HTTP endpoint');
  }
  if (config.instances.length === 0)
    logger.warn('no instances configured: only gateway tools are served (see docs/configuration.md)');
  const reload = (trigger: ReloadTrigger) => reloadConfiguration(core, load, trigger);
  const triggers = listenForReloads({ reload, log: logger, watchFile });
  try {
    return await (config.transport === 'stdio' ? runStdio(core, sandbox) : runHttp(core, logger, sandbox, reload));
  } finally {
    triggers.stop();
  }
}

/** The file `--watch` watches: `--config`, else `ATLASSIAN_GATEWAY_CONFIG`. */
function watchedFile(cli: CliOptions): string {
  const file = cli.config ?? nonEmpty(process.env.ATLASSIAN_GATEWAY_CONFIG);
  if (cli.demo || !file)
    throw new UsageError('--watch needs a configuration file: pass --config FILE or set ATLASSIAN_GATEWAY_CONFIG');
  return file;
}

/** The command line's settings by setting path; the loader ranks them above the environment and the file. */
function settingFlags(cli: CliOptions): SettingFlags {
  return {
    transport: cli.transport,
    'server.host': cli.host,
    'server.port': cli.port,
    'server.stateful': cli.stateful,
    log_level: cli.logLevel,
    'auth.mode': cli.auth,
  };
}

async function runHttp(
  core: GatewayCore,
  logger: Logger,
  sandbox: Sandbox | undefined,
  reload: (trigger: ReloadTrigger) => Promise<ReloadReport>,
): Promise<number> {
  const { buildApp } = await import('./app.js');
  const { app } = await buildApp(core, {
    reload: async (keyName) => {
      logger.info({ caller: keyName }, 'reloading the configuration');
      return reloadAnswer(await reload('admin'));
    },
  });
  const { host, port, shutdown_grace: grace } = core.config.server;
  // Started before listening, so no request sees the catalogue before the probe could settle it.
  void core.probe();
  await app.listen({ host, port });
  const address = app.server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
  logger.info({ url, instances: core.config.instances.length, tools: core.catalog.list.length }, 'gateway listening');
  if (host !== '127.0.0.1' && host !== 'localhost' && !core.config.server.allowed_hosts?.length) {
    logger.warn(
      'listening beyond loopback without MCP_ALLOWED_HOSTS: Host header validation is off; put the gateway behind a proxy or set allowed hosts',
    );
  }
  const metricsServer = await serveMetricsPort(core, logger);
  if (sandbox) {
    const launch = { command: process.execPath, args: [...process.execArgv, process.argv[1] ?? 'dist/main.js'] };
    process.stderr.write((await import('./cli/demo-banner.js')).demoBanner(url, sandbox, launch));
  }
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return resolve(EXIT_RUNTIME);
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => resolve(EXIT_RUNTIME), grace * 1000);
      force.unref();
      void Promise.all([app.close(), metricsServer?.close()])
        .then(async () => {
          core.close();
          await core.shared?.close();
          await core.telemetry.shutdown();
          await sandbox?.close();
          resolve(0);
        })
        .catch(() => resolve(EXIT_RUNTIME));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

/** With `metrics.port`, the metrics get a server of their own (buildApp has loaded them). */
async function serveMetricsPort(core: GatewayCore, logger: Logger): Promise<{ close(): Promise<void> } | undefined> {
  const metrics = core.telemetry.metrics;
  if (core.config.metrics.port === undefined || !metrics) return undefined;
  const { serveMetricsApart } = await import('./transports/metrics-route.js');
  return (await serveMetricsApart(metrics, core.config.metrics, logger)).server;
}

async function runStdio(core: GatewayCore, sandbox: Sandbox | undefined): Promise<number> {
  const [{ serveStdioTransport }, { holdYoungGeneration }] = await Promise.all([
    import('./transports/stdio.js'),
    import('./transports/young-generation.js'),
  ]);
  holdYoungGeneration();
  const { server } = core.config;
  // Service Management tools of instances that do not say whether they have it are bound once the probe answers.
  void core.probe();
  await core.catalogSettled();
  await serveStdioTransport({
    factory: core.factory,
    logger: core.logger,
    maxLineBytes: server.body_limit,
    shutdownGrace: server.shutdown_grace,
    summary: { instances: core.config.instances.length, tools: core.catalog.list.length },
  });
  core.close();
  await core.shared?.close();
  await core.telemetry.shutdown();
  await sandbox?.close();
  return 0;
}

async function oauthSetup(cli: OAuthSetupCliOptions): Promise<number> {
  if (cli.help) return write(process.stdout, `${OAUTH_SETUP_USAGE}\n`, 0);
  const config = loadConfig({ configFile: cli.config, signingIn: true });
  const { runOAuthSetup } = await import('./cli/oauth-setup/run.js');
  try {
    await runOAuthSetup({
      config,
      instance: cli.instance,
      endpoints: { apiUrl: ATLASSIAN_API_URL, authUrl: ATLASSIAN_AUTH_URL },
      store: fileTokenStore(config.oauth_token_dir ?? defaultTokenDirectory()),
      out: (text) => process.stdout.write(text),
      input: process.stdin,
      openBrowser: cli.browser,
      timeoutMs: cli.timeoutS * 1000,
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return write(
      process.stderr,
      `oauth-setup failed: ${error instanceof Error ? error.message : String(error)}\n`,
      EXIT_RUNTIME,
    );
  }
}

function write(stream: NodeJS.WriteStream, text: string, code: number): number {
  stream.write(text);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Streams and agents are closed; exit explicitly so a lingering keep-alive socket cannot hold the process.
    setImmediate(() => process.exit(code)).unref();
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${error.usage}\n`);
      process.exit(EXIT_CONFIG);
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const hint =
      code === 'EADDRINUSE' ? ' (the port is in use: pass --port with another one, or --port 0 for any free port)' : '';
    process.stderr.write(
      `atlassian-mcp-gateway failed to start: ${error instanceof Error ? error.message : String(error)}${hint}\n`,
    );
    process.exit(EXIT_RUNTIME);
  },
);
