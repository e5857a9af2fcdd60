/**
 * How many requests one upstream may have in flight at once, adapted to what Atlassian says: halved on a 429,
 * cut by a quarter when the budget is nearly spent (at most once a second each, so a burst of answers from the same
 * moment counts once), and grown back by about one per round of healthy answers, up to the configured cap. While
 * the budget is low and Atlassian said when it refills, requests are also spaced so what is left lasts until then.
 */
import type { RateLimitSignal } from './rate-limit-headers.js';

/** Cuts closer together than this count as one. */
const CUT_SPACING_MS = 1000;

export class AdaptiveLimit {
  private current: number;
  private lastCut = 0;
  /** Spacing between request starts while the budget is low, until `spacingUntil`. */
  private spacingMs = 0;
  private spacingUntil = 0;

  constructor(private readonly cap: number) {
    this.current = cap;
  }

  /** Requests allowed in flight now. */
  get value(): number {
    return Math.max(1, Math.floor(this.current));
  }

  /** The gap the budget asks for between request starts now, in milliseconds (0: none). */
  spacing(now = Date.now()): number {
    return now < this.spacingUntil ? this.spacingMs : 0;
  }

  /** Atlassian refused a request for its rate (429). */
  refused(now = Date.now()): void {
    this.cut(0.5, now);
  }

  /** An answer that said the budget is nearly spent. */
  nearLimit(signal: RateLimitSignal, now = Date.now()): void {
    this.cut(0.75, now);
    if (
      signal.remaining !== undefined &&
      signal.remaining > 0 &&
      signal.resetAt !== undefined &&
      signal.resetAt > now
    ) {
      this.spacingMs = Math.min((signal.resetAt - now) / signal.remaining, 60_000);
      this.spacingUntil = signal.resetAt;
    }
  }

  /** An answer that said nothing about the budget, or said there is plenty left. */
  healthy(): void {
    if (this.current < this.cap) this.current = Math.min(this.cap, this.current + 1 / this.value);
  }

  private cut(factor: number, now: number): void {
    if (now - this.lastCut < CUT_SPACING_MS) return;
    this.lastCut = now;
    this.current = Math.max(1, this.current * factor);
  }
}
