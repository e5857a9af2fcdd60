/** Files in tool results and uploads, the same way for Jira and Confluence: images a model can see, a size limit. */
import { AtlassianError } from '../atlassian/errors.js';
import type { ExtraContent } from './define.js';
import { ToolInputError } from './errors.js';

/** Most files one answer carries, so images and downloads stay a bounded part of the conversation. */
export const MAX_FILES = 10;

/** Images as image content, anything else as an embedded resource. */
export function contentBlock(mimeType: string, data: Buffer, uri: string): ExtraContent {
  const base64 = data.toString('base64');
  return mimeType.startsWith('image/')
    ? { type: 'image', data: base64, mimeType }
    : { type: 'resource', resource: { uri, mimeType, blob: base64 } };
}

export function overLimitNote(limit: number): string {
  return `over the ${limit}-byte limit (ATTACHMENT_MAX_BYTES)`;
}

/**
 * Runs a download; a file that turns out larger than the limit (its listing said less, or gave no size) is not an
 * error for the whole call but a note for that file, like a file the listing already showed to be too large.
 */
export async function downloadWithinLimit<T>(download: () => Promise<T>): Promise<{ data: T } | { note: string }> {
  try {
    return { data: await download() };
  } catch (error) {
    const limit =
      error instanceof AtlassianError && error.failure === 'too_large' ? error.details.sizeLimit : undefined;
    if (!limit) throw error;
    const announced = limit.announced !== undefined ? `: Atlassian announced ${limit.announced} bytes` : '';
    return { note: `${overLimitNote(limit.bytes)}${announced}` };
  }
}

/** Decodes an upload, refusing text that is not base64 and files over the limit. */
export function decodeUpload(base64: string, limit: number): Buffer {
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64)) throw new ToolInputError('content_base64 is not valid base64');
  const data = Buffer.from(base64, 'base64');
  if (data.length > limit)
    throw new ToolInputError(`the file is ${data.length} bytes; the limit is ${limit} (ATTACHMENT_MAX_BYTES)`);
  return data;
}
