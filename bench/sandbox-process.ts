/** Runs the sandbox in its own process for benchmarks, so the gateway and the load generator get their own cores. */
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';

const count = Number(process.argv[2] ?? 10);
const sites: SiteDefinition[] = Array.from({ length: count }, (_, index) => ({
  id: `s${index + 1}`,
  product: 'jira',
  flavor: 'cloud',
  key: `P${index + 1}`,
  credentials: { type: 'basic', username: 'bench@example.com', token: `bench-token-${index + 1}` },
}));
const sandbox = await startSandbox({ sites });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, sites })}\n`);
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
