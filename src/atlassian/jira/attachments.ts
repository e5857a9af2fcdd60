/** Jira attachments: metadata from the issue, bytes by id (Cloud) or by their same-site content URL (Server/DC), uploads. */
import { z } from 'zod';
import { requirePathOnInstance } from '../instance-links.js';
import { segment } from '../path.js';
import { anyId, loose, operation, optionalText, requestAs } from '../shape.js';
import { userShape } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import type { RawUser } from './issue.js';

export interface RawAttachment {
  id: string;
  filename: string;
  mimeType?: string;
  size?: number;
  content?: string;
  created?: string;
  author?: RawUser;
}

const addAttachment = operation<RawAttachment[]>('addAttachment', () =>
  z.array(
    loose({
      id: anyId,
      filename: z.string(),
      mimeType: optionalText,
      size: z.number().nullish(),
      author: userShape().nullish(),
    }),
  ),
);

export async function listAttachments(jira: JiraClient, key: string, signal?: AbortSignal): Promise<RawAttachment[]> {
  const issue = await jira.getIssue(key, { fields: ['attachment'], signal });
  return ((issue.fields?.attachment as RawAttachment[] | undefined) ?? []).map((attachment) => ({
    ...attachment,
    id: String(attachment.id),
  }));
}

/**
 * Downloads one attachment. Server/DC serves bytes at the `content` URL the metadata gives; it is followed only
 * when it points into the instance itself, so an attachment record can never send the gateway elsewhere.
 */
export async function downloadAttachment(
  jira: JiraClient,
  attachment: RawAttachment,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ data: Buffer; contentType: string | undefined }> {
  if (jira.platform === 'cloud') {
    return jira.http.download(`${jira.api}/attachment/content/${segment(attachment.id)}`, {
      query: { redirect: false },
      maxBytes,
      signal,
    });
  }
  const path = requirePathOnInstance(jira.http.instance, jira.baseUrl, attachment.content ?? '', '/secure/attachment');
  return jira.http.download(path, { maxBytes, signal });
}

export async function uploadAttachment(
  jira: JiraClient,
  key: string,
  filename: string,
  data: Buffer,
  mimeType: string,
  signal?: AbortSignal,
): Promise<RawAttachment[]> {
  const path = await jira.issuePath(key, 'POST', '/attachments', signal);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), filename);
  return requestAs(jira.http, addAttachment, 'POST', path, {
    form,
    headers: { 'x-atlassian-token': 'no-check' },
    signal,
  });
}
