/**
 * Attachment downloads: raw bytes under a size limit, following a redirect only back into the instance (with its
 * credentials) or to one of its media origins (without them), at most a few hops.
 */
import type { Got, Response } from 'got';
import type { CallDeadline } from './deadline.js';
import { startCallDeadline } from './deadline.js';
import { toAtlassianError, type FailedCall } from './http-failure.js';
import type { InstanceGate } from './instance-gate.js';
import { isRedirect, readWithin, refuseRedirect } from './response-body.js';
import type { RetrySettings } from './retry-policy.js';
import { toSearchParams, type Query } from './search-params.js';
import { sendAttempts } from './send-attempts.js';

/** Redirects one download may follow (the instance's own, then the media service's). */
const MAX_DOWNLOAD_REDIRECTS = 3;

export interface DownloadOptions {
  query?: Query;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface DownloadTarget {
  baseUrl: string;
  timeoutMs: number;
  mediaOrigins?: readonly string[];
}

/** What a download needs from the client it belongs to. */
export interface DownloadDeps {
  target: DownloadTarget;
  /** The upstream's gate: a download, redirects included, holds one of its slots. */
  gate: InstanceGate;
  retrySettings: RetrySettings;
  clientReady: () => Promise<Got>;
  mediaClientReady: () => Promise<Got>;
  failedCall: (method: string, relative: string, budget: CallDeadline) => Omit<FailedCall, 'repeatable'>;
}

export function createDownload({
  target,
  gate,
  retrySettings,
  clientReady,
  mediaClientReady,
  failedCall,
}: DownloadDeps) {
  return async function download(path: string, options: DownloadOptions) {
    const relative = path.replace(/^\/+/, '');
    const budget = startCallDeadline(target.timeoutMs, options.signal);
    const limit = { bytes: options.maxBytes, setting: 'ATTACHMENT_MAX_BYTES' };
    try {
      const client = await clientReady();
      const send = async () => {
        let response = await readWithin(
          client(relative, {
            searchParams: toSearchParams(options.query),
            headers: { accept: '*/*' },
            signal: budget.signal,
          }),
          limit,
        );
        for (let hops = 0; isRedirect(response) && hops < MAX_DOWNLOAD_REDIRECTS; hops++) {
          const next = followable(response, target);
          if (!next) break;
          // The instance's own address keeps its credentials; the media service's signed one gets none.
          const pending = next.own
            ? client(next.relative, { headers: { accept: '*/*' }, signal: budget.signal })
            : (await mediaClientReady())(next.url, { signal: budget.signal });
          response = await readWithin(pending, limit);
        }
        return response;
      };
      const call = {
        instance: failedCall('GET', relative, budget).instance,
        method: 'GET' as const,
        path: `/${relative}`,
      };
      const response = await sendAttempts(gate, { ...call, repeatable: true, budget }, retrySettings, send);
      refuseRedirect(response);
      return { data: response.rawBody, contentType: response.headers['content-type'] };
    } catch (error) {
      throw toAtlassianError(error, { ...failedCall('GET', relative, budget), repeatable: true });
    } finally {
      budget.end();
    }
  };
}

/**
 * Where a download's redirect leads, when the gateway follows it: back into the instance (a path under its base
 * URL, with credentials) or to one of its media origins (the absolute URL, without). Undefined otherwise.
 */
function followable(
  response: Response<Buffer>,
  target: DownloadTarget,
): { own: true; relative: string } | { own: false; url: string } | undefined {
  let location: URL;
  try {
    location = new URL(response.headers.location!, response.url);
  } catch {
    return undefined;
  }
  const base = new URL(`${target.baseUrl.replace(/\/+$/, '')}/`);
  if (
    location.origin === base.origin &&
    location.pathname.startsWith(base.pathname) &&
    !location.username &&
    !location.password
  ) {
    return { own: true, relative: `${location.pathname.slice(base.pathname.length)}${location.search}` };
  }
  if (target.mediaOrigins?.includes(location.origin) && !location.username && !location.password) {
    return { own: false, url: location.href };
  }
  return undefined;
}
