/**
 * The value shapes configuration settings share: lenient booleans, numbers and lists (env strings or YAML values),
 * URLs, secrets and scope lists.
 */
import { z } from 'zod';

/** Accepts real booleans (YAML) and the usual strings (env): true/false, 1/0, yes/no, on/off. */
export const flexibleBoolean = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const normalized = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    return value;
  },
  z.boolean({ error: 'expected true or false' }),
);

/** Accepts a YAML list or a comma-separated env string; blanks are dropped. */
export const stringList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(z.string()).transform((items) => items.map((item) => item.trim()).filter((item) => item.length > 0)),
);

/** Accepts a number or a numeric string. */
export const flexibleNumber = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number({ error: 'expected a number' }),
);

export const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'expected an http(s) URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * An Atlassian site: an http(s) base URL without `user:password@`, query or fragment. Credentials in the URL
 * (or a token in its query) would be shown to clients in tool descriptions and sent with every request.
 */
export const siteUrl = httpUrl
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), {
    error: 'must not contain user:password@ (put credentials in auth, or the *_USERNAME/*_API_TOKEN variables)',
  })
  .refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash && !/[?#]/.test(value)), {
    error: "must be the site's base URL, without ?query or #fragment (the gateway adds the REST paths itself)",
  });

export const secret = z.string().min(1, { error: 'required' });

/** Scopes as Atlassian writes them (space-separated) or as a list; blanks dropped. */
export const scopeList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/) : value),
  z.array(z.string()).transform((items) => items.map((item) => item.trim()).filter(Boolean)),
);
