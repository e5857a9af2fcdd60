/**
 * Rate-limit pauses shared by replicas: when Atlassian answers one replica with `Retry-After` (a 429, a 503) or
 * says the budget is spent until a reset, that replica's gate pauses and tells the others, whose gates for the same
 * upstream pause as long. Pauses travel as a length, not a clock time, so replicas need not agree on the time.
 */
import type { Logger } from '../logging.js';
import type { SharedState } from '../state/shared-state.js';
import { positiveNumber, UpstreamBroadcast } from './upstream-broadcast.js';

export class SharedPauses {
  private readonly broadcast: UpstreamBroadcast<number>;

  constructor(
    state: SharedState,
    private readonly log: Logger,
  ) {
    this.broadcast = new UpstreamBroadcast(state, log, {
      channel: 'upstream:pauses',
      read: positiveNumber,
      lost: 'a rate-limit pause could not be shared with the other replicas',
    });
  }

  /** Calls `pause` for every pause another replica announces. */
  async listen(pause: (upstream: string, ms: number) => void): Promise<void> {
    await this.broadcast.listen((upstream, ms) => {
      this.log.info(
        { upstream, pauseS: Math.round(ms / 100) / 10 },
        'Atlassian asked another replica to pause: pausing here too',
      );
      pause(upstream, ms);
    });
  }

  /** Tells the other replicas that `upstream` asked for a pause of `ms`. */
  announce(upstream: string, ms: number): void {
    this.broadcast.announce(upstream, Math.ceil(ms));
  }
}
