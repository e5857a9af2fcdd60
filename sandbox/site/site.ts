/** What the sandbox knows about one simulated Atlassian site. */

/** The products the sandbox simulates (Service Management rides on Jira sites). */
export type SandboxProduct = 'jira' | 'confluence';
/** Atlassian Cloud, or a self-hosted Server/Data Center. */
export type SandboxFlavor = 'cloud' | 'server';

export type SandboxCredentials = { type: 'basic'; username: string; token: string } | { type: 'pat'; token: string };

export interface SiteDefinition {
  /** URL segment: the site lives at `<sandbox>/sites/<id>`. */
  id: string;
  product: SandboxProduct;
  flavor: SandboxFlavor;
  credentials: SandboxCredentials;
  /** Jira project key or Confluence space key; also labels the seeded data. */
  key: string;
  /** Issues to seed (Jira); more makes search and benchmarks heavier. */
  issueCount?: number;
  /** An OAuth app allowed on this site: the sandbox's authorization server issues it tokens. */
  oauth?: { clientId: string; clientSecret: string };
  /** Jira: false for a site without Service Management (`/rest/servicedeskapi/info` answers 404). */
  serviceDesk?: boolean;
  /** Server/DC Confluence that rejects siteSearch, as older releases do. */
  legacySearch?: boolean;
}

export interface SiteContext {
  definition: SiteDefinition;
  options: { legacySearch: boolean };
  /** The site's public base URL, for `self` and `_links`. */
  baseUrl(): string;
}

/** The instance URL a gateway should be configured with for a site. */
export function siteInstanceUrl(sandboxUrl: string, site: SiteDefinition): string {
  const base = `${sandboxUrl}/sites/${site.id}`;
  return site.product === 'confluence' && site.flavor === 'cloud' ? `${base}/wiki` : base;
}
