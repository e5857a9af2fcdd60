/**
 * The per-call added latency of the paced benchmark (bench/held-time.ts): tagged issue keys round-trip through the
 * fake upstream's path handling, and each call's figure is its own latency minus its own request's hold, with calls
 * the upstream never saw, or saw twice, left out and counted rather than guessed at.
 */
import t from 'tap';
import { addedPerCall, percentiles, tagInText, tagOf, taggedIssueKey, untaggedPath } from '../../bench/held-time.js';

t.test('a tagged key names issue 1 of its project and carries its tag through the path', async (t) => {
  const key = taggedIssueKey('P1', 42);
  t.equal(key, 'P1-1000042');
  t.equal(tagOf(`/sites/s1/rest/api/3/issue/${key}`), 42);
  t.equal(tagOf(`/sites/s1/rest/api/3/issue/${key}?fields=summary`), 42);
  t.equal(
    untaggedPath(`/sites/s1/rest/api/3/issue/${key}?fields=summary`),
    '/sites/s1/rest/api/3/issue/P1-1?fields=summary',
  );
  t.equal(tagOf('/sites/s1/rest/api/3/issue/P1-1'), undefined, 'a real issue number is not a tag');
  t.equal(untaggedPath('/sites/s1/rest/api/3/issue/P1-7'), '/sites/s1/rest/api/3/issue/P1-7');
  t.equal(tagOf('/sites/s1/rest/api/3/field'), undefined);
});

t.test('a tag is found in the text of a request: an upstream path or a tool call argument', async (t) => {
  t.equal(tagInText(`GET /sites/s1/rest/api/3/issue/${taggedIssueKey('P1', 42)}?fields=summary HTTP/1.1`), 42);
  t.equal(tagInText(`{"name":"jira_get_issue","arguments":{"issue_key":"${taggedIssueKey('P1', 7)}"}}`), 7);
  t.equal(tagInText('GET /sites/s1/rest/api/3/issue/P1-1 HTTP/1.1'), undefined, 'a real issue');
  t.equal(tagInText('authorization: Bearer gw-12345678\r\nmcp-protocol-version: 2025-11-25'), undefined, 'no key');
});

t.test("each call's latency minus the hold of its own request", async (t) => {
  const latency = new Map([
    [0, 155],
    [1, 190],
    [2, 158],
    [3, 160],
    [4, 170],
  ]);
  // Call 1 met a slow upstream (its own hold was long): that is not the gateway's. Call 3 never reached the upstream;
  // call 4's request was sent twice.
  const held = new Map([
    [0, [151]],
    [1, [186.5]],
    [2, [150]],
    [4, [60, 100]],
  ]);
  const added = addedPerCall(latency, held);
  t.same(added.addedMs, [4, 3.5, 8]);
  t.equal(added.unmatched, 1);
  t.equal(added.repeated, 1);
});

t.test('percentiles are nearest-rank, as the latency tables take them', async (t) => {
  const values = Array.from({ length: 200 }, (_, index) => 200 - index);
  t.same(percentiles(values), { p50: 101, p99: 199, max: 200 });
  t.same(percentiles([]), { p50: 0, p99: 0, max: 0 });
});
