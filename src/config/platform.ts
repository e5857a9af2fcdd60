/** Which Atlassian platform a URL points at, when the configuration does not say. */
import type { Platform, Product } from './schema.js';

const CLOUD_HOST_SUFFIXES = ['.atlassian.net', '.jira.com', '.jira-dev.com', '.atlassian-dev.net'];

/** Atlassian Cloud sites live under a handful of domains; everything else is Server/Data Center. */
export function detectPlatform(url: string): Platform {
  const host = new URL(url).hostname.toLowerCase();
  if (host === 'api.atlassian.com') return 'cloud';
  return CLOUD_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)) ? 'cloud' : 'server';
}

/** Confluence Cloud serves its REST APIs under `/wiki`; accept the bare site URL too. */
export function normalizeBaseUrl(url: string, product: Product, platform: Platform): string {
  if (product === 'confluence' && platform === 'cloud' && !/\/wiki$/.test(url)) return `${url}/wiki`;
  return url;
}
