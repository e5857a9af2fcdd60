/**
 * Links Atlassian hands out (attachment content and download links) are followed only when they lead back into
 * the instance itself: same scheme, host and port, under the instance's base path, without credentials in the URL.
 * Anything else is refused as `outside_instance`, so a record in a payload can never send the gateway elsewhere.
 */
import { AtlassianError } from './errors.js';

/**
 * The path (with query) of `link` relative to the instance at `baseUrl`, ready for the instance's HTTP client.
 * A link starting with one `/` is relative to the instance's base (Confluence's `/download/...` under `/wiki`);
 * an absolute one must point into it.
 */
export function pathOnInstance(baseUrl: string, link: string): string | undefined {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const relative = link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');
  let target: URL;
  try {
    target = new URL(relative ? `${base.origin}${basePath}${link}` : link);
  } catch {
    return undefined;
  }
  if (target.origin !== base.origin || target.username || target.password) return undefined;
  if (!target.pathname.startsWith(`${basePath}/`)) return undefined;
  return `${target.pathname.slice(basePath.length)}${target.search}`;
}

/** `pathOnInstance`, or an `outside_instance` error naming only the host the link pointed at. */
export function requirePathOnInstance(instance: string, baseUrl: string, link: string, requestPath: string): string {
  const path = pathOnInstance(baseUrl, link);
  if (path !== undefined) return path;
  throw new AtlassianError({
    instance,
    method: 'GET',
    path: requestPath,
    failure: 'outside_instance',
    targetHost: hostOf(link),
  });
}

function hostOf(link: string): string | undefined {
  try {
    return new URL(link).host || undefined;
  } catch {
    return undefined;
  }
}
