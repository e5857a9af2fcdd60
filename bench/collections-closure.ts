/**
 * The pattern behind the SDK rows of the collections benchmark, alone in plain JavaScript (collections.ts runs it with
 * V8's trace on): call after call, five every 10 ms, an answer is wrapped in a small per-call object, serialised and
 * dropped. The variant decides what else each call does with the wrapper:
 * - `none`: nothing;
 * - `stored`: makes a closure that refers to it and, in the same function, assigns that closure to a property of a
 *   fresh object, the way zod's `transform` and `superRefine` set `payload.addIssue` on every parse and the SDK's
 *   `Protocol.connect()` sets its transport's `onmessage`, `onclose` and `onerror`;
 * - `literal`: makes the same closure but writes it in the object literal;
 * - `defined`: adds it with `Object.defineProperty`.
 * Nothing keeps any of it past its call, so what a scavenge promotes here is kept by the young collector only.
 *
 * Arguments: the variant, the number of calls, the answer's size in bytes. Prints `{"calls": …}` on stderr at the end.
 */
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
  }
  return payload;
}

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
if (!['none', 'stored', 'literal', 'defined'].includes(variant ?? '')) throw new Error(`unknown variant ${variant}`);
tick();
