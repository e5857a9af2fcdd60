/** Jira attachments on Server/DC and Cloud: images as image content, files as resources, uploads, the size limit. */
import t from 'tap';
import { TINY_PNG } from '@atlassian-mcp-gateway/sandbox';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['attachments', 'issues'] },
  transport: 'http-2025',
});
const { call } = harness;

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: images, files, uploads`, async (t) => {
    const images = await call(`${prefix}get_issue_images`, { issue_key: `${project}-1` });
    t.notOk(images.isError, images.text);
    const image = images.content.find((block) => block.type === 'image')!;
    t.equal(image.mimeType, 'image/png');
    t.same(Buffer.from(image.data, 'base64'), TINY_PNG, 'the exact image bytes');
    t.equal(images.content.filter((block) => block.type !== 'text').length, 1, 'only images');

    const all = await call(`${prefix}download_attachments`, { issue_key: `${project}-1` });
    const resource = all.content.find((block) => block.type === 'resource')!;
    t.equal(resource.resource.mimeType, 'text/plain');
    t.match(Buffer.from(resource.resource.blob, 'base64').toString(), /upstream timed out/);
    t.match(all.text, /2 of 2 attachment\(s\) from/);

    const unknown = await call(`${prefix}download_attachments`, { issue_key: `${project}-1`, attachment_ids: ['1'] });
    t.match(unknown.text, /no attachment 1 on .*; it has \d+ \(timeout\.png\), \d+ \(proxy\.log\)/);

    const uploaded = await call(`${prefix}upload_attachment`, {
      issue_key: `${project}-2`,
      filename: 'notes.txt',
      content_base64: Buffer.from('hello from the gateway').toString('base64'),
      mime_type: 'text/plain',
    });
    t.notOk(uploaded.isError, uploaded.text);
    const back = await call(`${prefix}download_attachments`, {
      issue_key: `${project}-2`,
      attachment_ids: [uploaded.data.id],
    });
    t.equal(
      Buffer.from(back.content.find((block) => block.type === 'resource')!.resource.blob, 'base64').toString(),
      'hello from the gateway',
    );
    const path = await call(`${prefix}upload_attachment`, {
      issue_key: `${project}-2`,
      filename: '../etc/passwd',
      content_base64: 'aGk=',
    });
    t.match(path.text, /filename: a file name, not a path/);
  });
}

t.test('the size limit is enforced both ways with a clear note', async (t) => {
  const small = await startTestGateway({
    sites: JIRA_SITES,
    defaults: ['prod'],
    extra: { toolsets: ['attachments'], attachment_max_bytes: 60 },
  });
  t.teardown(() => small.close());
  const smallClient = await connectClient(small.url, 'http-2026');
  t.teardown(() => smallClient.close());
  const callSmall = async (name: string, args: Record<string, unknown>) => {
    const result = await smallClient.callTool({ name, arguments: args });
    return {
      isError: Boolean(result.isError),
      text: textOf(result),
      content: result.content as Array<Record<string, any>>,
    };
  };
  const download = await callSmall('jira_download_attachments', { issue_key: 'OPS-1' });
  t.notOk(download.isError);
  t.match(
    download.text,
    /- timeout\.png \(id \d+, image\/png, 70 bytes\): not returned, over the 60-byte limit \(ATTACHMENT_MAX_BYTES\)/,
  );
  t.equal(download.content.filter((block) => block.type === 'resource').length, 1, 'the small log still came back');
  t.equal(download.content.filter((block) => block.type === 'image').length, 0);
  const upload = await callSmall('jira_upload_attachment', {
    issue_key: 'OPS-1',
    filename: 'big.bin',
    content_base64: Buffer.alloc(100).toString('base64'),
  });
  t.match(upload.text, /the file is 100 bytes; the limit is 60 \(ATTACHMENT_MAX_BYTES\)/);
});

t.test('every request matched the spec for its platform', async (t) => {
  t.ok(
    harness.gateway.sandbox.requests.some((request) => request.path.startsWith('/secure/attachment/')),
    'Server/DC downloads use the content URL',
  );
  t.ok(
    harness.gateway.sandbox.requests.some(
      (request) => request.path.startsWith('/rest/api/3/attachment/content/') && request.query.redirect === 'false',
    ),
    'Cloud downloads ask for no redirect',
  );
  assertRequestsMatchSpec(t, harness.gateway);
});
