/**
 * A stdio gateway holds V8's young generation near 4 MiB (transports/young-generation.ts) instead of letting it grow
 * to 32 MiB, unless Node was given its own `--max-semi-space-size`. Each case runs in a child process, so the V8 flag
 * it sets never reaches the test runner, and allocates the way a busy session does (short-lived objects, some
 * surviving a collection).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { YOUNG_GENERATION_CAP_BYTES } from '../../src/transports/young-generation.js';

const MODULE = fileURLToPath(new URL('../../src/transports/young-generation.ts', import.meta.url));

/** The young generation's size in bytes after a burst of allocation, with or without the hold. */
function youngGenerationAfterLoad(hold: boolean, nodeArgs: string[] = []): number {
  const script = `
    import v8 from 'node:v8';
    import { holdYoungGeneration } from ${JSON.stringify(MODULE)};
    if (${hold}) holdYoungGeneration();
    const kept = [];
    for (let round = 0; round < 1500; round++) {
      kept.push(JSON.parse(JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, text: 'x' + i })) })));
      if (kept.length > 40) kept.shift();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const space = v8.getHeapSpaceStatistics().find((entry) => entry.space_name === 'new_space');
    process.stdout.write(String(space.space_size));
  `;
  const output = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  return Number(output);
}

t.test('the young generation stays within twice the cap under load', async (t) => {
  const held = youngGenerationAfterLoad(true);
  t.ok(held <= 2 * YOUNG_GENERATION_CAP_BYTES, `held: ${held / 2 ** 20} MiB`);
  const free = youngGenerationAfterLoad(false);
  t.ok(free > 2 * YOUNG_GENERATION_CAP_BYTES, `without the hold the same load grows it to ${free / 2 ** 20} MiB`);
});

t.test("Node's own --max-semi-space-size is left to decide", async (t) => {
  const given = youngGenerationAfterLoad(true, ['--max-semi-space-size=16']);
  t.ok(given > 2 * YOUNG_GENERATION_CAP_BYTES, `with --max-semi-space-size=16: ${given / 2 ** 20} MiB`);
});
