/**
 * A light load generator for the gateway: records the exact HTTP request the official MCP client sends for
 * one tool call, then replays it with fresh ids over a keep-alive got client. This measures the gateway, not
 * the client SDK's own per-call work, and compares like with like against a bare got request.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import got, { type Got } from 'got';

export interface RecordedCall {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Records the request the official client sends for `method` while `act` runs. */
export async function recordRequest(
  mcpUrl: string,
  mode: 'legacy' | 'auto',
  method: string,
  act: (client: Client) => Promise<void>,
): Promise<RecordedCall> {
  let recorded: RecordedCall | undefined;
  const recordingFetch: typeof fetch = async (input, init) => {
    const text = typeof init?.body === 'string' ? init.body : '';
    if (text.includes(`"${method}"`)) {
      recorded = {
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: JSON.parse(text) as Record<string, unknown>,
      };
    }
    return fetch(input, init);
  };
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode } });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { fetch: recordingFetch }));
  await act(client);
  await client.close();
  if (!recorded) throw new Error(`the client sent no ${method} request`);
  return recorded;
}

export function recordToolCall(
  mcpUrl: string,
  mode: 'legacy' | 'auto',
  name: string,
  args: Record<string, unknown>,
): Promise<RecordedCall> {
  return recordRequest(mcpUrl, mode, 'tools/call', async (client) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`could not record a successful ${name} call`);
  });
}

/** Replays a recorded call; resolves when the answer arrived and was checked to be a successful result. */
export function replayer(call: RecordedCall): () => Promise<void> {
  const client: Got = got.extend({ headers: call.headers, retry: { limit: 0 } });
  let id = 1_000;
  return async () => {
    const response = await client.post(call.url, { body: JSON.stringify({ ...call.body, id: ++id }) });
    const text = response.body;
    // A stream may carry notifications (logging, progress) before the answer: the answer is the event with a result.
    const json = text.startsWith('{')
      ? text
      : Array.from(text.matchAll(/^data: (.*)$/gm), (event) => event[1]).find((data) => data?.includes('"id"'));
    if (!json || !json.includes('"result"') || json.includes('"isError":true'))
      throw new Error(`unexpected answer: ${text.slice(0, 200)}`);
  };
}
