/** What `--demo` prints: the endpoints, how to move them, and a configuration ready to paste for each client. */
import type { Sandbox } from '@atlassian-mcp-gateway/sandbox';

/** How this very process was started, so a client can start its own demo over stdio the same way. */
export interface StdioLaunch {
  command: string;
  args: string[];
}

export interface ClientSnippet {
  client: string;
  /** Where the snippet goes. */
  where: string;
  /** One line: JSON for a configuration file, or a command. */
  text: string;
}

/**
 * A snippet per client, each in that client's own format: Claude Desktop's file only starts local (stdio) servers,
 * VS Code keys servers under `servers`, Cline names streamable HTTP `streamableHttp`, Cursor needs only the URL.
 */
export function clientSnippets(gatewayUrl: string, launch: StdioLaunch): ClientSnippet[] {
  const url = `${gatewayUrl}/mcp`;
  const json = (value: unknown) => JSON.stringify(value);
  const stdio = { command: launch.command, args: [...launch.args, '--demo', '--transport', 'stdio'] };
  return [
    {
      client: 'Claude Desktop',
      where: 'claude_desktop_config.json (starts its own demo over stdio)',
      text: json({ mcpServers: { atlassian: stdio } }),
    },
    { client: 'Claude Code', where: 'run in a terminal', text: `claude mcp add --transport http atlassian ${url}` },
    { client: 'Cursor', where: '~/.cursor/mcp.json', text: json({ mcpServers: { atlassian: { url } } }) },
    { client: 'VS Code', where: '.vscode/mcp.json', text: json({ servers: { atlassian: { type: 'http', url } } }) },
    {
      client: 'Cline',
      where: 'cline_mcp_settings.json',
      text: json({ mcpServers: { atlassian: { type: 'streamableHttp', url } } }),
    },
  ];
}

export function demoBanner(gatewayUrl: string, sandbox: Sandbox, launch: StdioLaunch): string {
  return [
    '',
    'Atlassian MCP gateway — demo on the embedded sandbox (in-memory data, nothing leaves this machine)',
    '',
    `  Streamable HTTP  ${gatewayUrl}/mcp`,
    `  SSE              ${gatewayUrl}/sse`,
    `  WebSocket        ${gatewayUrl.replace(/^http/, 'ws')}/ws  (subprotocol "mcp")`,
    `  Health           ${gatewayUrl}/healthz  ${gatewayUrl}/readyz`,
    '',
    'Another port or address: --port 9302 or PORT=9302, --host or HOST.',
    '',
    'Instances:',
    ...sandbox.sites.map(
      (site) =>
        `  ${site.id.padEnd(8)} ${site.product.padEnd(10)} ${site.flavor.padEnd(6)} ${sandbox.instanceUrl(site.id)}`,
    ),
    '',
    'Try: jira_get_issue {"issue_key":"OPS-1"}, jira_staging_search {"jql":"project = WEB"}, confluence_search {"query":"release"},',
    '     servicedesk_get_request {"request_key":"HELP-1"} (Service Management: SLAs, participants, fields)',
    '',
    'Connect a client:',
    ...clientSnippets(gatewayUrl, launch).flatMap(({ client, where, text }) => [
      `  ${client} — ${where}:`,
      `    ${text}`,
    ]),
    '',
    'Stop with Ctrl+C.',
    '',
  ].join('\n');
}
