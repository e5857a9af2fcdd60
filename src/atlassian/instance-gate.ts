/**
 * The gate every request to one upstream passes, shared by all callers of it (configured instance and tenants
 * alike): a circuit breaker that fails fast while the upstream is down, a pause every caller honours once Atlassian
 * answered one of them with `Retry-After`, at most `limit` requests in flight (the configured cap, lowered while
 * Atlassian reports its budget nearly spent), and an optional spacing between request starts. Waits never outlast
 * the call's own deadline: a wait that would is refused at once with an `AtlassianError` saying how long it was.
 * Every wait, whatever its cause, counts as waiting in the state and is reported to the gate's wait listener. When a
 * pause ends, the callers it held are let through in a ramp (one request in flight, then twice as many each time one
 * is answered, up to the limit), never all in the same instant. With replicas sharing state, the spacing of starts
 * comes from a schedule they share, and the pauses and lowered limits this gate learns are announced to the others
 * (`GateLinks`). A reload hands the gate its new settings (`reconfigure`): what it learned and who waits stay.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { abortReason, sleep } from './abortable-sleep.js';
import { AdaptiveLimit, type LimitReading } from './adaptive-limit.js';
import { CircuitBreaker, type AttemptHealth, type BreakerState } from './circuit-breaker.js';
import { expiredBudget } from './deadline.js';
import { AtlassianError, type HoldBack } from './errors.js';
import { readRateLimit } from './rate-limit-headers.js';
import { RecentCount } from './recent-count.js';
import { StartSpacing, type SharedTurnTaker } from './start-spacing.js';

export interface UpstreamLimits {
  /** Requests in flight at once, at most. */
  maxConcurrency: number;
  /** Request starts per second, at most; unset for no limit. */
  requestsPerSecond?: number;
  /** Consecutive server errors, timeouts or connection failures that open the circuit breaker; 0 turns it off. */
  breakerFailures: number;
  /** How long an open breaker fails calls fast before it lets a trial request through. */
  breakerCooldownMs: number;
}

export const DEFAULT_UPSTREAM_LIMITS: UpstreamLimits = {
  maxConcurrency: 64,
  breakerFailures: 5,
  breakerCooldownMs: 30_000,
};

/** Why a request waited at the gate: a pause Atlassian asked for, a free slot, or its turn under the request rate. */
export type GateWaitCause = 'retry_after' | 'slots' | 'rate';

/** One request's wait at the gate, as it ended (admitted or given up). */
export interface GateWait {
  instance: string;
  cause: GateWaitCause;
  ms: number;
}

/** Hears every wait at every gate: metrics and the status page count them. */
export type GateWaitListener = (wait: GateWait) => void;

/** What a status page or metrics may read about one upstream; a copy, never the live state. */
export interface UpstreamState {
  /** The instance name of the first client that opened the gate. */
  instance: string;
  baseUrl: string;
  inFlight: number;
  /** Requests allowed in flight now (adapted), and the configured cap. */
  limit: number;
  maxConcurrency: number;
  /** Requests waiting for a pause to end, a slot or their turn under the request rate. */
  waiting: number;
  /** Requests allowed in flight while a pause's ramp lasts (below `limit`); absent when no ramp is on. */
  rampLimit?: number;
  breaker: BreakerState;
  /** Epoch milliseconds when an open breaker lets a trial request through. */
  breakerReopensAt?: number;
  /** Epoch milliseconds until which every caller waits, as Atlassian asked. */
  pausedUntil?: number;
  /** 429 answers in the last minute. */
  recent429s: number;
}

/** The request a permit is asked for, as errors name it. */
export interface GateRequest {
  instance: string;
  method: string;
  path: string;
  /** Epoch milliseconds when the call's budget runs out. */
  deadline: number;
  signal: AbortSignal;
}

/** How one attempt went, for the gate to learn from. */
export interface AttemptReport {
  status?: number;
  headers?: IncomingHttpHeaders;
  health: AttemptHealth;
}

/** What a gate tells, and asks, beyond itself: metrics, and with replicas sharing state, the other replicas. */
export interface GateLinks {
  onWait?: GateWaitListener;
  /** Hears every pause this gate learned from Atlassian's answers. */
  onPause?: (ms: number) => void;
  /** Hears every time this gate lowered its limit (or spaced its starts) for what Atlassian's answers said. */
  onReading?: (reading: LimitReading) => void;
  /** Takes request starts' turns from a schedule replicas share. */
  sharedTurn?: SharedTurnTaker;
}

/** A slot taken: exactly one `release` gives it back. */
export interface Permit {
  release(report: AttemptReport): void;
}

/** A pause longer than this is cut short: a bad header must not stop an instance for hours. */
const MAX_PAUSE_MS = 15 * 60_000;
/** Pause after a 429 that named no wait. */
const DEFAULT_429_PAUSE_MS = 1000;
/** Callers queued per upstream at most; more are turned away at once. */
const MAX_WAITING = 10_000;

interface Waiter {
  admit(): void;
}

export class InstanceGate {
  private readonly breaker: CircuitBreaker;
  private readonly adaptive: AdaptiveLimit;
  private readonly recent429s = new RecentCount();
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private waiting = 0;
  private pausedUntil = 0;
  private readonly spacing: StartSpacing;
  private pauseTimer: NodeJS.Timeout | undefined;
  /** While a pause's ramp lasts: requests allowed in flight, doubled by each answer; undefined when no ramp is on. */
  private ramp: number | undefined;

  constructor(
    /** The instance name the gate's state is shown under (the latest configured one of its URL). */
    public instance: string,
    readonly baseUrl: string,
    private limits: UpstreamLimits,
    private readonly links: GateLinks = {},
  ) {
    this.breaker = new CircuitBreaker({ failures: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs });
    this.adaptive = new AdaptiveLimit(limits.maxConcurrency);
    this.spacing = new StartSpacing(links.sharedTurn);
  }

  /**
   * Applies new settings (a reload): the cap, rate and breaker settings change; a pause in force, the breaker's
   * state, the adapted limit and every waiting caller stay. A raised cap lets waiting callers in at once.
   */
  reconfigure(instance: string, limits: UpstreamLimits): void {
    this.instance = instance;
    this.limits = limits;
    this.breaker.configure({ failures: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs });
    this.adaptive.setCap(limits.maxConcurrency);
    this.drain();
  }

  /** The settings in force. */
  get settings(): UpstreamLimits {
    return this.limits;
  }

  /** Nothing in flight, nobody waiting, no pause and no open breaker: forgetting the gate loses nothing. */
  get idle(): boolean {
    return (
      this.inFlight === 0 && this.waiting === 0 && this.pausedUntil <= Date.now() && this.breaker.state === 'closed'
    );
  }

  /** Waits for the request's turn; throws an `AtlassianError` when it cannot come before the deadline. */
  async acquire(request: GateRequest): Promise<Permit> {
    const admitted = this.breaker.admit();
    if ('cooldownLeftMs' in admitted)
      throw this.refusal(request, 'circuit_open', {
        breaker: { cooldownLeftMs: admitted.cooldownLeftMs, failures: admitted.consecutiveFailures },
      });
    const trial = admitted.trial;
    if (this.freeNow()) {
      // Nothing to wait for: no pause, a free slot with nobody queued, no spacing. The stages below would each
      // find the same and wait for nothing, at the cost of their promises.
      this.inFlight++;
      return this.permit(trial);
    }
    try {
      this.waiting++;
      try {
        await this.timed(request, 'retry_after', () => this.untilResumed(request));
        await this.timed(request, 'slots', () => this.slot(request));
        try {
          await this.timed(request, 'rate', () => this.turn(request));
        } catch (error) {
          this.inFlight--;
          this.drain();
          throw error;
        }
      } finally {
        this.waiting--;
      }
    } catch (error) {
      this.breaker.record('unknown', trial);
      throw error;
    }
    return this.permit(trial);
  }

  /** True when a request may start at once: what `untilResumed`, `slot` and `turn` would each find. */
  private freeNow(): boolean {
    if (this.limits.requestsPerSecond || this.adaptive.spacing() > 0) return false;
    return this.queue.length === 0 && this.inFlight < this.allowed() && this.pausedUntil <= Date.now();
  }

  private permit(trial: boolean): Permit {
    let released = false;
    return {
      release: (report) => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.learn(report, trial);
        this.drain();
      },
    };
  }

  snapshot(now = Date.now()): UpstreamState {
    const reopensAt = this.breaker.reopensAt;
    return {
      instance: this.instance,
      baseUrl: this.baseUrl,
      inFlight: this.inFlight,
      limit: this.adaptive.value,
      maxConcurrency: this.limits.maxConcurrency,
      waiting: this.waiting,
      ...(this.ramp !== undefined ? { rampLimit: this.ramp } : {}),
      breaker: this.breaker.state,
      ...(reopensAt > now ? { breakerReopensAt: reopensAt } : {}),
      ...(this.pausedUntil > now ? { pausedUntil: this.pausedUntil } : {}),
      recent429s: this.recent429s.total(now),
    };
  }

  /** Runs one stage of waiting and reports how long it took, when the stage had to wait (it says so). */
  private async timed(request: GateRequest, cause: GateWaitCause, stage: () => Promise<boolean>): Promise<void> {
    const started = performance.now();
    let waited: boolean | undefined;
    try {
      waited = await stage();
    } finally {
      // A stage that gave up (deadline, abort) counts when it had waited at all; one refused at once does not.
      const ms = performance.now() - started;
      if (waited ?? ms >= 1) this.links.onWait?.({ instance: request.instance, cause, ms });
    }
  }

  /** Waits out a pause Atlassian asked for, unless it outlasts the call; true when it had to wait. */
  private async untilResumed(request: GateRequest): Promise<boolean> {
    for (let waited = false; ; waited = true) {
      const now = Date.now();
      const wait = this.pausedUntil - now;
      if (wait <= 0) return waited;
      if (now + wait >= request.deadline)
        throw this.heldBack(request, { cause: 'retry_after', waitMs: wait, leftMs: request.deadline - now });
      await sleep(wait, request.signal);
    }
  }

  /** Takes a slot, queueing while all are busy or a pause holds the queue; true when it had to queue. */
  private async slot(request: GateRequest): Promise<boolean> {
    if (this.queue.length === 0 && this.inFlight < this.allowed() && this.pausedUntil <= Date.now()) {
      this.inFlight++;
      return false;
    }
    if (this.queue.length >= MAX_WAITING)
      throw this.heldBack(request, { cause: 'slots', waitMs: 0, leftMs: request.deadline - Date.now() });
    const queuedAt = Date.now();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          request.signal.removeEventListener('abort', abandon);
          resolve();
        },
      };
      const abandon = () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        if (expiredBudget(request.signal) === undefined) return reject(abortReason(request.signal));
        const waited = Date.now() - queuedAt;
        const paused = this.pausedUntil > Date.now();
        reject(
          this.heldBack(request, {
            cause: paused ? 'retry_after' : 'slots',
            waitMs: paused ? this.pausedUntil - queuedAt : waited,
            leftMs: waited,
            limit: this.adaptive.value,
          }),
        );
      };
      this.queue.push(waiter);
      if (request.signal.aborted) abandon();
      else request.signal.addEventListener('abort', abandon, { once: true });
    });
    return true;
  }

  /** Spaces request starts: the configured rate, or the spacing a nearly spent budget asks for; true when it waited. */
  private async turn(request: GateRequest): Promise<boolean> {
    const configured = this.limits.requestsPerSecond ? 1000 / this.limits.requestsPerSecond : 0;
    const spacing = Math.max(configured, this.adaptive.spacing());
    if (spacing <= 0) return false;
    const turn = await this.spacing.take(spacing, request.deadline);
    if ('refusedMs' in turn)
      throw this.heldBack(request, {
        cause: 'rate',
        waitMs: turn.refusedMs,
        leftMs: request.deadline - Date.now(),
        limit: Math.round((1000 / spacing) * 100) / 100,
      });
    if (turn.waitMs <= 0) return false;
    await sleep(turn.waitMs, request.signal);
    return true;
  }

  /** Requests allowed in flight now: the adapted limit, or fewer while a pause's ramp lasts. */
  private allowed(): number {
    return Math.min(this.adaptive.value, this.ramp ?? Infinity);
  }

  private learn(report: AttemptReport, trial: boolean): void {
    const now = Date.now();
    this.breaker.record(report.health, trial);
    if (this.ramp !== undefined && report.status !== undefined && report.status < 500 && report.status !== 429) {
      this.ramp *= 2;
      if (this.ramp >= this.adaptive.value) this.ramp = undefined;
    }
    const signal = report.headers ? readRateLimit(report.headers, now) : undefined;
    if (report.status === 429) {
      this.recent429s.add(now);
      if (this.adaptive.refused(now)) this.links.onReading?.(this.adaptive.reading(now));
      this.pause(signal?.retryAfterMs ?? DEFAULT_429_PAUSE_MS, now);
    } else if (signal?.nearLimit) {
      if (this.adaptive.nearLimit(signal, now)) this.links.onReading?.(this.adaptive.reading(now));
    } else if (report.status !== undefined && report.status < 400) {
      this.adaptive.healthy();
    }
    if (report.status === 503 && signal?.retryAfterMs !== undefined) this.pause(signal.retryAfterMs, now);
    // The budget is spent and Atlassian said when it refills: nobody asks before then.
    if (signal?.remaining === 0 && signal.resetAt !== undefined) this.pause(signal.resetAt - now, now);
  }

  /** Lowers the limit and spaces starts as another replica's reading of the same budget says. */
  adoptReading(reading: LimitReading): void {
    this.adaptive.adopt(reading);
  }

  /** Pauses every caller for `ms`, as another replica learned from Atlassian. */
  pauseFor(ms: number): void {
    this.pause(ms, Date.now(), false);
  }

  private pause(ms: number, now: number, learnedHere = true): void {
    if (ms <= 0) return;
    const until = now + Math.min(ms, MAX_PAUSE_MS);
    if (until <= this.pausedUntil) return;
    if (learnedHere) this.links.onPause?.(until - now);
    this.pausedUntil = until;
    this.ramp = 1;
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.drain(), until - now + 1);
    this.pauseTimer.unref();
  }

  /** Lets queued requests through while slots are free (within a pause's ramp) and no pause holds them. */
  private drain(): void {
    if (this.pausedUntil > Date.now()) return;
    while (this.queue.length > 0 && this.inFlight < this.allowed()) {
      this.inFlight++;
      this.queue.shift()!.admit();
    }
  }

  private heldBack(request: GateRequest, holdBack: HoldBack): AtlassianError {
    return this.refusal(request, 'held_back', { holdBack: { ...holdBack, leftMs: Math.max(0, holdBack.leftMs) } });
  }

  private refusal(
    request: GateRequest,
    failure: 'held_back' | 'circuit_open',
    details: Pick<AtlassianError['details'], 'holdBack' | 'breaker'>,
  ): AtlassianError {
    return new AtlassianError({
      instance: request.instance,
      method: request.method,
      path: request.path,
      failure,
      ...details,
    });
  }
}
