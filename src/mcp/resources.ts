/**
 * The `resources` capability of one server: templates for issues, projects, filters, pages and spaces; reads through
 * the caller's tools (resource-read.ts); `resources/list` as the connection's recent items (those read as resources
 * or named by tool results) followed by the caller's favourite filters and pages (favourite-items.ts); and, where
 * polling is on and the connection outlives a request, subscriptions.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  type CallToolResult,
  type ResourceTemplateType,
  type Server,
} from '@modelcontextprotocol/server';
import type { Logger } from '../logging.js';
import type { CatalogAccess } from './catalog-access.js';
import { instancesWith } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { favouriteItems } from './favourite-items.js';
import { RecentItems } from './recent-items.js';
import { ResourcePoller } from './resource-polling.js';
import { readResource, ResourceReadError } from './resource-read.js';
import { parseResourceUri, RESOURCE_TEMPLATES, uriTemplateOf } from './resource-uris.js';

const MARKDOWN = 'text/markdown';

export interface ResourceOptions {
  /** Poll subscribed items this often; absent: no subscriptions (stateless requests, or polling off). */
  pollIntervalMs?: number;
  log: Logger;
}

/** What the rest of the server tells the resources of its connection. */
export interface ConnectionResources {
  /** Remembers the items a tool result links to, for `resources/list`. */
  noteToolResult(result: CallToolResult): void;
}

export function installResources(
  server: Server,
  catalogs: CatalogAccess,
  options: ResourceOptions,
): ConnectionResources {
  const recent = new RecentItems();
  server.setRequestHandler('resources/templates/list', () => ({ resourceTemplates: templatesFor(catalogs.now()) }));
  server.setRequestHandler('resources/list', async () => {
    const seen = recent.list();
    const listed = new Set(seen.map((item) => item.uri));
    const favourites = await favouriteItems.list(catalogs.now(), options.log);
    return { resources: [...seen, ...favourites.filter((item) => !listed.has(item.uri))] };
  });
  server.setRequestHandler('resources/read', async (request, context) => {
    const { uri } = request.params;
    const address = parseResourceUri(uri);
    if (!address) throw new ResourceNotFoundError(uri, `Unknown resource: ${uri}`);
    try {
      const { text, title } = await catalogs.use((catalog) => readResource(catalog, address, context.mcpReq.signal));
      recent.remember({ uri, name: address.id, title, mimeType: MARKDOWN });
      return { contents: [{ uri, mimeType: MARKDOWN, text }] };
    } catch (error) {
      throw protocolErrorOf(error, uri, options.log);
    }
  });

  if (options.pollIntervalMs) {
    const poller = new ResourcePoller(
      catalogs,
      options.pollIntervalMs,
      (uri) => server.sendResourceUpdated({ uri }),
      options.log,
    );
    const closed = server.onclose;
    server.onclose = () => {
      poller.close();
      closed?.();
    };
    server.setRequestHandler('resources/subscribe', async (request, context) => {
      const { uri } = request.params;
      const address = parseResourceUri(uri);
      if (!address) throw new ResourceNotFoundError(uri, `Unknown resource: ${uri}`);
      try {
        await poller.subscribe(uri, address, context.mcpReq.signal);
      } catch (error) {
        throw protocolErrorOf(error, uri, options.log);
      }
      return {};
    });
    server.setRequestHandler('resources/unsubscribe', (request) => {
      poller.unsubscribe(request.params.uri);
      return {};
    });
  }

  return {
    noteToolResult(result) {
      if (result.isError) return;
      for (const block of result.content)
        if (block.type === 'resource_link')
          recent.remember({ uri: block.uri, name: block.name, title: block.title, mimeType: block.mimeType });
    },
  };
}

const templateLists = new WeakMap<Catalog, ResourceTemplateType[]>();

/** The templates of the products the caller has an instance of that can read them; once per catalogue. */
export function templatesFor(catalog: Catalog): ResourceTemplateType[] {
  let templates = templateLists.get(catalog);
  if (!templates) templateLists.set(catalog, (templates = listTemplates(catalog)));
  return templates;
}

function listTemplates(catalog: Catalog): ResourceTemplateType[] {
  return RESOURCE_TEMPLATES.filter(
    (template) => instancesWith(catalog, template.product, [template.readBy]).length > 0,
  ).map((template) => ({
    uriTemplate: uriTemplateOf(template),
    name: `${template.product}-${template.kind}`,
    title: template.title,
    description: `${template.description} Instances: ${instancesWith(catalog, template.product, [template.readBy])
      .map((instance) => instance.config.name)
      .join(', ')}.`,
    mimeType: MARKDOWN,
  }));
}

/** Not found (`-32602` with the URI, as MCP says) for what the caller has no access to; the cause for failed reads. */
function protocolErrorOf(error: unknown, uri: string, log: Logger): ProtocolError {
  if (error instanceof ResourceReadError)
    return error.reason === 'unknown'
      ? new ResourceNotFoundError(uri, error.message)
      : new ProtocolError(ProtocolErrorCode.InternalError, error.message, { uri });
  if (error instanceof ProtocolError) return error;
  log.error(
    { uri, error: error instanceof Error ? error.message : String(error) },
    'resource request failed unexpectedly',
  );
  return new ProtocolError(
    ProtocolErrorCode.InternalError,
    `Reading ${uri} failed in the gateway (details are in its log).`,
  );
}
