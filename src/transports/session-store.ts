/**
 * Stateful streamable HTTP sessions (`--stateful`, 2025-era clients) this replica serves: one transport and one
 * server per `Mcp-Session-Id`, closed after an idle timeout, when the session caps need room, and on shutdown.
 * With shared state, the same session may be open on other replicas too (shared-sessions.ts).
 */
import type { LimitedSession, SessionLimits } from './session-limits.js';

/** A session's transport, as this store needs it. */
export interface SessionTransport {
  close(): Promise<void>;
}

class Session<T extends SessionTransport> implements LimitedSession {
  lastActive = Date.now();
  /** POSTs of this session still being answered. */
  inFlight = 0;
  uncount: () => void = () => undefined;

  constructor(
    readonly transport: T,
    /** Fingerprint of the caller that opened the session (key and tenant): only it may use the session. */
    readonly owner: string,
    /** Who the session counts against under the caps (`accountOf`). */
    readonly account: string,
  ) {}

  get busy(): boolean {
    return this.inFlight > 0;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

export class SessionStore<T extends SessionTransport> {
  private readonly sessions = new Map<string, Session<T>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly limits: SessionLimits,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Makes room for a new session of `account` under the caps; false when there is none. */
  admit(account: string): boolean {
    return this.limits.admit(account);
  }

  add(id: string, transport: T, owner: string, account: string): void {
    const session = new Session(transport, owner, account);
    session.uncount = this.limits.add(session);
    this.sessions.set(id, session);
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  ownerOf(id: string): string {
    return this.sessions.get(id)?.owner ?? '';
  }

  /** Finds a live session and marks it used. */
  touch(id: string): T | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    session.lastActive = Date.now();
    return session.transport;
  }

  /** Counts a request of the session as in flight until `done` is called, so the caps never close it meanwhile. */
  begin(id: string): () => void {
    const session = this.sessions.get(id);
    if (!session) return () => undefined;
    session.inFlight++;
    return () => {
      session.inFlight--;
      session.lastActive = Date.now();
    };
  }

  delete(id: string): void {
    this.sessions.get(id)?.uncount();
    this.sessions.delete(id);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const open = [...this.sessions.values()];
    for (const session of open) session.uncount();
    this.sessions.clear();
    await Promise.allSettled(open.map((session) => session.transport.close()));
  }

  private async sweep(): Promise<void> {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, session] of this.sessions) {
      if (session.lastActive < cutoff && !session.busy) {
        this.delete(id);
        await session.transport.close().catch(() => undefined);
      }
    }
  }
}
