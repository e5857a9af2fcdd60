/**
 * Rate-limit pauses shared by replicas: when Atlassian answers one replica with `Retry-After` (a 429, a 503) or
 * says the budget is spent until a reset, that replica's gate pauses and tells the others, whose gates for the same
 * upstream pause as long. Pauses travel as a length, not a clock time, so replicas need not agree on the time.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging.js';
import { reasonOf, type SharedState } from '../state/shared-state.js';

const CHANNEL = 'upstream:pauses';

interface PauseMessage {
  /** The replica that saw the answer; it has paused already. */
  from: string;
  /** The upstream's gate key (its API base URL). */
  upstream: string;
  ms: number;
}

export class SharedPauses {
  private readonly replica = randomUUID();

  constructor(
    private readonly state: SharedState,
    private readonly log: Logger,
  ) {}

  /** Calls `pause` for every pause another replica announces. */
  async listen(pause: (upstream: string, ms: number) => void): Promise<void> {
    await this.state.subscribe(CHANNEL, (text) => {
      const message = parseMessage(text);
      if (!message || message.from === this.replica) return;
      this.log.info(
        { upstream: message.upstream, pauseS: Math.round(message.ms / 100) / 10 },
        'Atlassian asked another replica to pause: pausing here too',
      );
      pause(message.upstream, message.ms);
    });
  }

  /** Tells the other replicas that `upstream` asked for a pause of `ms`. */
  announce(upstream: string, ms: number): void {
    const message: PauseMessage = { from: this.replica, upstream, ms: Math.ceil(ms) };
    this.state.publish(CHANNEL, JSON.stringify(message)).catch((error: unknown) => {
      this.log.warn(
        { upstream, cause: reasonOf(error) },
        'a rate-limit pause could not be shared with the other replicas',
      );
    });
  }
}

function parseMessage(text: string): PauseMessage | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<PauseMessage>;
    if (typeof parsed.from !== 'string' || typeof parsed.upstream !== 'string') return undefined;
    if (typeof parsed.ms !== 'number' || !Number.isFinite(parsed.ms) || parsed.ms <= 0) return undefined;
    return parsed as PauseMessage;
  } catch {
    return undefined;
  }
}
