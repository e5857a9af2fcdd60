/**
 * The gateway halves V8's interrupt budget (src/tier-up.ts), so a hot function is optimised after about half the
 * calls it would otherwise take, unless Node was given its own `--interrupt-budget`. Each count is taken in a child
 * process of its own, with and without the module, and with compilation made synchronous, so the call that
 * optimises a function is the same in every run. Only Node 20's V8 has the budget; on a later Node those counts are
 * skipped, and the version gate is checked on its own.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { GATEWAY_INTERRUPT_BUDGET, interruptBudgetFlag } from '../../src/tier-up.js';

const MODULE = fileURLToPath(new URL('../../src/tier-up.ts', import.meta.url));

/** Node 20's V8, the last with an interrupt budget; the processes below need it (Node 22+ has none to set). */
const NODE_20_V8 = '11.3.244.8-node.36';
const noBudget = Number.parseInt(process.versions.v8, 10) > 11 && `V8 ${process.versions.v8} has no interrupt budget`;

/** How many calls a small function takes to be optimised by TurboFan, with or without the gateway's module. */
function callsUntilOptimised(withModule: boolean, nodeArgs: string[] = []): number {
  const script = `
    if (${withModule}) await import(${JSON.stringify(MODULE)});
    function hot(values) {
      let sum = 0;
      for (const value of values) sum += value.a * 2 + value.b.length;
      return sum;
    }
    const values = [{ a: 1, b: 'x' }, { a: 2, b: 'yy' }];
    const TURBOFANNED = 1 << 4;
    let calls = 0;
    while (!(%GetOptimizationStatus(hot) & TURBOFANNED) && calls < 1e6) {
      hot(values);
      calls++;
    }
    process.stdout.write(String(calls));
  `;
  const output = execFileSync(
    process.execPath,
    [
      '--allow-natives-syntax',
      '--no-concurrent-recompilation',
      ...nodeArgs,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
  );
  return Number(output);
}

t.test('a hot function is optimised after about half the calls', { skip: noBudget }, async (t) => {
  const v8Default = callsUntilOptimised(false);
  const gateway = callsUntilOptimised(true);
  t.ok(v8Default > 0 && v8Default < 1e6, `V8's default budget: optimised after ${v8Default} calls`);
  t.ok(gateway > 0, `the gateway's budget: optimised after ${gateway} calls`);
  t.ok(gateway <= 0.7 * v8Default, `${gateway} calls against ${v8Default}`);
});

t.test("Node's own --interrupt-budget is left to decide", { skip: noBudget }, async (t) => {
  const v8Default = callsUntilOptimised(false);
  const given = callsUntilOptimised(true, ['--interrupt-budget=67584']);
  t.ok(given >= 0.9 * v8Default, `${given} calls with --interrupt-budget=67584, ${v8Default} without the module`);
});

t.test('a budget given to Node is found on its command line and in NODE_OPTIONS', async (t) => {
  const flag = (execArgv: string[], nodeOptions: string) => interruptBudgetFlag(execArgv, nodeOptions, NODE_20_V8);
  t.equal(flag(['--interrupt-budget=1000'], ''), undefined, 'on the command line');
  t.equal(flag(['--interrupt-budget', '1000'], ''), undefined, 'on the command line, value apart');
  t.equal(flag([], '--max-old-space-size=512 --interrupt_budget=1000'), undefined, 'in NODE_OPTIONS');
  t.equal(flag([], '--max-old-space-size=512'), `--interrupt-budget=${GATEWAY_INTERRUPT_BUDGET}`);
});

t.test('a V8 without an interrupt budget (Node 22 and later) is not given one', async (t) => {
  t.equal(interruptBudgetFlag([], '', NODE_20_V8), `--interrupt-budget=${GATEWAY_INTERRUPT_BUDGET}`, 'Node 20');
  t.equal(interruptBudgetFlag([], '', '12.4.254.21-node.57'), undefined, 'Node 22');
  t.equal(interruptBudgetFlag([], '', '13.6.233.17-node.63'), undefined, 'Node 24');
});
