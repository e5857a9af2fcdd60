/**
 * A caller opening 10,000 stateful sessions cannot exhaust the gateway's memory: the session cap closes the least
 * recently used ones. Ten thousand initialize requests are the point of the test, and take one to two minutes on a
 * loaded two-core machine, so this file has a longer timeout than the suite's default and is kept apart from the
 * other ceilings.
 */
import t from 'tap';
import { HEADERS, INITIALIZE, MiB, settledRss, startGateway } from '../helpers/memory-ceilings.js';

t.setTimeout(360_000);

t.test(
  '10,000 stateful sessions opened by one caller fit in a 96 MiB heap: the cap keeps them from piling up',
  async (t) => {
    // A hard ceiling rather than an RSS reading (which heap headroom makes noisy): the V8 heap is limited to 96 MiB,
    // and 10,000 sessions kept at about 14 KiB each would need more than that, so an uncapped gateway runs out of
    // memory and dies.
    const gateway = await startGateway(t, { stateful: true, max_sessions: 100 }, ['--max-old-space-size=96']);
    const opened: string[] = [];
    for (let batch = 0; batch < 100 && gateway.child.exitCode === null; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const response = await fetch(`${gateway.url}/mcp`, {
            method: 'POST',
            headers: HEADERS,
            body: JSON.stringify(INITIALIZE),
          }).catch(() => undefined);
          await response?.text();
          return response?.headers.get('mcp-session-id');
        }),
      );
      for (const id of answers) if (id) opened.push(id);
    }
    const rss = await settledRss(gateway.pid).catch(() => Number.NaN);
    t.comment(
      `10,000 sessions, cap 100, heap limit 96 MiB: ${opened.length} opened, RSS ${(rss / MiB).toFixed(1)} MiB at the end`,
    );
    t.equal(gateway.child.exitCode, null, 'the gateway is still running');
    t.equal(opened.length, 10_000, 'every initialize was answered with a session');
    const first = await fetch(`${gateway.url}/mcp`, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-session-id': opened[0]! },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    t.equal(first.status, 404, 'the least recently used sessions were closed to make room');
  },
);
