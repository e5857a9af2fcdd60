/**
 * The `--demo` wiring: starts the sandbox package with its demo sites and says how the gateway reaches them, as
 * instance entries that go through the same configuration schema as any user's.
 */
import { DEMO_SITES, startSandbox, type Sandbox, type SiteDefinition } from '@atlassian-mcp-gateway/sandbox';

/** Instance entries pointing at sandbox sites; `defaults` names the site that is each product's default. */
export function sandboxInstances(
  sandbox: Sandbox,
  sites: readonly SiteDefinition[],
  defaults: readonly string[],
  overrides: Readonly<Record<string, Record<string, unknown>>> = {},
): Record<string, unknown>[] {
  return sites.map((site) => ({
    name: site.id,
    product: site.product,
    url: sandbox.instanceUrl(site.id),
    platform: site.flavor,
    default: defaults.includes(site.id),
    auth:
      site.credentials.type === 'pat'
        ? { type: 'pat', token: site.credentials.token }
        : { type: 'basic', username: site.credentials.username, token: site.credentials.token },
    ...overrides[site.id],
  }));
}

/** With `--auth oauth`: the two Jira sites get OAuth apps, and each user signs in to them; the wiki stays static. */
const DEMO_APPS: Readonly<Record<string, { clientId: string; clientSecret: string }>> = {
  prod: { clientId: 'demo-dc-app', clientSecret: 'demo-dc-app-secret' },
  staging: { clientId: 'demo-cloud-app', clientSecret: 'demo-cloud-app-secret' },
};

/**
 * The demo's sandbox (prod and staging Jira, one Confluence) and the instances for it. With `signIn`, the sandbox's
 * Cloud-style and Server/DC-style OAuth servers serve the federated sign-in for the two Jira instances.
 */
export async function startDemo(signIn = false): Promise<{ sandbox: Sandbox; instances: Record<string, unknown>[] }> {
  const sites = signIn
    ? DEMO_SITES.map((site) => (DEMO_APPS[site.id] ? { ...site, oauth: DEMO_APPS[site.id] } : site))
    : DEMO_SITES;
  const sandbox = await startSandbox({ sites });
  const overrides = signIn
    ? Object.fromEntries(
        Object.entries(DEMO_APPS).map(([id, app]) => [
          id,
          { auth: { type: 'per_user', client_id: app.clientId, client_secret: app.clientSecret } },
        ]),
      )
    : {};
  return { sandbox, instances: sandboxInstances(sandbox, sites, ['prod', 'wiki'], overrides) };
}
