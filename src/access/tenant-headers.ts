/**
 * Multi-tenant mode: a caller names its own Atlassian identity and target in request headers. This module
 * reads those headers into one target per product, applying the SSRF guard to every URL they carry.
 *
 * - `Authorization: Bearer <token>`: an OAuth access token on Cloud (with `X-Atlassian-Cloud-Id`), a personal
 *   access token on Server/DC; `Authorization: Token <PAT>`: Server/DC; `Authorization: Basic …`: passed on.
 * - `X-Atlassian-Jira-Personal-Token` / `X-Atlassian-Confluence-Personal-Token`: a PAT for one product.
 * - `X-Jira-URL` / `X-Atlassian-Jira-Url`, `X-Confluence-URL` / `X-Atlassian-Confluence-Url`, `X-Atlassian-Cloud-Id`.
 */
import { detectPlatform, normalizeBaseUrl } from '../config/platform.js';
import {
  cloudId as cloudIdSchema,
  PRODUCTS,
  type InstanceConfig,
  type Platform,
  type Product,
} from '../config/schema.js';
import { cloudApiBase } from '../instances/connect.js';
import { checkResolvedHost, checkTargetUrl, TargetRefused, type TargetPolicy } from '../security/ssrf.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface TenantTarget {
  product: Product;
  platform: Platform;
  /** The site URL: shown to the model and used for links. */
  siteUrl: string;
  /** Where API calls go: the site, or Atlassian's API gateway by cloud id. */
  apiBase: string;
  /** The Authorization header sent upstream. */
  authorization: string;
  /** True when the URL came from the request, so connections get the connect-time SSRF check. */
  untrustedHost: boolean;
}

export type TenantTargets = Partial<Record<Product, TenantTarget>>;

/** A request the headers make impossible; `status` is the HTTP answer (400 malformed, 403 refused target). */
export class TenantError extends Error {
  constructor(
    readonly status: 400 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'TenantError';
  }
}

export interface TenantSettings {
  policy: TargetPolicy;
  /** The static default instance of each product, whose URL and platform a tenant inherits unless it names its own. */
  defaults: Partial<Record<Product, InstanceConfig>>;
  apiUrl: string;
}

/** Lower-case names to read, with the spelling errors use. */
const URL_HEADERS: Record<Product, ReadonlyArray<readonly [name: string, display: string]>> = {
  jira: [
    ['x-jira-url', 'X-Jira-URL'],
    ['x-atlassian-jira-url', 'X-Atlassian-Jira-Url'],
  ],
  confluence: [
    ['x-confluence-url', 'X-Confluence-URL'],
    ['x-atlassian-confluence-url', 'X-Atlassian-Confluence-Url'],
  ],
};
const PAT_HEADERS: Record<Product, string> = {
  jira: 'x-atlassian-jira-personal-token',
  confluence: 'x-atlassian-confluence-personal-token',
};

/** Whether a request carries Atlassian credentials of its own. */
export function hasTenantCredentials(headers: Headers): boolean {
  return Boolean(
    headerValue(headers, 'authorization') || PRODUCTS.some((product) => headerValue(headers, PAT_HEADERS[product])),
  );
}

/** One target per product the headers (or the static defaults) name; throws `TenantError` when they cannot be honoured. */
export async function readTenantTargets(headers: Headers, settings: TenantSettings): Promise<TenantTargets> {
  const authorization = parseAuthorization(headerValue(headers, 'authorization'));
  const rawCloudId = headerValue(headers, 'x-atlassian-cloud-id');
  const cloudId = rawCloudId === undefined ? undefined : cloudIdSchema.safeParse(rawCloudId);
  if (cloudId && !cloudId.success) throw new TenantError(400, 'X-Atlassian-Cloud-Id is not a cloud id');
  const targets: TenantTargets = {};
  for (const product of PRODUCTS) {
    const pat = headerValue(headers, PAT_HEADERS[product]);
    const credential = pat ? ({ scheme: 'token', value: pat } as const) : authorization;
    if (!credential) continue;
    const urlHeader = URL_HEADERS[product]
      .map(([name, display]) => [display, headerValue(headers, name)] as const)
      .find(([, value]) => value);
    const target = await targetFor(product, credential, urlHeader, cloudId?.data, settings);
    if (target) targets[product] = target;
  }
  if (Object.keys(targets).length === 0) {
    throw new TenantError(
      400,
      'the headers name no Jira or Confluence target: send X-Jira-URL, X-Confluence-URL or X-Atlassian-Cloud-Id with your credentials',
    );
  }
  return targets;
}

type Credential = { scheme: 'bearer' | 'token' | 'basic'; value: string };

async function targetFor(
  product: Product,
  credential: Credential,
  urlHeader: readonly [display: string, value: string | undefined] | undefined,
  cloudId: string | undefined,
  settings: TenantSettings,
): Promise<TenantTarget | undefined> {
  const fallback = settings.defaults[product];
  let siteUrl: string;
  let platform: Platform;
  const untrustedHost = Boolean(urlHeader);
  if (urlHeader) {
    const [display, value] = urlHeader;
    try {
      const url = checkTargetUrl(value!, settings.policy, display);
      await checkResolvedHost(url.hostname, settings.policy, display);
      platform = detectPlatform(url.href);
      siteUrl = normalizeBaseUrl(url.href.replace(/\/+$/, ''), product, platform);
    } catch (error) {
      if (error instanceof TargetRefused) throw new TenantError(403, error.message);
      throw error;
    }
  } else if (fallback) {
    siteUrl = fallback.url;
    platform = fallback.platform;
  } else if (cloudId) {
    platform = 'cloud';
    siteUrl = cloudApiBase(settings.apiUrl, product, cloudId);
  } else {
    return undefined;
  }

  if (credential.scheme === 'basic')
    return { product, platform, siteUrl, apiBase: siteUrl, authorization: `Basic ${credential.value}`, untrustedHost };
  if (platform === 'server')
    return { product, platform, siteUrl, apiBase: siteUrl, authorization: `Bearer ${credential.value}`, untrustedHost };
  if (credential.scheme === 'token') {
    throw new TenantError(
      400,
      `personal access tokens (Authorization: Token) work with Server/Data Center only; ${siteUrl} is Atlassian Cloud: send an OAuth token as Bearer`,
    );
  }
  const fallbackCloudId =
    fallback?.auth.type === 'oauth' || fallback?.auth.type === 'bearer' ? fallback.auth.cloud_id : undefined;
  const site = cloudId ?? fallbackCloudId;
  if (!site)
    throw new TenantError(
      400,
      `an OAuth token for Atlassian Cloud needs X-Atlassian-Cloud-Id (the site's cloud id) to reach ${product}`,
    );
  return {
    product,
    platform,
    siteUrl,
    apiBase: cloudApiBase(settings.apiUrl, product, site),
    authorization: `Bearer ${credential.value}`,
    untrustedHost: false,
  };
}

function parseAuthorization(value: string | undefined): Credential | undefined {
  if (!value) return undefined;
  const match = /^(Bearer|Token|Basic)\s+(\S+)$/i.exec(value.trim());
  if (!match)
    throw new TenantError(
      400,
      'Authorization must be "Bearer <OAuth token or PAT>", "Token <PAT>" or "Basic <base64 email:API token>"',
    );
  return { scheme: match[1]!.toLowerCase() as Credential['scheme'], value: match[2]! };
}

/** The first value of a header, trimmed; undefined when absent or blank. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}
