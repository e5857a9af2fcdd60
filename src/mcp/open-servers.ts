/**
 * The servers of open connections (stdio, SSE, WebSocket, stateful HTTP sessions), so a configuration reload can
 * tell each client that its lists changed. A server built for a single HTTP request is never kept: it is gone before
 * any reload could concern it.
 */
import type { Server } from '@modelcontextprotocol/server';
import type { Logger } from '../logging.js';

/** Which of a client's lists a reload changed. */
export interface ChangedLists {
  tools: boolean;
  prompts: boolean;
  resources: boolean;
}

export class OpenServers {
  private readonly servers = new Set<Server>();

  constructor(private readonly log: Logger) {}

  get size(): number {
    return this.servers.size;
  }

  /** Keeps `server` until it closes. */
  add(server: Server): void {
    this.servers.add(server);
    const closed = server.onclose;
    server.onclose = () => {
      this.servers.delete(server);
      closed?.();
    };
  }

  /**
   * Sends `notifications/*\/list_changed` for each changed list to every open connection. In the 2026-07-28 era the
   * SDK delivers them on the connection's `subscriptions/listen` streams that asked for them.
   */
  notify(changed: ChangedLists): void {
    for (const server of this.servers) {
      if (!server.transport) continue;
      const sends = [
        changed.tools && server.sendToolListChanged(),
        changed.prompts && server.sendPromptListChanged(),
        changed.resources && server.sendResourceListChanged(),
      ];
      for (const sent of sends)
        if (sent)
          void sent.catch((error: unknown) =>
            this.log.debug(
              { cause: error instanceof Error ? error.message : String(error) },
              'a list change could not be sent',
            ),
          );
    }
  }
}
