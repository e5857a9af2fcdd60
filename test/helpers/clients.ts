/** Connects the official MCP client to a gateway over each real transport. */
import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type CallToolResult,
} from '@modelcontextprotocol/client';
import { WebSocketClientTransport } from './websocket-client-transport.js';

export type TransportKind = 'http-2025' | 'http-2026' | 'sse' | 'ws-2025' | 'ws-2026';

export const HTTP_TRANSPORTS: readonly TransportKind[] = ['http-2025', 'http-2026', 'sse', 'ws-2025', 'ws-2026'];

/** `headers` go on every request (and the WebSocket upgrade): gateway keys, tenant credentials. */
export async function connectClient(
  baseUrl: string,
  kind: TransportKind,
  headers?: Record<string, string>,
): Promise<Client> {
  const modern = kind.endsWith('2026');
  const client = new Client(
    { name: 'gateway-tests', version: '1.0.0' },
    { versionNegotiation: { mode: modern ? 'auto' : 'legacy' } },
  );
  const requestInit = headers ? { headers } : undefined;
  const transport =
    kind === 'sse'
      ? new SSEClientTransport(new URL(`${baseUrl}/sse`), { requestInit })
      : kind.startsWith('ws')
        ? new WebSocketClientTransport(`${baseUrl.replace(/^http/, 'ws')}/ws`, headers)
        : new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit });
  await client.connect(transport);
  return client;
}

/** The text blocks of a tool result, joined (images, embedded resources and resource links left out). */
export function textOf(result: unknown): string {
  return ((result as CallToolResult).content ?? [])
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n');
}
