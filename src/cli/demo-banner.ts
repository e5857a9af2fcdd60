/** What `--demo` prints: the endpoints and a client configuration ready to paste. */
import type { Sandbox } from '../sandbox/server.js';

export function demoBanner(gatewayUrl: string, sandbox: Sandbox): string {
  const clientConfig = { mcpServers: { atlassian: { type: 'http', url: `${gatewayUrl}/mcp` } } };
  return [
    '',
    'Atlassian MCP gateway — demo on the embedded sandbox (in-memory data, nothing leaves this machine)',
    '',
    `  Streamable HTTP  ${gatewayUrl}/mcp`,
    `  SSE              ${gatewayUrl}/sse`,
    `  WebSocket        ${gatewayUrl.replace(/^http/, 'ws')}/ws  (subprotocol "mcp")`,
    `  Health           ${gatewayUrl}/healthz  ${gatewayUrl}/readyz`,
    '',
    'Instances:',
    ...sandbox.sites.map((site) => `  ${site.id.padEnd(8)} ${site.product.padEnd(10)} ${site.flavor.padEnd(6)} ${sandbox.instanceUrl(site.id)}`),
    '',
    'Try: jira_get_issue {"issue_key":"OPS-1"}, jira_staging_search {"jql":"project = WEB"}, confluence_search {"query":"release"}',
    '',
    'Client configuration (Claude Code, Cursor, VS Code…):',
    JSON.stringify(clientConfig, null, 2),
    '',
    'Stop with Ctrl+C.',
    '',
  ].join('\n');
}
