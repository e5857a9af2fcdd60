/**
 * What goes over the wire to Atlassian with fixed credentials (API token, PAT), which the HTTP client sends over
 * node:http directly: the headers got sent (credentials, User-Agent, accept, the operator's custom headers, the
 * encodings it can read), a JSON body with its type and length, and answers in every encoding it asks for.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { fakeJira, jiraIssue, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  identity: (body) => body,
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

t.test('answers are read in every encoding the gateway asks for', async (t) => {
  let encoding = 'identity';
  const acceptEncodings: string[] = [];
  const fake = await startFakeAtlassian(t, (request, response) => {
    acceptEncodings.push(String(request.headers['accept-encoding']));
    const body = ENCODERS[encoding]!(
      Buffer.from(JSON.stringify(jiraIssue('OPS-1', { summary: `Sent as ${encoding}` }))),
    );
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    response.end(body);
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url)] });
  for (const name of Object.keys(ENCODERS)) {
    encoding = name;
    const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
    t.notOk(result.isError, result.text.slice(0, 300));
    t.match(result.text, `# OPS-1: Sent as ${name}`, name);
  }
  t.ok(
    acceptEncodings.every((value) => /\bgzip\b/.test(value) && /\bdeflate\b/.test(value) && /\bbr\b/.test(value)),
    `accept-encoding: ${acceptEncodings[0]}`,
  );
});

t.test('requests carry the credentials, the identification, custom headers and a typed JSON body', async (t) => {
  const seen: Array<{ method: string; path: string; headers: Record<string, unknown>; body: string }> = [];
  const fake = await startFakeAtlassian(t, async (request, response, url) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    seen.push({ method: request.method!, path: url.pathname, headers: request.headers, body });
    const answer =
      request.method === 'POST'
        ? { id: '500', body: 'Looks good', author: { displayName: 'Pat' }, created: '2026-01-02T03:04:05.000+0000' }
        : jiraIssue('OPS-1');
    const text = JSON.stringify(answer);
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(text);
  });
  const gateway = await startGatewayFor(t, {
    instances: [fakeJira(fake.url, { custom_headers: { 'X-Team': 'payments' } })],
  });
  const read = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(read.isError, read.text.slice(0, 300));
  const comment = await gateway.call('jira_add_comment', { issue_key: 'OPS-1', body: 'Looks good to me' });
  t.notOk(comment.isError, comment.text.slice(0, 300));

  const get = seen.find((request) => request.method === 'GET' && request.path === '/rest/api/2/issue/OPS-1')!;
  t.ok(get, 'the issue was read');
  t.equal(get.headers.authorization, 'Bearer fake-pat-0000');
  t.match(String(get.headers['user-agent']), /^atlassian-mcp-gateway\//);
  t.equal(get.headers.accept, 'application/json');
  t.equal(get.headers['x-team'], 'payments');
  t.equal(get.body, '');
  t.notOk(get.headers['content-type'], 'a GET carries no body type');

  const post = seen.find((request) => request.method === 'POST')!;
  t.ok(post, 'the comment was sent');
  t.equal(post.headers.authorization, 'Bearer fake-pat-0000');
  t.match(String(post.headers['content-type']), /^application\/json/);
  t.equal(Number(post.headers['content-length']), Buffer.byteLength(post.body));
  t.match(JSON.parse(post.body), { body: /Looks good to me/ });
});
