/**
 * Caps on open sessions (stateful HTTP sessions, SSE streams, WebSockets), per caller and in all. A new
 * session makes room by closing the least recently active idle session in its way; when every session in the
 * way is busy with a call, the new one is refused. Without caps, idle sessions piled up for their whole idle
 * timeout (2,000 of them held for 30 minutes in one test).
 */
import type { FastifyRequest } from 'fastify';
import type { Logger } from '../logging.js';

/** What the caps need to know of an open session, whatever its transport. */
export interface LimitedSession {
  /** Who the session counts against (`accountOf`); '' when the gateway knows no callers (no keys, no tenants). */
  readonly account: string;
  /** Epoch milliseconds of its last inbound message. */
  readonly lastActive: number;
  /** True while a call it carries is unanswered; busy sessions are never closed to make room. */
  readonly busy: boolean;
  /** Ends the session; the client must reconnect. */
  close(): unknown;
}

/**
 * Who a request's sessions count against: its API key when it has one. A tenant's credential is whatever the
 * client sends, so a caller could mint a new one per session; tenants without a key are counted by the address
 * they connect from instead. Without keys and tenants everyone is the operator's caller, and only the total applies.
 */
export function accountOf(request: FastifyRequest): string {
  const caller = request.caller;
  if (caller?.grant) return `key:${caller.grant.id}`;
  if (caller?.tenant) return `address:${request.ip}`;
  return '';
}

export interface SessionCaps {
  total: number;
  /** Applies to identified callers (API keys, tenants); anonymous callers share only the total. */
  perCaller: number;
}

export class SessionLimits {
  private readonly open = new Set<LimitedSession>();

  constructor(
    private readonly caps: SessionCaps,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** Makes room for one more session of `account`; false when the sessions in the way are all busy. */
  admit(account: string): boolean {
    if (account !== '') {
      const mine = [...this.open].filter((session) => session.account === account);
      if (mine.length >= this.caps.perCaller && !this.evictLeastRecent(mine, 'per-caller')) return false;
    }
    if (this.open.size >= this.caps.total && !this.evictLeastRecent([...this.open], 'total')) return false;
    return true;
  }

  /** Counts a session in; the returned function counts it out (call it when the session ends). */
  add(session: LimitedSession): () => void {
    this.open.add(session);
    return () => this.open.delete(session);
  }

  private evictLeastRecent(candidates: readonly LimitedSession[], cap: 'per-caller' | 'total'): boolean {
    let oldest: LimitedSession | undefined;
    for (const session of candidates)
      if (!session.busy && (!oldest || session.lastActive < oldest.lastActive)) oldest = session;
    if (!oldest) return false;
    this.open.delete(oldest);
    this.log.info(
      { cap, idleMs: Date.now() - oldest.lastActive },
      'session cap reached: closed the least recently used idle session',
    );
    void Promise.resolve(oldest.close()).catch(() => undefined);
    return true;
  }
}
