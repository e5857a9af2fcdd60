/**
 * How many requests one upstream may have in flight at once, adapted to what Atlassian says: halved on a 429,
 * cut by a quarter when the budget is nearly spent (at most once a second each, so a burst of answers from the same
 * moment counts once), and grown back by about one per round of healthy answers, up to the configured cap. While
 * the budget is low and Atlassian said when it refills, requests are also spaced so what is left lasts until then.
 * A cut is a reading other replicas can adopt (they spend the same budget); adopting one never raises the limit.
 */
import type { RateLimitSignal } from './rate-limit-headers.js';

/** Cuts closer together than this count as one. */
const CUT_SPACING_MS = 1000;

/** The limit after a cut, and the spacing the budget asks for and for how long: what replicas tell each other. */
export interface LimitReading {
  limit: number;
  spacingMs?: number;
  spacingForMs?: number;
}

export class AdaptiveLimit {
  private current: number;
  private lastCut = 0;
  /** Spacing between request starts while the budget is low, until `spacingUntil`. */
  private spacingMs = 0;
  private spacingUntil = 0;

  constructor(private cap: number) {
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

  /** Atlassian refused a request for its rate (429); true when that lowered the limit. */
  refused(now = Date.now()): boolean {
    return this.cut(0.5, now);
  }

  /** An answer that said the budget is nearly spent; true when that lowered the limit or set a spacing. */
  nearLimit(signal: RateLimitSignal, now = Date.now()): boolean {
    const cut = this.cut(0.75, now);
    if (
      signal.remaining !== undefined &&
      signal.remaining > 0 &&
      signal.resetAt !== undefined &&
      signal.resetAt > now
    ) {
      const before = this.spacing(now);
      this.spacingMs = Math.min((signal.resetAt - now) / signal.remaining, 60_000);
      this.spacingUntil = signal.resetAt;
      return cut || this.spacingMs > before;
    }
    return cut;
  }

  /** An answer that said nothing about the budget, or said there is plenty left. */
  healthy(): void {
    if (this.current < this.cap) this.current = Math.min(this.cap, this.current + 1 / this.value);
  }

  /** The limit and spacing now, for other replicas to adopt. */
  reading(now = Date.now()): LimitReading {
    const spacing = this.spacing(now);
    return {
      limit: this.value,
      ...(spacing > 0 ? { spacingMs: spacing, spacingForMs: this.spacingUntil - now } : {}),
    };
  }

  /** Takes another replica's reading: lowers the limit to it (never raises it) and spaces starts as it does. */
  adopt(reading: LimitReading, now = Date.now()): void {
    if (reading.limit < this.current) this.current = Math.max(1, reading.limit);
    // This replica's answers from the same moment say the same: they do not cut again.
    this.lastCut = now;
    if (reading.spacingMs !== undefined && reading.spacingForMs !== undefined) {
      // A looser reading from another replica never shortens the spacing this one's own answers asked for.
      this.spacingMs = Math.max(this.spacing(now), Math.min(reading.spacingMs, 60_000));
      this.spacingUntil = Math.max(this.spacingUntil, now + reading.spacingForMs);
    }
  }

  /** A new cap (a reload changed `max_concurrency`): an unadapted limit follows it, an adapted one stays under it. */
  setCap(cap: number): void {
    this.current = this.current >= this.cap ? cap : Math.min(this.current, cap);
    this.cap = cap;
  }

  private cut(factor: number, now: number): boolean {
    if (now - this.lastCut < CUT_SPACING_MS) return false;
    this.lastCut = now;
    this.current = Math.max(1, this.current * factor);
    return true;
  }
}
