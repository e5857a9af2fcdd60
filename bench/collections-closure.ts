/**
 * The pattern behind the SDK rows of the collections benchmark, alone in plain JavaScript (collections.ts runs it with
 * V8's trace on): call after call, five every 10 ms, an answer is wrapped in a small per-call object, serialised and
 * dropped. The variant decides what else each call does with the wrapper:
 * - `none`: nothing;
 * - `stored`: makes a closure that refers to it and, in the same function, assigns that closure to a property of a
 *   fresh object, the way zod's `transform` and `superRefine` set `payload.addIssue` on every parse and the SDK's
 *   `Protocol.connect()` sets its transport's `onmessage`, `onclose` and `onerror`;
 * - `literal`: makes the same closure but writes it in the object literal;
 * - `defined`: adds it with `Object.defineProperty`;
 * - `wrapped`: assigns it as `(0, closure)`, the way the build rewrites such assignments (scripts/young-generation.ts);
 * - `accessor`: gives a fresh object a getter of its own that returns the wrapper, the way zod's failed `safeParse`
 *   result did;
 * - `prototype-accessor`: keeps the wrapper in an instance of a class whose getter returns it, the way the build
 *   rewrites zod's result;
 * - `set`: adds the wrapper to a long-lived `Set` holding the last 16 and deletes the oldest, the way the SDK tracks
 *   its in-flight servers;
 * - `list`: the same with the array-backed list the build gives the SDK instead (src/mcp/inflight-list.ts);
 * - `registry`: registers a token with a long-lived `FinalizationRegistry`, holding the wrapper, the way undici
 *   registers a request made with a signal;
 * - `prototype`: makes an object whose prototype is the wrapper;
 * - `abort-signal`: makes an `AbortController` and listens on its signal with a closure referring to the wrapper, the
 *   way the SDK does for every request it handles and undici for every web `Request` (on Node 20 the signal's own
 *   objects are kept; what its listener refers to is not).
 * Nothing keeps any of it past its call (the set and the list, past 16 calls), so what a scavenge promotes here is
 * kept by the young collector only.
 *
 * Arguments: the variant, the number of calls, the answer's size in bytes. Prints `{"calls": …}` on stderr at the end.
 */
import { InflightList } from '../src/mcp/inflight-list.js';

const [variant, CALLS, answerBytes] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const ANSWER = 'x'.repeat(answerBytes);
const CALLS_PER_TICK = 5;

function wrap(value: object): { value: object } {
  const payload = { value };
  if (variant === 'stored') {
    const holder: { refer?: () => unknown } = {};
    holder.refer = () => payload;
  } else if (variant === 'literal') {
    const holder = { refer: () => payload };
    void holder;
  } else if (variant === 'defined') {
    Object.defineProperty({}, 'refer', { value: () => payload, writable: true, enumerable: true, configurable: true });
  } else if (variant === 'wrapped') {
    const holder: { refer?: () => unknown } = {};
    // @ts-expect-error TS2695: the unused `0` is the point, and is exactly what the build writes.
    holder.refer = (0, () => payload);
  } else if (variant === 'accessor') {
    const result = {
      ok: false,
      get refer() {
        return payload;
      },
    };
    void result;
  } else if (variant === 'prototype-accessor') {
    void new Refers(payload);
  } else if (variant === 'set' || variant === 'list') {
    const recent = variant === 'set' ? RECENT_SET : RECENT_LIST;
    recent.add(payload);
    RECENT.push(payload);
    if (RECENT.length > 16) recent.delete(RECENT.shift()!);
  } else if (variant === 'registry') {
    REGISTRY.register({}, payload);
  } else if (variant === 'prototype') {
    void Object.create(payload);
  } else if (variant === 'abort-signal') {
    new AbortController().signal.addEventListener('abort', () => payload);
  }
  return payload;
}

/** A result whose getter is on its class's prototype. */
class Refers {
  readonly #payload: object;
  constructor(payload: object) {
    this.#payload = payload;
  }
  get refer(): object {
    return this.#payload;
  }
}

const RECENT: object[] = [];
const RECENT_SET = new Set<object>();
const RECENT_LIST = new InflightList<object>();
const REGISTRY = new FinalizationRegistry<object>(() => undefined);

let calls = 0;
let written = 0;
const tick = () => {
  for (let i = 0; i < CALLS_PER_TICK; i++, calls++) {
    const answer = { content: [{ type: 'text', text: `${ANSWER}${Math.random()}` }] };
    written += JSON.stringify(wrap(answer).value).length;
  }
  if (calls < CALLS) setTimeout(tick, 10);
  else process.stderr.write(`${JSON.stringify({ calls, written })}\n`);
};
const VARIANTS = [
  'none',
  'stored',
  'literal',
  'defined',
  'wrapped',
  'accessor',
  'prototype-accessor',
  'set',
  'list',
  'registry',
  'prototype',
  'abort-signal',
];
if (!VARIANTS.includes(variant ?? '')) throw new Error(`unknown variant ${variant}`);
tick();
