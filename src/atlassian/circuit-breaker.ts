/**
 * A circuit breaker for one upstream: after `failures` consecutive server errors, timeouts or connection failures
 * it opens, and calls fail at once for `cooldownMs` instead of piling onto an instance that is down. Then it half-
 * opens: one trial request goes through; its success closes the breaker, its failure opens it for another cool-down.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

/** What one attempt showed about the upstream's health. */
export type AttemptHealth = 'healthy' | 'failing' | 'unknown';

export interface BreakerSettings {
  /** Consecutive failures that open the breaker; 0 turns it off. */
  failures: number;
  cooldownMs: number;
}

/** Why a request may not go now: the breaker is open (with the time left) or its trial request is under way. */
export type BreakerRefusal = { cooldownLeftMs: number; consecutiveFailures: number };

export class CircuitBreaker {
  private consecutive = 0;
  private openUntil = 0;
  private trialRunning = false;
  private opened = false;

  constructor(private settings: BreakerSettings) {}

  /** New settings (a reload): an open breaker stays open for the cool-down it was given; the count goes on. */
  configure(settings: BreakerSettings): void {
    this.settings = settings;
  }

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return Date.now() < this.openUntil ? 'open' : 'half_open';
  }

  get consecutiveFailures(): number {
    return this.consecutive;
  }

  /** Epoch milliseconds when an open breaker half-opens; 0 when it is closed. */
  get reopensAt(): number {
    return this.opened ? this.openUntil : 0;
  }

  /**
   * Admits a request or says why not. A half-open breaker admits exactly one (the trial, `trial: true`), and
   * refuses the rest until the trial has said whether the upstream recovered.
   */
  admit(): { trial: boolean } | BreakerRefusal {
    if (!this.opened) return { trial: false };
    const left = this.openUntil - Date.now();
    if (left > 0 || this.trialRunning)
      return { cooldownLeftMs: Math.max(0, left), consecutiveFailures: this.consecutive };
    this.trialRunning = true;
    return { trial: true };
  }

  /** Records how an admitted request went. */
  record(health: AttemptHealth, trial: boolean): void {
    if (trial) this.trialRunning = false;
    if (health === 'unknown') return;
    if (health === 'healthy') {
      this.consecutive = 0;
      this.opened = false;
      return;
    }
    this.consecutive++;
    if (this.settings.failures > 0 && (trial || this.consecutive >= this.settings.failures)) {
      this.opened = true;
      this.openUntil = Date.now() + this.settings.cooldownMs;
    }
  }
}
