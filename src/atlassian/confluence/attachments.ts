/**
 * Confluence attachments: listed through v2 (Cloud) or v1 (Server/DC), downloaded from their `download` link on
 * the same site (followed only when it stays on the instance), uploaded as multipart through v1 on both.
 */
import { z } from 'zod';
import { requirePathOnInstance } from '../instance-links.js';
import { segment } from '../path.js';
import { anyId, getAs, loose, operation, optionalObject, optionalText, requestAs } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import type { ConfluenceClient, RawPage } from './client.js';

export interface AttachmentRecord {
  id: string;
  title: string;
  media_type: string;
  size: number | null;
  /** Path of the download link, relative to the instance URL. */
  download: string | null;
}

type V2Attachment = { id: string; title: string; mediaType?: string; fileSize?: number; downloadLink?: string };
type V1Attachment = {
  id: string;
  title: string;
  metadata?: { mediaType?: string };
  extensions?: { fileSize?: number; mediaType?: string };
  _links?: { download?: string };
};

const ANSWERS = {
  getPageAttachments: operation<{ results: V2Attachment[] }>('getPageAttachments', () =>
    resultsOf(
      loose({
        id: anyId,
        title: z.string(),
        mediaType: optionalText,
        fileSize: z.number().nullish(),
        downloadLink: optionalText,
      }),
    ),
  ),
  getAttachments: operation<{ results: V1Attachment[] }>('getAttachments', () =>
    resultsOf(
      loose({
        id: anyId,
        title: z.string(),
        metadata: optionalObject({ mediaType: optionalText }),
        extensions: optionalObject({ fileSize: z.number().nullish(), mediaType: optionalText }),
        _links: optionalObject({ download: optionalText }),
      }),
    ),
  ),
  createAttachment: operation<{ results: Array<{ id: string; title: string }> }>('createAttachment', () =>
    resultsOf(loose({ id: anyId, title: z.string() })),
  ),
};

export async function listAttachments(
  confluence: ConfluenceClient,
  page: RawPage,
  limit: number,
  signal?: AbortSignal,
): Promise<AttachmentRecord[]> {
  const pageId = page.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageAttachments,
      `/api/v2/pages/${segment(pageId)}/attachments`,
      { limit },
      signal,
    );
    return answer.results.map((item) => ({
      id: String(item.id),
      title: item.title,
      media_type: item.mediaType ?? 'application/octet-stream',
      size: item.fileSize ?? null,
      download: item.downloadLink ?? null,
    }));
  }
  const answer = await getAs(
    confluence.http,
    ANSWERS.getAttachments,
    `/rest/api/content/${segment(pageId)}/child/attachment`,
    { limit, expand: 'metadata,extensions' },
    signal,
  );
  return answer.results.map((item) => ({
    id: String(item.id),
    title: item.title,
    media_type: item.metadata?.mediaType ?? item.extensions?.mediaType ?? 'application/octet-stream',
    size: item.extensions?.fileSize ?? null,
    download: item._links?.download ?? null,
  }));
}

export async function downloadAttachment(
  confluence: ConfluenceClient,
  attachment: AttachmentRecord,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  // Download links are relative to the site; an absolute one must point back into this instance.
  const path = requirePathOnInstance(
    confluence.http.instance,
    confluence.baseUrl,
    attachment.download ?? '',
    '/download/attachments',
  );
  return (await confluence.http.download(path, { maxBytes, signal })).data;
}

export async function uploadAttachment(
  confluence: ConfluenceClient,
  page: RawPage,
  filename: string,
  data: Buffer,
  mimeType: string,
  comment: string | undefined,
  signal?: AbortSignal,
): Promise<{ id: string; title: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), filename);
  if (comment) form.append('comment', comment);
  // Required by createAttachment on both platforms; false keeps the notifications a normal upload sends.
  form.append('minorEdit', 'false');
  const answer = await requestAs(
    confluence.http,
    ANSWERS.createAttachment,
    'POST',
    `/rest/api/content/${segment(page.id)}/child/attachment`,
    { form, headers: { 'x-atlassian-token': 'no-check' }, signal },
  );
  const created = answer.results[0];
  return { id: String(created?.id ?? ''), title: created?.title ?? filename };
}

export async function deleteAttachment(confluence: ConfluenceClient, id: string, signal?: AbortSignal): Promise<void> {
  const path =
    confluence.platform === 'cloud' ? `/api/v2/attachments/${segment(id)}` : `/rest/api/content/${segment(id)}`;
  await confluence.http.request('DELETE', path, { signal });
}
