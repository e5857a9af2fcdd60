/**
 * The server of the collections benchmark (collections.ts), in its own process so its garbage-collection trace is its
 * own. It answers an MCP `tools/call` the way the gateway answers a call to a slow Atlassian: it holds the call, then
 * answers with one text block of the given size. Two ways, with nothing of the gateway in either:
 * - `node`: a bare Node HTTP server that reads the JSON-RPC request and writes the result itself;
 * - `sdk`: the official SDK's stateless handler (`createMcpHandler` behind `toNodeHandler`, one `Server` per request,
 *   as the gateway builds them), whose tool handler does the waiting.
 * So whatever the two differ in is the SDK's per-request dispatch.
 *
 * Arguments: `node` or `sdk`, the answer's text size in bytes, the hold in ms. Prints `{"url": …}` on stderr when
 * ready: stdout is left to V8's trace.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, Server } from '@modelcontextprotocol/server';

/** The tool collections.ts calls. */
const TOOL_NAME = 'hold';

const [variant, bytes, holdMs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const filler = 'x'.repeat(bytes);
const hold = () => new Promise((resolve) => setTimeout(resolve, holdMs));
/** A fresh string per answer (as each Atlassian answer is), not one shared constant. */
const answerText = (id: unknown) => `${filler}${String(id)}`;

function bareNode(): RequestListener {
  return (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const { id } = JSON.parse(body) as { id: unknown };
      void hold().then(() => {
        const answer = JSON.stringify({
          jsonrpc: '2.0',
          id,
          result: { content: [{ type: 'text', text: answerText(id) }] },
        });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        response.end(answer);
      });
    });
  };
}

function sdkHandler(): RequestListener {
  let served = 0;
  const factory = () => {
    const server = new Server({ name: 'collections', version: '1' }, { capabilities: { tools: {} } });
    server.setRequestHandler('tools/list', () => ({
      tools: [{ name: TOOL_NAME, inputSchema: { type: 'object' as const } }],
    }));
    server.setRequestHandler('tools/call', async () => {
      await hold();
      return { content: [{ type: 'text' as const, text: answerText(++served) }] };
    });
    return server;
  };
  const serve = toNodeHandler(createMcpHandler(factory, { legacy: 'stateless' }));
  return (request, response) => void serve(request, response);
}

if (variant !== 'node' && variant !== 'sdk') throw new Error(`unknown variant ${String(variant)}: node or sdk`);
const server = createServer(variant === 'node' ? bareNode() : sdkHandler());
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stderr.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/mcp` })}\n`);
});
