/**
 * Serves one long-lived connection (an SSE stream, a WebSocket) with one server from the shared catalogue.
 * The SDK's connection entry decides the protocol era from the opening message, as it does for stdio.
 */
import type { McpServerFactory } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '../logging.js';
import type { ChannelTransport } from './channel-transport.js';
import type { SessionLimits } from './session-limits.js';

export interface OpenConnection {
  transport: ChannelTransport;
  close(): Promise<void>;
}

export function serveConnection(transport: ChannelTransport, factory: McpServerFactory, log: Logger): OpenConnection {
  const handle = serveStdio(factory, {
    transport,
    onerror: (error) => log.debug({ error: error.message }, 'mcp connection error'),
  });
  return { transport, close: () => handle.close() };
}

/** Tracks open connections so shutdown can close them all. */
export class ConnectionSet {
  private readonly open = new Set<OpenConnection>();

  add(connection: OpenConnection): () => void {
    this.open.add(connection);
    return () => this.open.delete(connection);
  }

  get size(): number {
    return this.open.size;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map((connection) => connection.close()));
  }
}

/**
 * Counts a connection in: with the open connections that shutdown closes, and against the session caps of
 * `account` (idle time and busyness read from its transport). The returned function counts it out of both.
 */
export function trackConnection(
  connection: OpenConnection,
  connections: ConnectionSet,
  limits: SessionLimits,
  account: string,
): () => void {
  const { transport } = connection;
  const forget = connections.add(connection);
  const uncount = limits.add({
    account,
    get lastActive() {
      return transport.lastActive;
    },
    get busy() {
      return transport.busy;
    },
    close: () => connection.close(),
  });
  return () => {
    forget();
    uncount();
  };
}
