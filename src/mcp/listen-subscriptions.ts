/**
 * `subscriptions/listen` (MCP 2026-07-28) over streamable HTTP, wired to the same polling as `resources/subscribe`.
 * The SDK's HTTP entry serves the listen stream itself (ack first, subscription ids, keep-alive, teardown) and
 * delivers the events its bus publishes; the gateway supplies that bus. A listen request's resource URIs are polled
 * for that one stream only, through the caller's own catalogue, so a change is announced to the caller who asked and
 * never to another caller listening to the same URI (tenants' instances can share a name). Each URI is read once
 * before the stream opens, so a wrong or hidden one is refused at once, as `resources/subscribe` refuses it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
import type { Logger } from '../logging.js';
import type { CatalogAccess } from './catalog-access.js';
import { MAX_SUBSCRIPTIONS, ResourcePoller } from './resource-polling.js';
import { ResourceReadError } from './resource-read.js';
import { parseResourceUri } from './resource-uris.js';

type Listener = (event: ServerEvent) => void;

/** The polling of one listen stream; it ends when the stream does. */
export interface ListenScope {
  /** Called by the bus when the SDK attaches the stream's listener. */
  attach(listener: Listener): void;
  close(): void;
}

/**
 * The event bus of the HTTP entry. Events published to everyone (list changes) reach every open stream; a resource
 * change found by a stream's own polling reaches that stream alone. The stream a listener belongs to is the scope its
 * `serve` ran in (`serveIn`): the SDK attaches a listen stream's listener synchronously while serving the request.
 */
export class ListenBus implements ServerEventBus {
  private readonly listeners = new Set<Listener>();
  private readonly scopes = new AsyncLocalStorage<ListenScope>();

  /** Runs `serve` (one HTTP request) so that a listen stream it opens belongs to `scope`. */
  serveIn<T>(scope: ListenScope, serve: () => T): T {
    return this.scopes.run(scope, serve);
  }

  publish(event: ServerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: Listener): () => void {
    const scope = this.scopes.getStore();
    this.listeners.add(listener);
    scope?.attach(listener);
    let live = true;
    return () => {
      if (!live) return;
      live = false;
      this.listeners.delete(listener);
      scope?.close();
    };
  }
}

/** Why a listen request was refused before its stream opened: the URI and the reason, for a JSON-RPC error. */
export class ListenRefusal extends Error {
  constructor(
    readonly uri: string,
    message: string,
  ) {
    super(message);
  }
}

/** The resource URIs a `subscriptions/listen` request body asks for, or undefined when the body is no such request. */
export function listenedUris(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; params?: { notifications?: { resourceSubscriptions?: unknown } } };
  if (message.method !== 'subscriptions/listen') return undefined;
  const uris = message.params?.notifications?.resourceSubscriptions;
  return Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string') : [];
}

/**
 * Starts polling `uris` for one listen stream of a caller whose catalogue `catalogs` reaches: each item is read once now
 * (a `ListenRefusal` names the first that cannot be), then every `intervalMs`; a change is delivered to the stream's
 * listener as `notifications/resources/updated`. The polling stops when the stream closes or `signal` aborts.
 */
export async function openListenScope(
  catalogs: CatalogAccess,
  uris: readonly string[],
  intervalMs: number,
  signal: AbortSignal,
  log: Logger,
): Promise<ListenScope> {
  let listener: Listener | undefined;
  const poller = new ResourcePoller(
    catalogs,
    intervalMs,
    (uri) => {
      listener?.({ kind: 'resource_updated', uri });
      return Promise.resolve();
    },
    log,
  );
  const unique = [...new Set(uris)];
  if (unique.length > MAX_SUBSCRIPTIONS)
    throw new ListenRefusal(
      unique[MAX_SUBSCRIPTIONS]!,
      `A listen stream polls at most ${MAX_SUBSCRIPTIONS} resources.`,
    );
  try {
    for (const uri of unique) {
      const address = parseResourceUri(uri);
      if (!address) throw new ListenRefusal(uri, `Unknown resource: ${uri}`);
      try {
        await poller.subscribe(uri, address, signal);
      } catch (error) {
        if (error instanceof ResourceReadError) throw new ListenRefusal(uri, error.message);
        throw error;
      }
    }
  } catch (error) {
    poller.close();
    throw error;
  }
  const close = () => poller.close();
  signal.addEventListener('abort', close, { once: true });
  return {
    attach: (attached) => void (listener = attached),
    close: () => {
      signal.removeEventListener('abort', close);
      close();
    },
  };
}
