/**
 * One huge text cannot stall the gateway: each text fed to a format converter is cut to a fixed size first, with a
 * note in the output, so a 3 MB comment costs a bounded amount of work. The latency check runs the gateway as a
 * child process, so a blocked event loop there cannot also stop the clock here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import {
  fakeConfluence,
  fakeJira,
  jiraIssue,
  sendJson,
  startFakeAtlassian,
  startGatewayFor,
} from '../helpers/fake-atlassian.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';
import { watchStalls } from '../helpers/stalls.js';

/** About 3 MB of a log paste with unclosed brackets: jira2md's link rule is quadratic on it (a minute or more). */
const HUGE_WIKI = 'value [pending - check again later\n'.repeat(90_000);
const CUT_NOTE = /\[… text cut before conversion: the first (\d+) of (\d+) characters are shown\]/;

function comment(body: unknown) {
  return {
    comment: {
      total: 1,
      comments: [{ id: '9', author: { displayName: 'Ana' }, created: '2026-11-30T10:00:00.000+0000', body }],
    },
  };
}

t.test('a huge wiki comment, ADF comment and storage page are converted within the cap, with the note', async (t) => {
  const paragraphs = Array.from({ length: 60_000 }, (_item, index) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `Line ${index} of the pasted log, with enough words to matter.` }],
  }));
  const storage = `<p>${'A long page paragraph. '.repeat(140_000)}</p>`;
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname.startsWith('/server/')) return sendJson(response, jiraIssue('OPS-1', comment(HUGE_WIKI)));
    if (url.pathname.startsWith('/cloud/'))
      return sendJson(response, jiraIssue('WEB-1', comment({ type: 'doc', version: 1, content: paragraphs })));
    sendJson(response, {
      id: '1002',
      title: 'Huge',
      space: { key: 'DOC' },
      version: { number: 1 },
      body: { storage: { value: storage } },
      _links: { webui: '/pages/1002' },
    });
  });
  const gateway = await startGatewayFor(t, {
    max_answer_chars: 1_000_000,
    instances: [
      fakeJira(`${fake.url}/server`),
      fakeJira(`${fake.url}/cloud`, {
        name: 'cloud',
        platform: 'cloud',
        auth: { type: 'basic', username: 'a@example.com', token: 'x' },
      }),
      fakeConfluence(`${fake.url}/wiki`),
    ],
  });
  for (const [tool, key] of [
    ['jira_get_issue', 'OPS-1'],
    ['jira_cloud_get_issue', 'WEB-1'],
  ] as const) {
    const result = await gateway.call(tool, { issue_key: key });
    t.notOk(result.isError, `${tool}: ${result.text.slice(0, 200)}`);
    const note = CUT_NOTE.exec(result.text);
    t.ok(note, `${tool}: the comment says it was cut`);
    t.ok(
      Number(note?.[1]) <= 100_000 && Number(note?.[2]) > 2_000_000,
      `${tool}: ${note?.[1]} of ${note?.[2]} converted`,
    );
    t.ok(result.text.length < 200_000, `${tool}: answer of ${result.text.length} characters`);
  }
  const page = await gateway.call('confluence_get_page', { page_id: '1002' });
  t.notOk(page.isError, page.text.slice(0, 200));
  const shown = /\[… cut: showing \d+ of (\d+) characters/.exec(page.text);
  t.ok(
    shown && Number(shown[1]) < 110_000,
    `the page's markdown was made from at most the cap (${shown?.[1]} characters, from ${storage.length} of storage)`,
  );
});

t.test("another instance's caller keeps its latency while five huge comments are read", async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname.endsWith('/myself')) return sendJson(response, { name: 'bot' });
    if (url.pathname.startsWith('/big/')) return sendJson(response, jiraIssue('OPS-1', comment(HUGE_WIKI)));
    sendJson(response, jiraIssue('WEB-7', { summary: 'Small and quick' }));
  });
  const dir = mkdtempSync(join(tmpdir(), 'gateway-conversion-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'instances.yaml');
  writeFileSync(
    config,
    [
      'max_answer_chars: 1000000',
      'instances:',
      ...['big', 'small'].flatMap((name) => [
        `  - name: ${name}`,
        '    product: jira',
        '    platform: server',
        `    url: ${fake.url}/${name}`,
        ...(name === 'big' ? ['    default: true'] : []),
        '    auth: { type: pat, token: fake-pat }',
      ]),
    ].join('\n'),
  );
  const { child, url } = await startGatewayProcess(['--config', config], cleanEnv());
  t.teardown(() => void child.kill('SIGKILL'));
  const client = await connectClient(url, 'http-2026');
  t.teardown(() => client.close());
  const big = Array.from({ length: 5 }, () =>
    client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } }, { timeout: 30_000 }),
  );
  while (fake.requests.filter((request) => request.path.startsWith('/big/rest/api/2/issue')).length < 5)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const started = Date.now();
  const small = await client
    .callTool({ name: 'jira_small_get_issue', arguments: { issue_key: 'WEB-7' } }, { timeout: 10_000 })
    .catch((error: Error) => error);
  const elapsed = Date.now() - started;
  t.notOk(small instanceof Error, `the other caller was answered (${small instanceof Error ? small.message : 'ok'})`);
  if (!(small instanceof Error)) t.match(textOf(small), /WEB-7: Small and quick/);
  t.ok(elapsed < 5_000, `answered in ${elapsed} ms while the five large reads ran`);
  const results = await Promise.allSettled(big);
  t.same(
    results.map((result) => result.status),
    Array(5).fill('fulfilled'),
    'the large reads finished too',
  );
  for (const result of results) if (result.status === 'fulfilled') t.match(textOf(result.value), CUT_NOTE);
});

t.test(
  'text nested thousands deep is read flattened past the limit, and deep markdown is refused before converting',
  async (t) => {
    // Written as text: JSON.stringify itself recurses once per level.
    const bottom = JSON.stringify({ type: 'paragraph', content: [{ type: 'text', text: 'the bottom' }] });
    const adf = `${'{"type":"blockquote","content":['.repeat(20_000)}${bottom}${']}'.repeat(20_000)}`;
    const storage = `<p>top</p>${'<div>'.repeat(15_000)}the bottom${'</div>'.repeat(15_000)}`;
    const fake = await startFakeAtlassian(t, (_request, response, url) => {
      if (url.pathname.startsWith('/cloud/') && url.pathname.endsWith('/comment'))
        return sendJson(response, { id: '10', body: {} }, 201);
      if (url.pathname.startsWith('/cloud/')) {
        const issue = JSON.stringify(jiraIssue('WEB-1', { description: 'DESCRIPTION' })).replace(
          '"DESCRIPTION"',
          `{"type":"doc","version":1,"content":[${adf}]}`,
        );
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(issue);
      }
      sendJson(response, {
        id: '1002',
        title: 'Deep',
        space: { key: 'DOC' },
        version: { number: 1 },
        body: { storage: { value: storage } },
        _links: { webui: '/pages/1002' },
      });
    });
    const gateway = await startGatewayFor(t, {
      toolsets: ['all'],
      instances: [
        fakeJira(`${fake.url}/cloud`, {
          name: 'cloud',
          platform: 'cloud',
          auth: { type: 'basic', username: 'a@example.com', token: 'x' },
        }),
        fakeConfluence(`${fake.url}/wiki`),
      ],
    });
    for (const [tool, args] of [
      ['jira_get_issue', { issue_key: 'WEB-1' }],
      ['confluence_get_page', { page_id: '1002' }],
    ] as const) {
      const result = await gateway.call(tool, args);
      t.notOk(result.isError, `${tool}: ${result.text.slice(0, 200)}`);
      t.match(result.text, /the bottom/, `${tool}: the deepest words are still there`);
      t.match(
        result.text,
        /\[… content nested deeper than 48 levels is shown as plain text\]/,
        `${tool}: and the answer says how`,
      );
    }
    const deepList = Array.from({ length: 1_400 }, (_item, level) => `${' '.repeat(level * 2)}- level ${level}`).join(
      '\n',
    );
    const before = fake.requests.length;
    for (const [tool, args] of [
      ['jira_add_comment', { issue_key: 'WEB-1', body: deepList }],
      ['jira_add_comment', { issue_key: 'WEB-1', body: `${'>'.repeat(20_000)} quoted` }],
      ['confluence_add_comment', { page_id: '1002', body: deepList }],
    ] as const) {
      const result = await gateway.call(tool, args);
      t.ok(result.isError, tool);
      t.match(
        result.text,
        /the text nests \d+ levels deep \(quotes and indented lists\); at most 48 can be converted, so flatten it/,
        tool,
      );
    }
    t.equal(fake.requests.slice(before).filter((request) => request.method !== 'GET').length, 0, 'nothing was written');
    const shallow = await gateway.call('jira_add_comment', {
      issue_key: 'WEB-1',
      body: '- a\n  - b\n    - c\n\n```\n' + ' '.repeat(200) + 'indented code\n```',
    });
    t.notOk(shallow.isError, `ordinary nesting and indented code still convert: ${shallow.text.slice(0, 200)}`);
  },
);

t.test('wiki markup that makes the converter slow costs one call a bounded time, and keeps its words', async (t) => {
  const comments = ['[a|', '{{a', '['].map((unit, index) => ({
    id: String(index + 1),
    author: { displayName: 'Ana' },
    created: '2026-11-30T10:00:00.000+0000',
    body: unit.repeat(Math.ceil(99_000 / unit.length)),
  }));
  const fake = await startFakeAtlassian(t, (_request, response) =>
    sendJson(response, jiraIssue('OPS-1', { description: '{'.repeat(99_000), comment: { total: 3, comments } })),
  );
  const gateway = await startGatewayFor(t, { max_answer_chars: 1_000_000, instances: [fakeJira(fake.url)] });
  const stalls = watchStalls();
  const started = performance.now();
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1', comment_limit: 10 });
  const elapsed = performance.now() - started;
  const stall = stalls.stop();
  t.notOk(result.isError, result.text.slice(0, 200));
  t.ok(elapsed < 3_000, `the call took ${Math.round(elapsed)} ms (over 30 s before)`);
  // Unbounded, the conversion held the main thread for over 30 s. Now it is the call's 300 ms budget, checked between
  // pieces, plus reading the four 99,000-character texts around it: under a second of CPU, even on a loaded machine.
  t.ok(
    stall.cpuMs < 2_000,
    `the main thread ran at most ${stall.cpuMs} ms without a break (the event loop stalled ${Math.round(stall.wallMs)} ms)`,
  );
  t.match(
    result.text,
    /shown as it was written: converting it took longer than one call may spend/,
    'what was not converted says so',
  );
  t.match(result.text, /\[a\|\[a\|/, 'and is still there, as written');
});

t.test(
  'a long text a caller writes converts off the main thread, and one too slow to convert is refused',
  async (t) => {
    const written: string[] = [];
    const fake = await startFakeAtlassian(t, (request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.method === 'POST') written.push(body);
        if (request.method === 'POST')
          return sendJson(response, { id: '10', body: {}, created: '2026-11-30T10:00:00.000+0000' }, 201);
        sendJson(response, jiraIssue('WEB-1'));
      });
    });
    const cloud = fakeJira(fake.url, {
      name: 'cloud',
      platform: 'cloud',
      auth: { type: 'basic', username: 'a@example.com', token: 'x' },
    });
    const gateway = await startGatewayFor(t, { instances: [cloud] });

    const prose = Array.from(
      { length: 600 },
      (_item, index) =>
        `Paragraph ${index}: the release **checklist** has _several_ steps, see [the docs](https://example.com/${index}).`,
    ).join('\n\n');
    const long = await gateway.call('jira_add_comment', { issue_key: 'WEB-1', body: prose });
    t.notOk(long.isError, long.text.slice(0, 200));
    t.equal(written.length, 1, 'a long, ordinary text was converted and sent');
    t.match(written[0], /"type":"strong"/, 'as ADF, marks included');

    const stalls = watchStalls();
    const started = performance.now();
    const slow = await gateway.call('jira_add_comment', { issue_key: 'WEB-1', body: '_a'.repeat(50_000) });
    const elapsed = performance.now() - started;
    const stall = stalls.stop();
    t.ok(slow.isError);
    t.match(slow.text, /the text could not be converted within 3 s .*; nothing was sent/);
    t.equal(written.length, 1, 'nothing more was written');
    t.ok(elapsed < 5_000, `refused after ${Math.round(elapsed)} ms (converting it takes over 10 s)`);
    // A conversion on the main thread would hold it for the whole 3 s budget; in the worker it holds nothing here.
    t.ok(
      stall.cpuMs < 500,
      `the main thread ran at most ${stall.cpuMs} ms without a break meanwhile (the event loop stalled ${Math.round(stall.wallMs)} ms)`,
    );

    const after = await gateway.call('jira_add_comment', { issue_key: 'WEB-1', body: prose });
    t.notOk(after.isError, 'the next long text converts again (a new worker took over)');
  },
);
