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

/** The demo's sandbox (prod and staging Jira, one Confluence) and the instances for it. */
export async function startDemo(): Promise<{ sandbox: Sandbox; instances: Record<string, unknown>[] }> {
  const sandbox = await startSandbox({ sites: DEMO_SITES });
  return { sandbox, instances: sandboxInstances(sandbox, DEMO_SITES, ['prod', 'wiki']) };
}
