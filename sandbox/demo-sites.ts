/** The sites `--demo` serves: a Server/DC Jira (prod), a Cloud Jira (staging) and a Cloud Confluence (wiki). */
import type { SiteDefinition } from './site.js';

export const DEMO_SITES: readonly SiteDefinition[] = [
  { id: 'prod', product: 'jira', flavor: 'server', key: 'OPS', credentials: { type: 'pat', token: 'demo-prod-pat' } },
  {
    id: 'staging',
    product: 'jira',
    flavor: 'cloud',
    key: 'WEB',
    credentials: { type: 'basic', username: 'demo@example.com', token: 'demo-staging-token' },
  },
  {
    id: 'wiki',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'demo@example.com', token: 'demo-wiki-token' },
  },
];
