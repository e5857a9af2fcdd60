/**
 * Copy-paste configurations that point the common MCP clients at this deployment's `/mcp`, for the status page.
 * With gateway keys on, each carries a placeholder for the key (never a real one) in the header the gateway reads.
 */

export interface ClientConfig {
  client: string;
  /** Where the snippet goes. */
  where: string;
  text: string;
}

/** The name the gateway is registered under in each client's configuration. */
const SERVER_NAME = 'atlassian';
const KEY_HEADER = 'X-Gateway-Key';
const KEY_PLACEHOLDER = '<your gateway key>';

/** `mcpUrl` is the deployment's `/mcp` as the browser reached it; `withKey` when callers must present a key. */
export function clientConfigs(mcpUrl: string, withKey: boolean): ClientConfig[] {
  const headers = withKey ? { headers: { [KEY_HEADER]: KEY_PLACEHOLDER } } : {};
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    {
      client: 'Claude Desktop',
      where: 'claude_desktop_config.json (Settings → Developer → Edit Config); mcp-remote bridges it to HTTP',
      text: json({
        mcpServers: {
          [SERVER_NAME]: {
            command: 'npx',
            args: ['-y', 'mcp-remote', mcpUrl, ...(withKey ? ['--header', `${KEY_HEADER}:\${GATEWAY_KEY}`] : [])],
            ...(withKey ? { env: { GATEWAY_KEY: KEY_PLACEHOLDER } } : {}),
          },
        },
      }),
    },
    {
      client: 'Claude Code',
      where: 'a terminal',
      text: `claude mcp add --transport http ${SERVER_NAME} ${mcpUrl}${withKey ? ` --header "${KEY_HEADER}: ${KEY_PLACEHOLDER}"` : ''}`,
    },
    {
      client: 'Cursor',
      where: '~/.cursor/mcp.json, or .cursor/mcp.json in a project',
      text: json({ mcpServers: { [SERVER_NAME]: { url: mcpUrl, ...headers } } }),
    },
    {
      client: 'VS Code',
      where: '.vscode/mcp.json in a workspace (or MCP: Open User Configuration)',
      text: json({ servers: { [SERVER_NAME]: { type: 'http', url: mcpUrl, ...headers } } }),
    },
    {
      client: 'Cline',
      where: 'cline_mcp_settings.json (MCP Servers → Configure)',
      text: json({ mcpServers: { [SERVER_NAME]: { type: 'streamableHttp', url: mcpUrl, ...headers } } }),
    },
  ];
}
