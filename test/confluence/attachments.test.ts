/** Confluence attachments on Cloud and Server/DC: images as image content, files as resources, upload and delete. */
import t from 'tap';
import { TINY_PNG } from '@atlassian-mcp-gateway/sandbox';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['attachments'] },
});
const { call } = harness;

for (const [label, prefix] of [
  ['Cloud', 'confluence_'],
  ['Server/DC', 'confluence_dcwiki_'],
] as const) {
  t.test(`${label}: list, images, download, upload, delete`, async (t) => {
    const listed = await call(`${prefix}get_attachments`, { page_id: '1003' });
    t.same(
      listed.data.attachments.map((item: { title: string }) => item.title),
      ['architecture.png', 'notes.txt'],
    );

    const images = await call(`${prefix}get_page_images`, { page_id: '1003' });
    const image = images.content.find((block) => block.type === 'image')!;
    t.same(Buffer.from(image.data, 'base64'), TINY_PNG, 'the exact image bytes');
    t.equal(images.content.filter((block) => block.type === 'resource').length, 0, 'only images');

    const notes = await call(`${prefix}download_attachment`, { page_id: '1003', attachment: 'notes.txt' });
    t.equal(
      Buffer.from(notes.content.find((block) => block.type === 'resource')!.resource.blob, 'base64').toString(),
      'web → api → worker\n',
    );
    t.match(
      (await call(`${prefix}download_attachment`, { page_id: '1003', attachment: 'missing.pdf' })).text,
      /no attachment "missing\.pdf" on page 1003; it has architecture\.png/,
    );

    const uploaded = await call(`${prefix}upload_attachment`, {
      page_id: '1002',
      filename: 'runbook.md',
      content_base64: Buffer.from('# Runbook').toString('base64'),
      mime_type: 'text/markdown',
      comment: 'first cut',
    });
    t.notOk(uploaded.isError, uploaded.text);
    const upload = harness.gateway.sandbox.requests.findLast(
      (request) => request.method === 'POST' && request.path.endsWith('/rest/api/content/1002/child/attachment'),
    )!;
    const fields = new Map(
      (upload.body as Array<{ name: string; data: Buffer }>).map((part) => [
        part.name,
        Buffer.from(part.data).toString(),
      ]),
    );
    t.equal(fields.get('minorEdit'), 'false', 'the form carries minorEdit, which createAttachment requires');
    t.equal(fields.get('comment'), 'first cut');
    const back = await call(`${prefix}download_attachment`, { page_id: '1002', attachment: uploaded.data.id });
    t.equal(
      Buffer.from(back.content.find((block) => block.type === 'resource')!.resource.blob, 'base64').toString(),
      '# Runbook',
    );

    t.notOk((await call(`${prefix}delete_attachment`, { page_id: '1002', attachment_id: uploaded.data.id })).isError);
    t.same((await call(`${prefix}get_attachments`, { page_id: '1002' })).data.attachments, []);
    t.match(
      (await call(`${prefix}delete_attachment`, { page_id: '1002', attachment_id: 'att0' })).text,
      /attachment att0 is not on page 1002/,
    );
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
