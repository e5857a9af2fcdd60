/**
 * `resources/subscribe` by polling: a subscribed issue or page has its `updated` time (pages: version and last
 * change) read every interval, and a change sends `notifications/resources/updated`. Off unless the operator sets
 * `resource_poll_interval` (Cloud rate limits: every subscription costs a request per interval), only on connections
 * that outlive a request, at most `MAX_SUBSCRIPTIONS` per connection, and stopped on unsubscribe and on close.
 */
import { AtlassianError } from '../atlassian/errors.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import type { CatalogAccess } from './catalog-access.js';
import { findTool } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { ResourceReadError } from './resource-read.js';
import { templateFor, type ResourceAddress } from './resource-uris.js';

/** Subscriptions one connection may hold. */
export const MAX_SUBSCRIPTIONS = 20;

interface Subscription {
  timer: NodeJS.Timeout;
  last: string;
  polling: boolean;
}

export class ResourcePoller {
  private readonly subscriptions = new Map<string, Subscription>();
  private closed = false;

  constructor(
    private readonly catalogs: CatalogAccess,
    private readonly intervalMs: number,
    private readonly notify: (uri: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Reads the item once (so a wrong or hidden one fails now, not silently later) and starts polling it. */
  async subscribe(uri: string, address: ResourceAddress, signal: AbortSignal): Promise<void> {
    if (this.closed || this.subscriptions.has(uri)) return;
    if (address.kind !== 'issue' && address.kind !== 'page')
      throw new ResourceReadError('unknown', `Only issues and pages can be subscribed to, not ${address.kind}s.`);
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS)
      throw new ResourceReadError(
        'failed',
        `A connection holds at most ${MAX_SUBSCRIPTIONS} subscriptions; unsubscribe from one first.`,
      );
    const first = await this.catalogs.use((catalog) => changeMark(instanceFor(catalog, address), address, signal));
    if (this.closed || this.subscriptions.has(uri)) return;
    const subscription: Subscription = {
      last: first,
      polling: false,
      timer: setInterval(() => void poll(), this.intervalMs),
    };
    subscription.timer.unref();
    this.subscriptions.set(uri, subscription);
    const poll = async () => {
      if (subscription.polling) return;
      subscription.polling = true;
      try {
        // The catalogue of now: after a configuration reload, the item is read through the new one.
        const mark = await this.catalogs.use((catalog) => {
          const instance = instanceFor(catalog, address);
          return changeMark(instance, address, AbortSignal.timeout(instance.config.timeout * 1000));
        });
        if (mark !== subscription.last && this.subscriptions.get(uri) === subscription) {
          subscription.last = mark;
          await this.notify(uri);
        }
      } catch (error) {
        this.log.debug(
          { uri, cause: error instanceof Error ? error.message : String(error) },
          'polling a subscribed resource failed',
        );
      } finally {
        subscription.polling = false;
      }
    };
  }

  unsubscribe(uri: string): void {
    const subscription = this.subscriptions.get(uri);
    if (subscription) clearInterval(subscription.timer);
    this.subscriptions.delete(uri);
  }

  close(): void {
    this.closed = true;
    for (const uri of [...this.subscriptions.keys()]) this.unsubscribe(uri);
  }
}

/** The instance that reads the item for this caller; "unknown" when the caller's catalogue has none. */
function instanceFor(catalog: Catalog, address: ResourceAddress): InstanceRuntime {
  const template = templateFor(address.product, address.kind)!;
  const instance = findTool(catalog, address.product, address.instance, template.readBy)?.instance;
  if (!instance)
    throw new ResourceReadError(
      'unknown',
      `No ${address.product} instance "${address.instance}" offers ${address.kind}s to this caller.`,
    );
  return instance;
}

/** What changes when the item does: an issue's `updated` time, a page's version and last change. */
async function changeMark(instance: InstanceRuntime, address: ResourceAddress, signal: AbortSignal): Promise<string> {
  try {
    if (address.kind === 'issue') {
      const issue = await instance.jira!.getIssue(address.id.toUpperCase(), { fields: ['updated'], signal });
      const updated = issue.fields?.updated;
      return typeof updated === 'string' ? updated : JSON.stringify(updated ?? null);
    }
    const page = await instance.confluence!.getPage(address.id, { signal });
    return `${page.version ?? ''}/${page.lastModified ?? ''}`;
  } catch (error) {
    if (error instanceof AtlassianError)
      throw new ResourceReadError('failed', error.describe(`Read ${address.kind} ${address.id}`));
    throw error;
  }
}
