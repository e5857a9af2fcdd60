/**
 * Has V8 optimise the gateway's hot code sooner. V8 compiles a function with TurboFan once it has run through its
 * interrupt budget (bytecode executed) a few times. One tool call runs a few hundred functions once or a few times
 * each (the HTTP client, JSON, conversion, rendering, the MCP layer), so at V8's default budget (66 KiB) they were
 * still being compiled a thousand calls into a session: on the realistic Cloud issue, V8's compiler threads used
 * 0.45 ms of CPU per call over calls 1,101–2,100, a quarter of the process's CPU, and still 0.23 ms over calls
 * 1,101–4,100. With half the budget most of that compiling is done sooner; the main thread's own cost per call is
 * about the same either way (docs/benchmarks.md, "Fourth round: V8 compiles the hot path sooner").
 *
 * Applied when this module is evaluated; main.ts imports it first, so the budget is set before the gateway serves
 * anything (V8 reads it each time a function's budget runs out, so functions that ran while modules loaded get it
 * too). An `--interrupt-budget` given to Node (`NODE_OPTIONS` or the command line) is left to decide.
 *
 * Only V8 11 and older (Node 20) have that budget: V8 12 (Node 22) and later decide by how often a function is
 * called instead, and would refuse the flag with an "unrecognized flag" line on stderr, so there it is not set.
 */
import v8 from 'node:v8';

/** Half of V8's default interrupt budget (67,584 bytes of bytecode in Node 20's V8). */
export const GATEWAY_INTERRUPT_BUDGET = 33_792;

/** The last V8 major release whose tiering runs on an interrupt budget. */
const LAST_V8_WITH_INTERRUPT_BUDGET = 11;

/** The V8 flag to set, or undefined when Node was given its own budget or its V8 has none. */
export function interruptBudgetFlag(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
  v8Version: string = process.versions.v8,
): string | undefined {
  if (Number.parseInt(v8Version, 10) > LAST_V8_WITH_INTERRUPT_BUDGET) return undefined;
  const given = [...execArgv, nodeOptions].some((option) => /--interrupt[-_]budget(?:[=\s]|$)/.test(option));
  return given ? undefined : `--interrupt-budget=${GATEWAY_INTERRUPT_BUDGET}`;
}

const flag = interruptBudgetFlag();
if (flag) v8.setFlagsFromString(flag);
