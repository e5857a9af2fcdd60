/**
 * Redirect URI rules: what a client may register, and whether a requested URI is one it registered. Matching is
 * exact, string for string; the one exception is RFC 8252 §7.3: a client that registered an `http` loopback URI
 * may use any port on it, since native apps get a free port from the system each time.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:']);

function parse(uri: string): URL | undefined {
  return URL.canParse(uri) ? new URL(uri) : undefined;
}

export function isLoopbackUri(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Why a URI cannot be registered, or undefined when it can: https, http on loopback, or an app's own scheme. */
export function redirectUriProblem(uri: string): string | undefined {
  const url = parse(uri);
  if (!url) return `${JSON.stringify(uri)} is not an absolute URI`;
  if (url.hash || uri.includes('#')) return `${uri} has a fragment`;
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `${url.protocol} redirect URIs are not allowed`;
  if (url.protocol === 'http:' && !isLoopbackUri(url)) return `${uri}: http is allowed for loopback addresses only`;
  if (url.username || url.password) return `${uri} carries credentials`;
  return undefined;
}

/** Whether `requested` is one of `registered`: exactly, or a registered loopback URI on another port. */
export function redirectUriMatches(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const asked = parse(requested);
  if (!asked || !isLoopbackUri(asked)) return false;
  return registered.some((entry) => {
    const known = parse(entry);
    if (!known || !isLoopbackUri(known)) return false;
    return (
      known.hostname === asked.hostname &&
      known.pathname === asked.pathname &&
      known.search === asked.search &&
      !asked.hash
    );
  });
}
