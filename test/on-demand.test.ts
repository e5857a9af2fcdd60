/**
 * on-demand.ts: a preload waits while the process is busy (a client calling at once) and loads once it is idle;
 * a load at any time gets the one value every later reader sees.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { IDLE_CHECK_MS, onDemand } from '../src/on-demand.js';

/** Keeps the event loop busy for about `ms`, yielding between slices as a process serving calls does. */
async function busyFor(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 5;
    while (performance.now() < slice);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function untilLoaded(library: { loaded: unknown }): Promise<void> {
  while (library.loaded === undefined) await sleep(IDLE_CHECK_MS);
}

t.test('a preload waits while the event loop is busy, then loads once it is idle', async (t) => {
  const library = onDemand(async () => ({ name: 'library' }));
  library.preload();
  await busyFor(IDLE_CHECK_MS * 8);
  t.equal(library.loaded, undefined, 'nothing loaded while busy');
  await untilLoaded(library);
  t.same(library.loaded, { name: 'library' }, 'loaded once idle');
});

t.test('a load during a pending preload gives the value the preload leaves', async (t) => {
  const library = onDemand(async () => ({ at: performance.now() }));
  library.preload();
  const now = await library.load();
  t.equal(library.loaded, now, 'loaded at once on demand');
  await sleep(IDLE_CHECK_MS * 3);
  t.equal(library.loaded, now, 'the preload did not load it again');
  t.equal(await library.load(), now);
});
