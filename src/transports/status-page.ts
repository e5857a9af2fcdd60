/**
 * The status page at `/`: each instance the caller may use with its platform, product, health, tool count and
 * recent error and 429 rates, client configurations for this deployment, and the version. It is a route of the MCP
 * scope (app.ts), so the Host/Origin guard and, when keys or tenants are on, the caller hook protect it exactly as
 * they protect `/mcp`; a key limited to some instances sees only those.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../access/caller-catalogs.js';
import type { Catalog } from '../mcp/catalog.js';
import type { RecentActivity } from '../telemetry/recent-rates.js';
import { clientConfigs } from './client-configs.js';
import { renderStatusPage, type StatusRow } from './status-html.js';

export interface StatusPageOptions {
  catalogFor(caller: Caller | undefined): Catalog;
  activity(instance: string): RecentActivity;
  windowMinutes: number;
  version: string;
  /** Read per request: a configuration reload may add or remove keys. */
  keysRequired: () => boolean;
}

/** Nothing but the page's own inline style may load or run, whatever a value on it says. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function registerStatusPage(scope: FastifyInstance, options: StatusPageOptions): void {
  scope.get('/', async (request, reply) => {
    const catalog = options.catalogFor(request.caller);
    const rows: StatusRow[] = catalog.summaries().map((summary) => ({
      name: summary.name,
      product: summary.product === 'jira' ? 'Jira' : 'Confluence',
      platform: summary.platform === 'cloud' ? 'Cloud' : 'Server/DC',
      url: summary.url,
      health: summary.status,
      tools: summary.tools,
      flags: [
        summary.default ? 'default' : '',
        summary.read_only ? 'read-only' : '',
        summary.servicedesk === 'available' ? 'Service Management' : '',
      ].filter(Boolean),
      ...options.activity(summary.name),
    }));
    const mcpUrl = deploymentMcpUrl(request);
    const html = renderStatusPage({
      version: options.version,
      rows,
      tools: catalog.list.length,
      windowMinutes: options.windowMinutes,
      mcpUrl,
      keysRequired: options.keysRequired(),
      configs: clientConfigs(mcpUrl, options.keysRequired()),
    });
    return reply.headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(html);
  });
}

/** `/mcp` at the address the browser used (behind a proxy, the proxy's, when it passes `Host` on). */
function deploymentMcpUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/mcp`;
}
