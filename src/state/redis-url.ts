/**
 * Redis URLs as logs and messages may show them: the password (and a user name) replaced, since `REDIS_URL` may carry
 * both and neither belongs in a log line or a tool result.
 */

/** `redis://:secret@host:6379/0` → `redis://***@host:6379/0`; anything unparsable is shown as `(unparsable Redis URL)`. */
export function redactRedisUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparsable Redis URL)';
  const parsed = new URL(url);
  const hidden = parsed.username || parsed.password ? '***@' : '';
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return `${parsed.protocol}//${hidden}${parsed.host}${path}`;
}

/** Removes the URL's secrets from a text (a driver's error message) before it is logged or shown. */
export function scrubSecrets(text: string, url: string): string {
  if (!URL.canParse(url)) return text;
  const { password, username } = new URL(url);
  let scrubbed = text.split(url).join(redactRedisUrl(url));
  for (const secret of [password, decodeURIComponent(password)].filter((value) => value.length >= 3))
    scrubbed = scrubbed.split(secret).join('***');
  if (username.length >= 3) scrubbed = scrubbed.split(`${username}:`).join('***:');
  return scrubbed;
}
