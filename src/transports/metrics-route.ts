/**
 * Prometheus `/metrics`: on the MCP port (outside the MCP scope: scrapers carry no gateway key) or, with a port of
 * its own, on a small server bound to `metrics.host` (127.0.0.1 unless told), so the metrics need not share the
 * MCP port's exposure. With `metrics.token`, a scrape must send `Authorization: Bearer <token>`, compared as
 * digests so timing tells nothing about the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { MetricsConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { GatewayMetrics } from '../telemetry/metrics.js';

/** Whether the configuration turns metrics on: asked for, or given a port of their own. */
export function metricsWanted(config: MetricsConfig): boolean {
  return config.enabled || config.port !== undefined;
}

/** Registers `GET /metrics` in its own scope, with the bearer check as that scope's hook when a token is set. */
export async function registerMetricsRoute(
  app: FastifyInstance,
  metrics: GatewayMetrics,
  token: string | undefined,
): Promise<void> {
  await app.register(async (scope) => {
    if (token !== undefined) scope.addHook('onRequest', bearerCheck(token));
    scope.get('/metrics', { config: { public: token === undefined } }, async (_request, reply) => {
      const { text, contentType } = await metrics.exposition();
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
    });
  });
}

/** Serves `/metrics` alone on `config.port`; resolves with the server (to close) and the address it listens on. */
export async function serveMetricsApart(
  metrics: GatewayMetrics,
  config: MetricsConfig,
  log: Logger,
): Promise<{ server: FastifyInstance; url: string }> {
  const server = Fastify({ logger: false });
  await registerMetricsRoute(server, metrics, config.token);
  await server.listen({ host: config.host, port: config.port ?? 0 });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/metrics`;
  log.info({ url }, 'metrics listening');
  return { server, url };
}

function bearerCheck(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="metrics"')
      .header('content-type', 'text/plain; charset=utf-8')
      .send('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
