/** Jira `attachments` toolset: images come back as MCP image content a vision model can see, other files as resources. */
import { z } from 'zod';
import {
  downloadAttachment,
  listAttachments,
  uploadAttachment,
  type RawAttachment,
} from '../../atlassian/jira/attachments.js';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { contentBlock, decodeUpload, downloadWithinLimit, MAX_FILES, overLimitNote } from '../binary.js';
import { defineJiraTool, type ExtraContent, type InstanceView } from '../define.js';
import { ToolInputError } from '../errors.js';
import { fileName, issueKey, listOf, numericId } from '../params.js';

const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size: z.number(),
  returned: z.boolean(),
  note: z.string().nullable(),
});

export const downloadAttachments = defineJiraTool({
  name: 'download_attachments',
  title: 'Download Jira attachments',
  toolset: 'attachments',
  access: 'read',
  description:
    'Fetch attachments of an issue (all, or the given ids): images as image content, other files as embedded resources, within the size limit.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      attachment_ids: listOf(numericId('Attachment id'), { max: MAX_FILES }).optional(),
    }),
  output: () => z.object({ issue_key: z.string(), attachments: z.array(attachmentSchema) }),
  action: (args) => `Download attachments of ${args.issue_key}`,
  run: async (context, args) => {
    const key = args.issue_key;
    const all = await listAttachments(context.jira, key, context.signal);
    const wanted = args.attachment_ids
      ? all.filter((attachment) => args.attachment_ids!.includes(attachment.id))
      : all.slice(0, MAX_FILES);
    const missing = (args.attachment_ids ?? []).filter((id) => !all.some((attachment) => attachment.id === id));
    if (missing.length)
      throw new ToolInputError(
        `no attachment ${missing.join(', ')} on ${key}; it has ${all.map((attachment) => `${attachment.id} (${attachment.filename})`).join(', ') || 'none'}`,
      );
    return fetchAll(context.jira, context.instance, key, wanted, context.signal, all.length);
  },
});

export const getIssueImages = defineJiraTool({
  name: 'get_issue_images',
  title: 'Get Jira issue images',
  toolset: 'attachments',
  access: 'read',
  description: 'Return the image attachments of an issue (screenshots, diagrams) as image content for vision models.',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () => z.object({ issue_key: z.string(), attachments: z.array(attachmentSchema) }),
  action: (args) => `Get images of ${args.issue_key}`,
  run: async (context, args) => {
    const key = args.issue_key;
    const images = (await listAttachments(context.jira, key, context.signal)).filter((attachment) =>
      attachment.mimeType?.startsWith('image/'),
    );
    return fetchAll(context.jira, context.instance, key, images.slice(0, MAX_FILES), context.signal, images.length);
  },
});

export const uploadAttachmentTool = defineJiraTool({
  name: 'upload_attachment',
  title: 'Attach file to Jira issue',
  toolset: 'attachments',
  access: 'write',
  description: 'Attach a file to an issue from base64 content.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      filename: fileName,
      content_base64: z.string().min(1).describe('File content, base64'),
      mime_type: z.string().default('application/octet-stream'),
    }),
  output: () => z.object({ issue_key: z.string(), id: z.string(), filename: z.string(), size: z.number() }),
  action: (args) => `Attach ${args.filename} to ${args.issue_key}`,
  run: async ({ jira, instance, signal }, args) => {
    const key = args.issue_key;
    const data = decodeUpload(args.content_base64, instance.attachmentMaxBytes);
    const [created] = await uploadAttachment(jira, key, args.filename, data, args.mime_type, signal);
    return {
      text: `Attached ${args.filename} (${data.length} bytes) to ${key}.`,
      structured: { issue_key: key, id: String(created?.id ?? ''), filename: args.filename, size: data.length },
    };
  },
});

async function fetchAll(
  jira: JiraClient,
  instance: InstanceView,
  key: string,
  attachments: RawAttachment[],
  signal: AbortSignal,
  total: number,
) {
  const content: ExtraContent[] = [];
  const records: Array<z.infer<typeof attachmentSchema>> = [];
  for (const attachment of attachments) {
    const mimeType = attachment.mimeType ?? 'application/octet-stream';
    const size = attachment.size ?? 0;
    const entry = { id: attachment.id, filename: attachment.filename, mime_type: mimeType };
    const downloaded =
      size > instance.attachmentMaxBytes
        ? { note: overLimitNote(instance.attachmentMaxBytes) }
        : await downloadWithinLimit(() => downloadAttachment(jira, attachment, instance.attachmentMaxBytes, signal));
    if ('note' in downloaded) {
      records.push({ ...entry, size, returned: false, note: downloaded.note });
      continue;
    }
    const { data } = downloaded.data;
    content.push(contentBlock(mimeType, data, `${jira.browseUrl(key)}#attachment-${attachment.id}`));
    records.push({ ...entry, size: data.length, returned: true, note: null });
  }
  const lines = records.map(
    (record) =>
      `- ${record.filename} (id ${record.id}, ${record.mime_type}, ${record.size} bytes)${record.returned ? '' : `: not returned, ${record.note}`}`,
  );
  const more =
    total > attachments.length
      ? `\n${total - attachments.length} more not returned; pass attachment_ids to choose.`
      : '';
  return {
    text: records.length
      ? `${records.filter((record) => record.returned).length} of ${records.length} attachment(s) from ${key}:\n${lines.join('\n')}${more}`
      : `${key} has no matching attachments.`,
    structured: { issue_key: key, attachments: records },
    content,
  };
}
