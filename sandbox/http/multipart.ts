/**
 * Just enough multipart/form-data for the sandbox's uploads (Jira and Confluence attachments): the parts of a body,
 * each with its form name, file name and content type.
 */
import type { FastifyInstance } from 'fastify';

export interface MultipartFile {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Just enough multipart/form-data parsing for uploads in the sandbox. */
export function parseMultipart(body: Buffer, contentType: string): MultipartFile[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartFile[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(headers)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(headers)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
      data: Buffer.from(part.subarray(headerEnd + 4)),
    });
    start = next;
  }
  return parts;
}

/** Makes `scope` parse multipart bodies into `MultipartFile[]`. */
export function acceptMultipart(scope: FastifyInstance): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) =>
    done(null, parseMultipart(body as Buffer, String(request.headers['content-type']))),
  );
}
