/**
 * The machine's CPU readings the paced rows report (bench/cpu.ts): the `cpu` line of /proc/stat read into total and
 * stolen time, and the share the host took between two readings.
 */
import t from 'tap';
import { machineCpu, machineCpuOf, stolenPercent } from '../../bench/cpu.js';

// user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms.
const BEFORE = 'cpu  100 0 50 800 10 0 20 20 30 0\ncpu0 50 0 25 400 5 0 10 10 15 0\nintr 1 2 3\n';
const AFTER = 'cpu  160 0 70 900 10 0 30 30 30 0\ncpu0 80 0 35 450 5 0 15 15 15 0\nintr 1 2 3\n';

t.test('reads the all-CPU line, leaving guest time out (it is inside user already)', async (t) => {
  t.same(machineCpuOf(BEFORE), { totalMs: 10_000, stolenMs: 200 });
  t.same(machineCpuOf(AFTER), { totalMs: 12_000, stolenMs: 300 });
  t.equal(machineCpuOf('intr 1 2 3\n'), undefined, 'no cpu line, no reading');
});

t.test('the share of the time between two readings the host took', async (t) => {
  t.equal(stolenPercent(machineCpuOf(BEFORE), machineCpuOf(AFTER)), 5);
  t.equal(stolenPercent(machineCpuOf(AFTER), machineCpuOf(AFTER)), undefined, 'no time passed');
  t.equal(stolenPercent(undefined, machineCpuOf(AFTER)), undefined);
});

t.test("this machine's reading", { skip: process.platform !== 'linux' && 'Linux only' }, async (t) => {
  const reading = machineCpu();
  t.ok(reading && reading.totalMs > 0 && reading.stolenMs >= 0 && reading.stolenMs <= reading.totalMs);
});
