/** The cloud id of a sandbox Cloud site: stable, derived from the site id, in the UUID shape Atlassian uses. */

export function cloudIdOf(siteId: string): string {
  return `00000000-0000-4000-8000-${Buffer.from(siteId).toString('hex').padEnd(12, '0').slice(0, 12)}`;
}
