/**
 * Spacing of request starts at one upstream's gate: each start takes the next turn, `spacingMs` after the one
 * before. With replicas sharing state the turns come from the shared schedule (shared-rate.ts), so the spacing holds
 * for all replicas together; when that cannot answer, or without shared state, this process keeps its own schedule.
 */
import type { SharedTurn } from './shared-rate.js';

/** Asks the shared schedule for a turn; undefined when it cannot answer now. */
export type SharedTurnTaker = (spacingMs: number, longestMs: number) => Promise<SharedTurn | undefined>;

export class StartSpacing {
  private nextStartAt = 0;

  constructor(private readonly shared?: SharedTurnTaker) {}

  /**
   * Takes the next turn under `spacingMs` unless it comes at or after `deadline` (epoch ms): how long to wait before
   * starting, or how far off the turn is when it is refused (nothing is taken then).
   */
  async take(spacingMs: number, deadline: number): Promise<SharedTurn> {
    if (this.shared) {
      const turn = await this.shared(spacingMs, deadline - Date.now());
      if (turn) return turn;
    }
    const now = Date.now();
    const startAt = Math.max(now, this.nextStartAt);
    if (startAt >= deadline) return { refusedMs: startAt - now };
    this.nextStartAt = startAt + spacingMs;
    return { waitMs: startAt - now };
  }
}
