/**
 * The SSRF guard for every Atlassian URL that arrives in a request (multi-tenant headers). A URL must use
 * https (unless allowed otherwise), match the operator's host allow-list, and point at a public address:
 * IP literals in any notation are classified after WHATWG URL normalisation (decimal, octal and hex IPv4,
 * IPv4-mapped IPv6), names are resolved and every address checked, and the same check runs again at connect
 * time so a DNS answer that changes between the check and the connection (rebinding) is refused too.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface TargetPolicy {
  /** Host patterns: `*` (any public host), `*.atlassian.net`, `jira.example.com`, or URLs whose host is taken. */
  allowedHosts: readonly string[];
  allowHttp: boolean;
  allowPrivateNetworks: boolean;
}

/** A URL the guard will not let the gateway call; the message says why, for a 4xx answer. */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** Names that reach cloud metadata services or the local machine whatever DNS says. */
const INTERNAL_NAMES = [
  /^localhost$/,
  /\.localhost$/,
  /^metadata$/,
  /^metadata\.google\.internal$/,
  /^instance-data(\.ec2\.internal)?$/,
  /\.internal$/,
  /\.local$/,
];

/** True for globally routable unicast addresses; false for private, loopback, link-local, metadata, reserved and tunnelled forms. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** Checks a URL's shape, scheme, host pattern and literal address; returns it normalised (no trailing slash). */
export function checkTargetUrl(raw: string, policy: TargetPolicy, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetRefused(`${what} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new TargetRefused(
      `${what} must use https${url.protocol === 'http:' ? ' (http targets are not allowed on this gateway)' : ''}`,
    );
  }
  if (url.username || url.password) throw new TargetRefused(`${what} must not contain credentials`);
  if (url.search || url.hash) throw new TargetRefused(`${what} must be a base URL without query or fragment`);
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (!policy.allowPrivateNetworks) {
    if (ipaddr.isValid(host) && !isPublicAddress(host))
      throw new TargetRefused(`${what} points at a private, loopback or link-local address`);
    if (INTERNAL_NAMES.some((pattern) => pattern.test(host)))
      throw new TargetRefused(`${what} points at an internal host name`);
  }
  if (!hostAllowed(host, policy.allowedHosts)) {
    throw new TargetRefused(`${what} host ${host} is not in the gateway's allow-list (ATLASSIAN_ALLOWED_URLS)`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  return patterns.some((entry) => {
    const pattern = (URL.canParse(entry) ? new URL(entry).hostname : entry)
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

/** Resolves a host now and refuses it when any address it resolves to is not public. */
export async function checkResolvedHost(host: string, policy: TargetPolicy, what: string): Promise<void> {
  if (policy.allowPrivateNetworks || ipaddr.isValid(host.replace(/^\[|\]$/g, ''))) return;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    throw new TargetRefused(`${what} host ${host} does not resolve`);
  }
  if (addresses.some((entry) => !isPublicAddress(entry.address)))
    throw new TargetRefused(`${what} host ${host} resolves to a private, loopback or link-local address`);
}

/** The error code a refused connect-time lookup carries; the HTTP client reports it as a refused target. */
export const SSRF_REFUSED_CODE = 'ESSRFREFUSED';

/** A `lookup` for agents that refuses, at connect time, any name resolving to a non-public address. */
export function guardedLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
      if (blocked) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a non-public address`), {
          code: SSRF_REFUSED_CODE,
        });
        return callback(refusal, '', 4);
      }
      if (options.all)
        return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
