/** Confluence `attachments` toolset: images as MCP image content, other files as embedded resources, uploads, deletes. */
import { z } from 'zod';
import {
  deleteAttachment as remove,
  downloadAttachment,
  listAttachments,
  uploadAttachment as upload,
  type AttachmentRecord,
} from '../../atlassian/confluence/attachments.js';
import type { ConfluenceClient } from '../../atlassian/confluence/client.js';
import { contentBlock, decodeUpload, downloadWithinLimit, MAX_FILES, overLimitNote } from '../binary.js';
import { defineConfluenceTool, type ExtraContent, type InstanceView } from '../define.js';
import { ToolInputError } from '../errors.js';
import { fileName, limit, numericId, opaqueId } from '../params.js';

const pageId = numericId('Page id');
const attachment = z.object({ id: z.string(), title: z.string(), media_type: z.string(), size: z.number().nullable() });
const fetched = z.object({
  page_id: z.string(),
  attachments: z.array(attachment.extend({ returned: z.boolean(), note: z.string().nullable() })),
});

export const getAttachments = defineConfluenceTool({
  name: 'get_attachments',
  title: 'List Confluence attachments',
  toolset: 'attachments',
  access: 'read',
  description: 'List the files attached to a page: id, name, type and size.',
  input: () => z.strictObject({ page_id: pageId, limit: limit(25, 100) }),
  output: () => z.object({ page_id: z.string(), attachments: z.array(attachment) }),
  action: (args) => `List attachments of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const attachments = (await listAttachments(confluence, page, args.limit, signal)).map(
      ({ download: _download, ...rest }) => rest,
    );
    return {
      text:
        attachments
          .map(
            (item) =>
              `- ${item.title} (id ${item.id}, ${item.media_type}${item.size !== null ? `, ${item.size} bytes` : ''})`,
          )
          .join('\n') || 'No attachments.',
      structured: { page_id: args.page_id, attachments },
    };
  },
});

export const downloadAttachmentTool = defineConfluenceTool({
  name: 'download_attachment',
  title: 'Download Confluence attachment',
  toolset: 'attachments',
  access: 'read',
  description:
    'Fetch one attachment of a page by id or file name: an image as image content, another file as an embedded resource.',
  input: () =>
    z.strictObject({
      page_id: pageId,
      attachment: z.string().trim().min(1).describe('Attachment id or file name'),
    }),
  output: () => fetched,
  action: (args) => `Download ${args.attachment} from page ${args.page_id}`,
  run: async ({ confluence, instance, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const all = await listAttachments(confluence, page, 100, signal);
    const found = all.find((item) => item.id === args.attachment || item.title === args.attachment);
    if (!found)
      throw new ToolInputError(
        `no attachment "${args.attachment}" on page ${args.page_id}; it has ${all.map((item) => `${item.title} (${item.id})`).join(', ') || 'none'}`,
      );
    return fetchAll(confluence, instance, args.page_id, [found], signal);
  },
});

export const getPageImages = defineConfluenceTool({
  name: 'get_page_images',
  title: 'Get Confluence page images',
  toolset: 'attachments',
  access: 'read',
  description: 'Return the images attached to a page (diagrams, screenshots) as image content for vision models.',
  input: () => z.strictObject({ page_id: pageId }),
  output: () => fetched,
  action: (args) => `Get images of page ${args.page_id}`,
  run: async ({ confluence, instance, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const images = (await listAttachments(confluence, page, 100, signal)).filter((item) =>
      item.media_type.startsWith('image/'),
    );
    return fetchAll(confluence, instance, args.page_id, images.slice(0, MAX_FILES), signal);
  },
});

export const uploadAttachment = defineConfluenceTool({
  name: 'upload_attachment',
  title: 'Attach file to Confluence page',
  toolset: 'attachments',
  access: 'write',
  description: 'Attach a file to a page from base64 content.',
  input: () =>
    z.strictObject({
      page_id: pageId,
      filename: fileName,
      content_base64: z.string().min(1),
      mime_type: z.string().default('application/octet-stream'),
      comment: z.string().max(255).optional(),
    }),
  output: () => z.object({ page_id: z.string(), id: z.string(), title: z.string(), size: z.number() }),
  action: (args) => `Attach ${args.filename} to page ${args.page_id}`,
  run: async ({ confluence, instance, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const data = decodeUpload(args.content_base64, instance.attachmentMaxBytes);
    const created = await upload(confluence, page, args.filename, data, args.mime_type, args.comment, signal);
    return {
      text: `Attached ${created.title} (${data.length} bytes, id ${created.id}).`,
      structured: { page_id: args.page_id, id: created.id, title: created.title, size: data.length },
    };
  },
});

export const deleteAttachment = defineConfluenceTool({
  name: 'delete_attachment',
  title: 'Delete Confluence attachment',
  toolset: 'attachments',
  access: 'destructive',
  description: 'Delete an attachment from a page by id.',
  input: () => z.strictObject({ page_id: pageId, attachment_id: opaqueId('Attachment id') }),
  output: () => z.object({ page_id: z.string(), attachment_id: z.string(), deleted: z.boolean() }),
  action: (args) => `Delete attachment ${args.attachment_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const all = await listAttachments(confluence, page, 100, signal);
    if (!all.some((item) => item.id === args.attachment_id))
      throw new ToolInputError(`attachment ${args.attachment_id} is not on page ${args.page_id}`);
    await remove(confluence, args.attachment_id, signal);
    return {
      text: `Deleted attachment ${args.attachment_id}.`,
      structured: { page_id: args.page_id, attachment_id: args.attachment_id, deleted: true },
    };
  },
});

async function fetchAll(
  confluence: ConfluenceClient,
  instance: InstanceView,
  pageIdValue: string,
  items: AttachmentRecord[],
  signal: AbortSignal,
) {
  const content: ExtraContent[] = [];
  const attachments: Array<z.infer<typeof fetched>['attachments'][number]> = [];
  for (const item of items) {
    const { download: _download, ...record } = item;
    if (item.size !== null && item.size > instance.attachmentMaxBytes) {
      attachments.push({ ...record, returned: false, note: overLimitNote(instance.attachmentMaxBytes) });
      continue;
    }
    const downloaded = await downloadWithinLimit(() =>
      downloadAttachment(confluence, item, instance.attachmentMaxBytes, signal),
    );
    if ('note' in downloaded) {
      attachments.push({ ...record, returned: false, note: downloaded.note });
      continue;
    }
    const data = downloaded.data;
    content.push(contentBlock(item.media_type, data, confluence.webUrl(item.download ?? '')));
    attachments.push({ ...record, size: data.length, returned: true, note: null });
  }
  const lines = attachments.map(
    (item) =>
      `- ${item.title} (id ${item.id}, ${item.media_type})${item.returned ? '' : `: not returned, ${item.note}`}`,
  );
  return {
    text: attachments.length ? lines.join('\n') : 'No matching attachments.',
    structured: { page_id: pageIdValue, attachments },
    content,
  };
}
