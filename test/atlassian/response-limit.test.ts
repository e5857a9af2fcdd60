/**
 * Atlassian's answers are cut off at max_response_bytes while they stream in: refused by Content-Length before
 * reading, otherwise by counting (decompressed) bytes, and reported as too large with the setting to raise.
 */
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { fakeJira, sendJson, startFakeAtlassian, startGatewayFor, streamBody } from '../helpers/fake-atlassian.js';

const LIMIT = 1024 * 1024;
const HUGE = 200 * 1024 * 1024;
const READ_CEILING = 24 * 1024 * 1024;
const TOO_LARGE = new RegExp(
  `Get issue OPS-1 failed on instance "fake": the answer is larger than the gateway's ${LIMIT}-byte limit`,
);

t.test('a huge JSON answer is cut off at the limit, whether its length is announced or not', async (t) => {
  let offered: Promise<number> | undefined;
  let announce = false;
  const fake = await startFakeAtlassian(t, (_request, response) => {
    offered = streamBody(response, {
      total: HUGE,
      announce,
      head: '{"id":"1","key":"OPS-1","fields":{"description":"',
      tail: '"}}',
    });
  });
  const gateway = await startGatewayFor(t, { max_response_bytes: LIMIT, instances: [fakeJira(fake.url)] });
  for (const announced of [false, true]) {
    announce = announced;
    const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
    t.ok(result.isError);
    t.match(result.text, TOO_LARGE);
    t.match(result.text, /; ask for less \(a smaller limit or page, fewer fields\) or raise MAX_RESPONSE_BYTES/);
    if (announced) t.match(result.text, `(Atlassian announced ${HUGE} bytes)`);
    const bytes = await offered!;
    t.ok(
      bytes < READ_CEILING,
      `${announced ? 'announced' : 'unannounced'}: the fake handed over ${bytes} of ${HUGE} bytes before the gateway hung up`,
    );
  }
  const list = await gateway.call('gateway_list_instances', {});
  t.notMatch(list.text, /status (degraded|unreachable)/, 'one oversized answer says nothing bad about the instance');
});

t.test('a small compressed answer that inflates past the limit is stopped by counting', async (t) => {
  const inflated = Buffer.concat([
    Buffer.from('{"id":"1","key":"OPS-1","fields":{"description":"'),
    Buffer.alloc(50 * 1024 * 1024, 'a'),
    Buffer.from('"}}'),
  ]);
  const compressed = gzipSync(inflated);
  const fake = await startFakeAtlassian(t, (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': compressed.length,
    });
    response.end(compressed);
  });
  const gateway = await startGatewayFor(t, { max_response_bytes: LIMIT, instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.ok(compressed.length < LIMIT, `${compressed.length} bytes on the wire`);
  t.match(result.text, TOO_LARGE);
});

t.test('answers under the limit are unaffected', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response) =>
    sendJson(response, { id: '1', key: 'OPS-1', fields: { summary: 'Fits', description: 'd'.repeat(LIMIT / 2) } }),
  );
  const gateway = await startGatewayFor(t, { max_response_bytes: LIMIT, instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(result.isError, result.text.slice(0, 200));
  t.match(result.text, /# OPS-1: Fits/);
});
