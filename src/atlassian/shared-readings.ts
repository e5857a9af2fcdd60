/**
 * Rate-limit readings shared by replicas: when one replica's gate lowers an upstream's concurrency (a 429, or an
 * answer saying the budget is nearly spent), it tells the others, whose gates for the same upstream lower theirs as
 * far and space their starts alike, since they spend the same budget. Only changes travel (a cut happens at most
 * once a second per upstream), never every answer. Times travel as lengths, so replicas need not agree on the time.
 */
import type { Logger } from '../logging.js';
import type { SharedState } from '../state/shared-state.js';
import type { LimitReading } from './adaptive-limit.js';
import { positiveNumber, UpstreamBroadcast } from './upstream-broadcast.js';

export class SharedReadings {
  private readonly broadcast: UpstreamBroadcast<LimitReading>;

  constructor(
    state: SharedState,
    private readonly log: Logger,
  ) {
    this.broadcast = new UpstreamBroadcast(state, log, {
      channel: 'upstream:readings',
      read: readReading,
      lost: 'a lowered concurrency could not be shared with the other replicas',
    });
  }

  /** Calls `adopt` for every reading another replica announces. */
  async listen(adopt: (upstream: string, reading: LimitReading) => void): Promise<void> {
    await this.broadcast.listen((upstream, reading) => {
      this.log.info(
        { upstream, limit: reading.limit },
        "another replica lowered the concurrency for Atlassian's rate-limit budget: lowering it here too",
      );
      adopt(upstream, reading);
    });
  }

  announce(upstream: string, reading: LimitReading): void {
    this.broadcast.announce(upstream, reading);
  }
}

function readReading(news: unknown): LimitReading | undefined {
  if (typeof news !== 'object' || news === null) return undefined;
  const { limit, spacingMs, spacingForMs } = news as Record<string, unknown>;
  const allowed = positiveNumber(limit);
  if (allowed === undefined) return undefined;
  const spacing = positiveNumber(spacingMs);
  const lasting = positiveNumber(spacingForMs);
  return {
    limit: Math.floor(allowed),
    ...(spacing !== undefined && lasting !== undefined ? { spacingMs: spacing, spacingForMs: lasting } : {}),
  };
}
