/**
 * Readings other replicas announce only ever tighten this replica's pace: a lower limit is taken, a higher one is
 * not, and a looser spacing does not shorten the one this replica's own answers asked for.
 */
import t from 'tap';
import { AdaptiveLimit } from '../../src/atlassian/adaptive-limit.js';

t.test("another replica's reading lowers the limit but never raises it", async (t) => {
  const limit = new AdaptiveLimit(64);
  limit.adopt({ limit: 16 }, 1_000);
  t.equal(limit.value, 16);
  limit.adopt({ limit: 40 }, 2_000);
  t.equal(limit.value, 16, 'a higher limit is not taken');
});

t.test("a looser spacing from another replica does not shorten this one's", async (t) => {
  const limit = new AdaptiveLimit(64);
  // 10 requests left until 10 s from now: one start per second.
  limit.nearLimit({ nearLimit: true, remaining: 10, resetAt: 11_000 }, 1_000);
  t.equal(limit.spacing(1_000), 1_000);
  limit.adopt({ limit: 64, spacingMs: 100, spacingForMs: 2_000 }, 1_500);
  t.equal(limit.spacing(1_500), 1_000, 'the stricter spacing stays');
  t.equal(limit.spacing(10_500), 1_000, 'for as long as this replica was told');
  limit.adopt({ limit: 64, spacingMs: 2_000, spacingForMs: 20_000 }, 10_600);
  t.equal(limit.spacing(10_600), 2_000, 'a stricter one is taken');
  t.equal(limit.spacing(30_000), 2_000, 'for as long as it lasts');
  t.equal(limit.spacing(30_700), 0, 'and then the pace is free again');
});
