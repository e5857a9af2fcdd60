/**
 * Attachment downloads stop at the limit: a file whose Content-Length is over it is refused before its body is
 * read, one without a length is cut off after limit + 1 bytes; either way the file is listed as not returned.
 * Links that lead outside the instance are refused as such, not as "not valid JSON".
 */
import type { ServerResponse } from 'node:http';
import t from 'tap';
import {
  fakeConfluence,
  fakeJira,
  jiraIssue,
  sendJson,
  startFakeAtlassian,
  startGatewayFor,
  streamBody,
} from '../helpers/fake-atlassian.js';

const LIMIT = 1024 * 1024;
const HUGE = 200 * 1024 * 1024;
/** Far below the 200 MB on offer: what sockets and buffers hold once the gateway hangs up. */
const READ_CEILING = 24 * 1024 * 1024;

t.test(
  'Jira: an attachment larger than its listing said is stopped at the limit, by Content-Length or by counting',
  async (t) => {
    const sent = new Map<string, Promise<number>>();
    const fake = await startFakeAtlassian(t, (_request, response, url) => {
      if (url.pathname === '/rest/api/2/issue/OPS-1') {
        const attachment = (id: string, filename: string) => ({
          id,
          filename,
          mimeType: 'application/octet-stream',
          size: 100,
          content: `${fake.url}/secure/attachment/${id}/${filename}`,
        });
        return sendJson(
          response,
          jiraIssue('OPS-1', {
            attachment: [
              attachment('1', 'announced.bin'),
              attachment('2', 'unannounced.bin'),
              attachment('3', 'small.txt'),
            ],
          }),
        );
      }
      if (url.pathname === '/secure/attachment/3/small.txt') return sendJson(response, 'hello');
      sent.set(
        url.pathname,
        streamBody(response, {
          total: HUGE,
          announce: url.pathname.includes('/1/'),
          contentType: 'application/octet-stream',
        }),
      );
    });
    const gateway = await startGatewayFor(t, {
      attachment_max_bytes: LIMIT,
      toolsets: ['all'],
      instances: [fakeJira(fake.url)],
    });
    const result = await gateway.call('jira_download_attachments', { issue_key: 'OPS-1' });
    t.notOk(result.isError, result.text);
    t.match(
      result.text,
      `- announced.bin (id 1, application/octet-stream, 100 bytes): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES): Atlassian announced ${HUGE} bytes`,
    );
    t.match(
      result.text,
      `- unannounced.bin (id 2, application/octet-stream, 100 bytes): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES)\n`,
    );
    t.match(
      result.text,
      /- small\.txt \(id 3, application\/octet-stream, 7 bytes\)$/m,
      'the small file is still returned',
    );
    const announced = await sent.get('/secure/attachment/1/announced.bin')!;
    const counted = await sent.get('/secure/attachment/2/unannounced.bin')!;
    t.ok(announced < READ_CEILING, `refused by Content-Length after ${announced} bytes were offered`);
    t.ok(counted < READ_CEILING, `reading stopped after ${counted} bytes were offered`);
  },
);

t.test('Confluence: a download without a size in its listing is stopped at the limit', async (t) => {
  let offered: Promise<number> | undefined;
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname === '/rest/api/content/1002')
      return sendJson(response, {
        id: '1002',
        title: 'Page',
        space: { key: 'DOC' },
        version: { number: 1 },
        body: { storage: { value: '<p>x</p>' } },
        _links: { webui: '/pages/1002' },
      });
    if (url.pathname === '/rest/api/content/1002/child/attachment') {
      return sendJson(response, {
        results: [
          {
            id: '77',
            title: 'dump.bin',
            metadata: { mediaType: 'application/octet-stream' },
            extensions: {},
            _links: { download: '/download/attachments/1002/dump.bin' },
          },
        ],
      });
    }
    offered = streamBody(response, { total: HUGE, contentType: 'application/octet-stream' });
  });
  const gateway = await startGatewayFor(t, {
    attachment_max_bytes: LIMIT,
    toolsets: ['all'],
    instances: [fakeConfluence(fake.url)],
  });
  const result = await gateway.call('confluence_download_attachment', { page_id: '1002', attachment: 'dump.bin' });
  t.notOk(result.isError, result.text);
  t.match(
    result.text,
    `- dump.bin (id 77, application/octet-stream): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES)`,
  );
  const bytes = await offered!;
  t.ok(bytes < READ_CEILING, `reading stopped after ${bytes} bytes were offered`);
});

t.test('a link outside the instance is refused as such, in every spelling', async (t) => {
  let jiraLink = '';
  let wikiLink = '';
  const fake = await startFakeAtlassian(t, (_request, response: ServerResponse, url) => {
    if (url.pathname === '/rest/api/2/issue/OPS-1')
      return sendJson(
        response,
        jiraIssue('OPS-1', {
          attachment: [{ id: '9', filename: 'x.txt', mimeType: 'text/plain', size: 5, content: jiraLink }],
        }),
      );
    if (url.pathname === '/confluence/rest/api/content/1002')
      return sendJson(response, {
        id: '1002',
        title: 'Page',
        space: { key: 'DOC' },
        version: { number: 1 },
        body: { storage: { value: '' } },
      });
    if (url.pathname === '/confluence/rest/api/content/1002/child/attachment')
      return sendJson(response, {
        results: [
          {
            id: '8',
            title: 'y.txt',
            metadata: { mediaType: 'text/plain' },
            extensions: { fileSize: 5 },
            _links: { download: wikiLink },
          },
        ],
      });
    sendJson(response, 'never');
  });
  const { port } = new URL(fake.url);
  const gateway = await startGatewayFor(t, {
    toolsets: ['all'],
    instances: [fakeJira(fake.url), fakeConfluence(`${fake.url}/confluence`)],
  });
  const foreign: Array<[string, string | undefined]> = [
    ['https://elsewhere.example/secure/attachment/9/x.txt', 'elsewhere.example'],
    [`http://127.0.0.1:${port}@elsewhere.example/secure/attachment/9/x.txt`, 'elsewhere.example'],
    ['//elsewhere.example/secure/attachment/9/x.txt', undefined],
    [
      `http://127.0.0.1:${Number(port) === 1 ? 2 : 1}/secure/attachment/9/x.txt`,
      `127.0.0.1:${Number(port) === 1 ? 2 : 1}`,
    ],
    [`https://127.0.0.1:${port}/secure/attachment/9/x.txt`, `127.0.0.1:${port}`],
  ];
  for (const [link, host] of foreign) {
    jiraLink = link;
    const result = await gateway.call('jira_download_attachments', { issue_key: 'OPS-1' });
    t.ok(result.isError, link);
    t.match(
      result.text,
      `Download attachments of OPS-1 failed on instance "fake": the download link Atlassian gave points outside this instance${host ? ` (to ${host})` : ''}, so the gateway did not follow it`,
    );
    t.notMatch(result.text, /valid JSON/);
  }
  for (const link of [
    'https://elsewhere.example/download/attachments/1002/y.txt',
    `${fake.url}/other-app/download/y.txt`,
    '/../other-app/y.txt',
    'download/y.txt',
  ]) {
    wikiLink = link;
    const result = await gateway.call('confluence_download_attachment', { page_id: '1002', attachment: 'y.txt' });
    t.ok(result.isError, link);
    t.match(result.text, /instance "fakewiki": the download link Atlassian gave points outside this instance/, link);
    t.notMatch(result.text, /valid JSON/);
  }
  const paths = fake.requests.map((request) => request.path);
  t.notOk(
    paths.some((path) => path.includes('/secure/attachment') || path.includes('download')),
    'no foreign link was requested',
  );
});

t.test(
  "Confluence Cloud downloads redirected to Atlassian's media service are followed there, without credentials",
  async (t) => {
    const seen: Array<Record<string, unknown>> = [];
    const media = await startFakeAtlassian(t, (request, response, url) => {
      seen.push(request.headers);
      if (url.pathname === '/file/abc/binary' && url.searchParams.get('token') === 'signed') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        return void response.end('hello from media');
      }
      sendJson(response, { message: 'no such file' }, 404);
    });
    let redirectTo = '';
    const wiki = await startFakeAtlassian(t, (_request, response, url) => {
      if (url.pathname === '/wiki/api/v2/pages/1002')
        return sendJson(response, {
          id: '1002',
          title: 'Page',
          spaceId: '7',
          version: { number: 1 },
          body: { storage: { value: '<p>x</p>' } },
          _links: { webui: '/spaces/DOC/pages/1002' },
        });
      if (url.pathname === '/wiki/api/v2/pages/1002/attachments')
        return sendJson(response, {
          results: [
            {
              id: 'att1',
              title: 'notes.txt',
              mediaType: 'text/plain',
              fileSize: 16,
              downloadLink: '/download/attachments/1002/notes.txt?api=v2',
            },
          ],
        });
      if (url.pathname === '/wiki/download/attachments/1002/notes.txt') {
        response.writeHead(302, { location: redirectTo });
        return void response.end();
      }
      sendJson(response, { message: 'unexpected' }, 404);
    });
    const cloudWiki = {
      name: 'cloudwiki',
      product: 'confluence',
      platform: 'cloud',
      url: `${wiki.url}/wiki`,
      auth: { type: 'basic', username: 'me@example.com', token: 'wiki-token-77' },
      custom_headers: { 'X-Operator': 'op-only' },
    };
    const gateway = await startGatewayFor(t, { toolsets: ['all'], instances: [cloudWiki] }, undefined, {
      atlassianMediaUrl: media.url,
    });

    redirectTo = `${media.url}/file/abc/binary?token=signed&name=notes.txt`;
    const followed = await gateway.call('confluence_download_attachment', { page_id: '1002', attachment: 'notes.txt' });
    t.notOk(followed.isError, followed.text);
    const request = media.requests.at(-1)!;
    t.equal(request.path, '/file/abc/binary', 'the signed media address was fetched');
    t.equal(seen.at(-1)!.authorization, undefined, 'without the instance credentials');
    t.equal(seen.at(-1)!['x-operator'], undefined, "without the operator's custom headers");
    const content = (
      await gateway.client.callTool({
        name: 'confluence_download_attachment',
        arguments: { page_id: '1002', attachment: 'notes.txt' },
      })
    ).content as Array<{ type: string; resource?: { blob: string } }>;
    t.equal(
      Buffer.from(content.find((block) => block.type === 'resource')!.resource!.blob, 'base64').toString(),
      'hello from media',
    );

    for (const elsewhere of [
      'https://elsewhere.example/file/abc/binary?token=signed',
      `${media.url.replace('127.0.0.1', 'localhost')}/file/abc/binary`,
    ]) {
      redirectTo = elsewhere;
      const refused = await gateway.call('confluence_download_attachment', {
        page_id: '1002',
        attachment: 'notes.txt',
      });
      t.ok(refused.isError, elsewhere);
      t.match(
        refused.text,
        /Atlassian answered with a redirect to (elsewhere\.example|localhost:\d+) instead of a result/,
      );
    }
    t.equal(media.requests.length, 2, 'only the two followed downloads reached the media service');
  },
);
