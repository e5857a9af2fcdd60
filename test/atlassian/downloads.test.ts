/**
 * Attachment downloads stop at the limit: a file whose Content-Length is over it is refused before its body is
 * read, one without a length is cut off after limit + 1 bytes; either way the file is listed as not returned.
 * Links that lead outside the instance are refused as such, not as "not valid JSON".
 */
import type { ServerResponse } from 'node:http';
import t from 'tap';
import { fakeConfluence, fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor, streamBody } from '../helpers/fake-atlassian.js';

const LIMIT = 1024 * 1024;
const HUGE = 200 * 1024 * 1024;
/** Far below the 200 MB on offer: what sockets and buffers hold once the gateway hangs up. */
const READ_CEILING = 24 * 1024 * 1024;

t.test('Jira: an attachment larger than its listing said is stopped at the limit, by Content-Length or by counting', async (t) => {
  const sent = new Map<string, Promise<number>>();
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname === '/rest/api/2/issue/OPS-1') {
      const attachment = (id: string, filename: string) => ({ id, filename, mimeType: 'application/octet-stream', size: 100, content: `${fake.url}/secure/attachment/${id}/${filename}` });
      return sendJson(response, jiraIssue('OPS-1', { attachment: [attachment('1', 'announced.bin'), attachment('2', 'unannounced.bin'), attachment('3', 'small.txt')] }));
    }
    if (url.pathname === '/secure/attachment/3/small.txt') return sendJson(response, 'hello');
    sent.set(url.pathname, streamBody(response, { total: HUGE, announce: url.pathname.includes('/1/'), contentType: 'application/octet-stream' }));
  });
  const gateway = await startGatewayFor(t, { attachment_max_bytes: LIMIT, toolsets: ['all'], instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_download_attachments', { issue_key: 'OPS-1' });
  t.notOk(result.isError, result.text);
  t.match(result.text, `- announced.bin (id 1, application/octet-stream, 100 bytes): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES): Atlassian announced ${HUGE} bytes`);
  t.match(result.text, `- unannounced.bin (id 2, application/octet-stream, 100 bytes): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES)\n`);
  t.match(result.text, /- small\.txt \(id 3, application\/octet-stream, 7 bytes\)$/m, 'the small file is still returned');
  const announced = await sent.get('/secure/attachment/1/announced.bin')!;
  const counted = await sent.get('/secure/attachment/2/unannounced.bin')!;
  t.ok(announced < READ_CEILING, `refused by Content-Length after ${announced} bytes were offered`);
  t.ok(counted < READ_CEILING, `reading stopped after ${counted} bytes were offered`);
});

t.test('Confluence: a download without a size in its listing is stopped at the limit', async (t) => {
  let offered: Promise<number> | undefined;
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname === '/rest/api/content/1002') return sendJson(response, { id: '1002', title: 'Page', space: { key: 'DOC' }, version: { number: 1 }, body: { storage: { value: '<p>x</p>' } }, _links: { webui: '/pages/1002' } });
    if (url.pathname === '/rest/api/content/1002/child/attachment') {
      return sendJson(response, { results: [{ id: '77', title: 'dump.bin', metadata: { mediaType: 'application/octet-stream' }, extensions: {}, _links: { download: '/download/attachments/1002/dump.bin' } }] });
    }
    offered = streamBody(response, { total: HUGE, contentType: 'application/octet-stream' });
  });
  const gateway = await startGatewayFor(t, { attachment_max_bytes: LIMIT, toolsets: ['all'], instances: [fakeConfluence(fake.url)] });
  const result = await gateway.call('confluence_download_attachment', { page_id: '1002', attachment: 'dump.bin' });
  t.notOk(result.isError, result.text);
  t.match(result.text, `- dump.bin (id 77, application/octet-stream): not returned, over the ${LIMIT}-byte limit (ATTACHMENT_MAX_BYTES)`);
  const bytes = await offered!;
  t.ok(bytes < READ_CEILING, `reading stopped after ${bytes} bytes were offered`);
});

t.test('a link outside the instance is refused as such, in every spelling', async (t) => {
  let jiraLink = '';
  let wikiLink = '';
  const fake = await startFakeAtlassian(t, (_request, response: ServerResponse, url) => {
    if (url.pathname === '/rest/api/2/issue/OPS-1') return sendJson(response, jiraIssue('OPS-1', { attachment: [{ id: '9', filename: 'x.txt', mimeType: 'text/plain', size: 5, content: jiraLink }] }));
    if (url.pathname === '/confluence/rest/api/content/1002') return sendJson(response, { id: '1002', title: 'Page', space: { key: 'DOC' }, version: { number: 1 }, body: { storage: { value: '' } } });
    if (url.pathname === '/confluence/rest/api/content/1002/child/attachment') return sendJson(response, { results: [{ id: '8', title: 'y.txt', metadata: { mediaType: 'text/plain' }, extensions: { fileSize: 5 }, _links: { download: wikiLink } }] });
    sendJson(response, 'never');
  });
  const { port } = new URL(fake.url);
  const gateway = await startGatewayFor(t, { toolsets: ['all'], instances: [fakeJira(fake.url), fakeConfluence(`${fake.url}/confluence`)] });
  const foreign: Array<[string, string | undefined]> = [
    ['https://elsewhere.example/secure/attachment/9/x.txt', 'elsewhere.example'],
    [`http://127.0.0.1:${port}@elsewhere.example/secure/attachment/9/x.txt`, 'elsewhere.example'],
    ['//elsewhere.example/secure/attachment/9/x.txt', undefined],
    [`http://127.0.0.1:${Number(port) === 1 ? 2 : 1}/secure/attachment/9/x.txt`, `127.0.0.1:${Number(port) === 1 ? 2 : 1}`],
    [`https://127.0.0.1:${port}/secure/attachment/9/x.txt`, `127.0.0.1:${port}`],
  ];
  for (const [link, host] of foreign) {
    jiraLink = link;
    const result = await gateway.call('jira_download_attachments', { issue_key: 'OPS-1' });
    t.ok(result.isError, link);
    t.match(result.text, `Download attachments of OPS-1 failed on instance "fake": the download link Atlassian gave points outside this instance${host ? ` (to ${host})` : ''}, so the gateway did not follow it`);
    t.notMatch(result.text, /valid JSON/);
  }
  for (const link of ['https://elsewhere.example/download/attachments/1002/y.txt', `${fake.url}/other-app/download/y.txt`, '/../other-app/y.txt', 'download/y.txt']) {
    wikiLink = link;
    const result = await gateway.call('confluence_download_attachment', { page_id: '1002', attachment: 'y.txt' });
    t.ok(result.isError, link);
    t.match(result.text, /instance "fakewiki": the download link Atlassian gave points outside this instance/, link);
    t.notMatch(result.text, /valid JSON/);
  }
  const paths = fake.requests.map((request) => request.path);
  t.notOk(paths.some((path) => path.includes('/secure/attachment') || path.includes('download')), 'no foreign link was requested');
});
