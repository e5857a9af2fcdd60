/**
 * Stateful streamable HTTP sessions (`--stateful`, 2025-era clients): one transport and one server per
 * `Mcp-Session-Id`, closed after an idle timeout and on shutdown.
 */
import type { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

interface Session {
  transport: NodeStreamableHTTPServerTransport;
  lastSeen: number;
  /** Fingerprint of the caller that opened the session (key and tenant); '' when neither applies. */
  owner: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly idleMs: number) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  add(id: string, transport: NodeStreamableHTTPServerTransport, owner = ''): void {
    this.sessions.set(id, { transport, lastSeen: Date.now(), owner });
  }

  ownerOf(id: string): string {
    return this.sessions.get(id)?.owner ?? '';
  }

  /** Finds a live session and marks it used. */
  touch(id: string): NodeStreamableHTTPServerTransport | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    session.lastSeen = Date.now();
    return session.transport;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map((session) => session.transport.close()));
  }

  private async sweep(): Promise<void> {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, session] of this.sessions) {
      if (session.lastSeen < cutoff) {
        this.sessions.delete(id);
        await session.transport.close().catch(() => undefined);
      }
    }
  }
}
