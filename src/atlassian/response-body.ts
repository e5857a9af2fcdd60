/**
 * Reading one Atlassian answer safely: a size limit enforced while the body streams in, redirects turned into
 * errors instead of results, and JSON parsed from bytes so a non-JSON answer is named as such.
 */
import type { CancelableRequest, Response } from 'got';
import type { UpstreamAnswer } from './direct-request.js';
import type { SizeLimit } from './errors.js';

/** Raised when a body passes its limit; carries the limit so the error can name it and the setting that raises it. */
export class SizeLimitExceeded extends Error {
  constructor(readonly limit: SizeLimit) {
    super(`over the ${limit.bytes}-byte limit`);
  }
}

/**
 * Awaits a response whose body may not pass `limit`: an announced `Content-Length` over it is refused before the
 * body is read, otherwise reading stops (and the connection is dropped) as soon as the count passes it.
 */
export async function readWithin(
  pending: CancelableRequest<Response<string>>,
  limit: SizeLimit,
): Promise<Response<Buffer>> {
  let over: SizeLimit | undefined;
  void pending.on('downloadProgress', ({ transferred, total }) => {
    if (over) return;
    if (total !== undefined && total > limit.bytes) over = { ...limit, announced: total };
    else if (transferred > limit.bytes) over = limit;
    if (over) pending.cancel();
  });
  try {
    return (await pending) as unknown as Response<Buffer>;
  } catch (error) {
    if (over) throw new SizeLimitExceeded(over);
    throw error;
  }
}

/** The redirect's target host, never its path or query (they may carry tokens); `undefined` without a Location. */
export class Redirected extends Error {
  constructor(
    readonly status: number,
    readonly host: string | undefined,
  ) {
    super(`redirected (HTTP ${status})`);
  }
}

export function isRedirect(response: UpstreamAnswer): boolean {
  return response.statusCode >= 300 && response.statusCode < 400 && Boolean(response.headers.location);
}

/** Redirects are not followed, and a 3xx is never a result: a login page in front of Jira must not read as success. */
export function refuseRedirect(response: UpstreamAnswer): void {
  if (response.statusCode < 300 || response.statusCode >= 400) return;
  const location = response.headers.location;
  let host: string | undefined;
  try {
    host = location ? new URL(location, response.url).host : undefined;
  } catch {
    host = undefined;
  }
  throw new Redirected(response.statusCode, host);
}

export class NotJson extends Error {}

/** An empty body reads as `''`, as got's JSON mode did; anything else must be JSON. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return '';
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new NotJson('not JSON');
  }
}
