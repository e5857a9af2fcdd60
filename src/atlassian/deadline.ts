/**
 * The instance's `timeout` bounds a whole tool call, not only each request in it: a call that pages, looks
 * things up or retries gets one deadline, and every request it makes stops when that runs out. The deadline
 * travels as the abort signal the tool already passes down; its reason carries the budget, so the error can
 * name it.
 */

/** The abort reason of a call whose time ran out. */
export interface DeadlineReason extends DOMException {
  readonly budgetMs: number;
}

export interface CallDeadline {
  readonly signal: AbortSignal;
  /** Epoch milliseconds when the signal aborts at the latest: its own budget, or an earlier one it inherited. */
  readonly at: number;
  /** Clears the timer; call it when the call is done. */
  end(): void;
}

/** When each deadline signal runs out, so a request inside a call never plans past the call's end. */
const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts when `outer` does (the client cancelled, an enclosing deadline ran out) or after `ms`. */
export function startCallDeadline(ms: number, outer?: AbortSignal): CallDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const reason = Object.assign(new DOMException('the call ran out of time', 'TimeoutError'), { budgetMs: ms });
    controller.abort(reason);
  }, ms);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  const at = Math.min(Date.now() + ms, (outer && deadlines.get(outer)) ?? Number.POSITIVE_INFINITY);
  deadlines.set(controller.signal, at);
  return {
    signal: controller.signal,
    at,
    end() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}

/** The budget of the deadline that aborted `signal`, if that is why it aborted. */
export function expiredBudget(signal: AbortSignal | undefined): number | undefined {
  const reason = signal?.aborted ? (signal.reason as Partial<DeadlineReason> | undefined) : undefined;
  return reason?.name === 'TimeoutError' && typeof reason.budgetMs === 'number' ? reason.budgetMs : undefined;
}
