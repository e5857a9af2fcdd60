/**
 * One request rate for an upstream across replicas: with a shared state, each request start takes its turn from
 * Redis in one atomic step (a Lua script by `EVALSHA`): a schedule of the next free start time per upstream, kept on
 * Redis's clock, so replicas need not agree on the time. The answer is how long to wait before starting; a turn
 * that would come after the call's deadline is not taken. Redis must never hold calls up: when it is unreachable,
 * errs or is slow to answer, the gate uses its own local spacing at once, Redis is left alone for a moment, and the
 * outage is logged once (with the URL's password redacted), its end once more.
 */
import type { Logger } from '../logging.js';
import { reasonOf, sharedScript, type SharedState } from '../state/shared-state.js';

/**
 * KEYS[1]: the upstream's schedule (the earliest next start, Redis milliseconds). ARGV: the spacing between starts
 * and the longest wait the caller can afford, in milliseconds. Answers the wait before this request may start, or
 * `-1 - wait` when that is too long (and nothing is reserved).
 */
const TAKE_TURN = sharedScript(`
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local spacing = tonumber(ARGV[1])
local longest = tonumber(ARGV[2])
local next_start = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, next_start)
local wait = start - now
if wait >= longest then return -1 - math.floor(wait) end
redis.call('SET', KEYS[1], string.format('%.3f', start + spacing), 'PX', math.ceil(wait + spacing) + 1000)
return math.floor(wait)
`);

/** Longer than this for a turn, and Redis counts as slow: the local spacing decides instead. */
const ANSWER_WITHIN_MS = 250;
/** After Redis failed, how long the local spacing decides before Redis is asked again. */
const RETRY_AFTER_FAILURE_MS = 1000;

/** A turn taken from the shared schedule: start after `waitMs`, or `refusedMs` when the turn is too far off. */
export type SharedTurn = { waitMs: number } | { refusedMs: number };

export class SharedRate {
  private downUntil = 0;
  private down = false;

  constructor(
    private readonly state: SharedState,
    private readonly log: Logger,
  ) {}

  /**
   * Takes `upstream`'s next turn under `spacingMs` between starts, unless it is `longestMs` or more away; undefined
   * when the shared schedule cannot answer now (the caller spaces requests itself).
   */
  async take(upstream: string, spacingMs: number, longestMs: number): Promise<SharedTurn | undefined> {
    if (Date.now() < this.downUntil) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      // An answer that arrived while this process was too busy to read it is read first (I/O comes before
      // `setImmediate`): only Redis's own slowness counts, not this event loop's.
      timer = setTimeout(() => setImmediate(() => resolve('slow')), ANSWER_WITHIN_MS);
    });
    try {
      const answer = await Promise.race([
        this.state.runScript(TAKE_TURN, [`rate:${upstream}`], [spacingMs.toFixed(3), String(Math.floor(longestMs))]),
        slow,
      ]);
      if (answer === 'slow') return this.unavailable(upstream, `no answer within ${ANSWER_WITHIN_MS} ms`);
      if (typeof answer !== 'number') return this.unavailable(upstream, 'an unexpected answer');
      this.recovered(upstream);
      return answer >= 0 ? { waitMs: answer } : { refusedMs: -1 - answer };
    } catch (error) {
      return this.unavailable(upstream, reasonOf(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private unavailable(upstream: string, cause: string): undefined {
    this.downUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
    if (!this.down) {
      this.down = true;
      this.log.warn(
        { upstream, where: this.state.where, cause },
        'the shared request rate is unavailable: each replica spaces its own requests until it is back',
      );
    }
    return undefined;
  }

  private recovered(upstream: string): void {
    if (!this.down) return;
    this.down = false;
    this.log.info({ upstream, where: this.state.where }, 'the shared request rate is back: replicas share it again');
  }
}
