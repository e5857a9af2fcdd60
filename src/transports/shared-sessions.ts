/**
 * Stateful HTTP sessions in the shared state, so a session opened on one replica is served by any other: each
 * session's record holds what rebuilding its transport and server needs (id, owner fingerprint, the client's
 * `initialize` request: protocol version, capabilities and client info; whether it sent `initialized`). A replica
 * that meets an id it does not know looks the record up and replays the handshake into a fresh transport and
 * server. Records expire after the idle timeout unless a replica serving the session renews them; closing a
 * session (DELETE) deletes the record and tells every replica to drop its copy.
 */
import type { Logger } from '../logging.js';
import { reasonOf, type SharedState } from '../state/shared-state.js';

/** What any replica needs to serve a session it did not open. */
export interface SessionRecord {
  id: string;
  /** Fingerprint of the caller that opened it (key and tenant digests, never a secret). */
  owner: string;
  /** Who the session counts against under the caps. */
  account: string;
  /** The client's `initialize` request as it was sent (protocol version, capabilities, client info). */
  initialize: unknown;
  /** The client has sent `notifications/initialized`. */
  initialized: boolean;
}

const CLOSED_CHANNEL = 'sessions:closed';
/** A session's record is renewed at most this often per replica (a fraction of the idle timeout). */
const RENEW_FRACTION = 10;

export class SharedSessions {
  private readonly renewedAt = new Map<string, number>();

  constructor(
    private readonly state: SharedState,
    private readonly idleMs: number,
    private readonly log: Logger,
  ) {}

  /** Calls `onClosed` with the id of every session closed on any replica. */
  async onClosed(onClosed: (id: string) => void): Promise<void> {
    await this.state.subscribe(CLOSED_CHANNEL, onClosed);
  }

  /** Shares a session just opened; on failure it stays served by this replica only, and the log says so. */
  async save(record: SessionRecord): Promise<void> {
    try {
      await this.state.set(keyOf(record.id), JSON.stringify(record), this.idleMs);
      this.renewedAt.set(record.id, Date.now());
    } catch (error) {
      this.log.error({ cause: reasonOf(error) }, 'a new session is served by this replica only');
    }
  }

  /** The record of `id`, or undefined when no replica knows it; throws `SharedStateError` when Redis is away. */
  async find(id: string): Promise<SessionRecord | undefined> {
    const stored = await this.state.get(keyOf(id));
    if (!stored) return undefined;
    const record = parseRecord(stored);
    if (record?.id !== id) return undefined;
    this.renewedAt.set(id, Date.now());
    return record;
  }

  /** The client finished its handshake: replicas restoring the session replay that too. */
  async markInitialized(record: SessionRecord): Promise<void> {
    if (record.initialized) return;
    record.initialized = true;
    await this.save(record);
  }

  /** Keeps a session in use alive everywhere; renews the record at most every tenth of the idle timeout. */
  renew(id: string): void {
    const now = Date.now();
    if (now - (this.renewedAt.get(id) ?? 0) < this.idleMs / RENEW_FRACTION) return;
    this.renewedAt.set(id, now);
    this.state.touch(keyOf(id), this.idleMs).catch((error: unknown) => {
      this.log.warn({ cause: reasonOf(error) }, 'could not keep a session alive in the shared state');
    });
  }

  /** Forgets the session on this replica only (it went idle here, or this replica shuts down). */
  forgetLocally(id: string): void {
    this.renewedAt.delete(id);
  }

  /** The session was closed (DELETE): gone everywhere. */
  async remove(id: string): Promise<void> {
    this.renewedAt.delete(id);
    try {
      await this.state.delete(keyOf(id));
      await this.state.publish(CLOSED_CHANNEL, id);
    } catch (error) {
      this.log.error({ cause: reasonOf(error) }, 'a closed session stays known to other replicas until it expires');
    }
  }
}

function keyOf(id: string): string {
  return `session:${id}`;
}

function parseRecord(text: string): SessionRecord | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<SessionRecord>;
    if (typeof parsed.id !== 'string' || typeof parsed.owner !== 'string' || typeof parsed.account !== 'string')
      return undefined;
    return { ...parsed, initialized: parsed.initialized === true } as SessionRecord;
  } catch {
    return undefined;
  }
}
