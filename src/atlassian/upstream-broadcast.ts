/**
 * One broadcast channel about upstreams between replicas sharing state: a replica announces what it learned about an
 * upstream (keyed by its gate key, the API base URL), every other replica hears it; a replica ignores its own
 * announcements, having acted on them already. Messages are JSON; one that does not read as expected is dropped.
 * Announcing never waits and never fails a call: a lost announcement is logged and the replica carries on alone.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging.js';
import { reasonOf, type SharedState } from '../state/shared-state.js';

/** What travels besides the news itself: who sent it, about which upstream. */
interface Envelope {
  from: string;
  upstream: string;
  news: unknown;
}

export interface BroadcastSpec<News> {
  channel: string;
  /** The news as sent, or undefined when it is not what this channel carries. */
  read(news: unknown): News | undefined;
  /** What the log says when an announcement could not be sent. */
  lost: string;
}

export class UpstreamBroadcast<News> {
  private readonly replica = randomUUID();

  constructor(
    private readonly state: SharedState,
    private readonly log: Logger,
    private readonly spec: BroadcastSpec<News>,
  ) {}

  /** Calls `hear` for every announcement of another replica. */
  async listen(hear: (upstream: string, news: News) => void): Promise<void> {
    await this.state.subscribe(this.spec.channel, (text) => {
      const envelope = parseEnvelope(text);
      if (!envelope || envelope.from === this.replica) return;
      const news = this.spec.read(envelope.news);
      if (news !== undefined) hear(envelope.upstream, news);
    });
  }

  /** Tells the other replicas `news` about `upstream`. */
  announce(upstream: string, news: News): void {
    const envelope: Envelope = { from: this.replica, upstream, news };
    this.state.publish(this.spec.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.log.warn({ upstream, cause: reasonOf(error) }, this.spec.lost);
    });
  }
}

function parseEnvelope(text: string): Envelope | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Envelope>;
    if (typeof parsed.from !== 'string' || typeof parsed.upstream !== 'string') return undefined;
    return parsed as Envelope;
  } catch {
    return undefined;
  }
}

/** A positive finite number, or undefined. */
export function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
