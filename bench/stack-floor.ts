/**
 * The paced rows' second floor: the gateway's decided stack with nothing of the gateway on it. Fastify serves
 * `/mcp` through the SDK's stateless `createMcpHandler`, entered the way the gateway enters it (its parsed-body
 * exchange, src/transports/parsed-body-exchange.ts), and each request gets an SDK `Server` with one tool whose
 * `tools/call` GETs the issue exactly as the floor (floor-proxy.ts) does. It is bundled with the gateway's edits of
 * its dependencies (bundled-script.ts, `likeTheGateway`), so it keeps no more per request than the gateway's SDK does,
 * and V8 compiles it with the gateway's settings (src/tier-up.ts). Fastify runs with its defaults: the gateway's
 * request timeout and connection checks (src/app.ts) act on stalled and closing connections, not on these calls.
 *
 * Why: beside the floor and the gateway, it splits what the gateway adds over the floor into what the stack costs
 * (the SDK's per-request server, its checks of each request and answer, web `Request`/`Response`, Fastify) and what
 * the gateway's own work costs (docs/benchmarks.md, "Tenth run").
 *
 * Arguments: the site's URL (the upstream's `/sites/<id>`) and its `Authorization` header. Prints `{"url": …}` on
 * stdout when ready; answers `GET /readyz` like the gateway.
 */
// First, as in the gateway's main.ts: V8's compiler settings apply before anything runs.
import '../src/tier-up.js';
import { createMcpHandler, Server, type Tool } from '@modelcontextprotocol/server';
import Fastify from 'fastify';
import { parsedBodyExchange } from '../src/transports/parsed-body-exchange.js';
import { issueReader, issueText } from './floor-upstream.js';

const [siteUrl = '', authorization = ''] = process.argv.slice(2);
const issueOf = issueReader(siteUrl, authorization);

const GET_ISSUE: Tool = {
  name: 'jira_get_issue',
  description: 'Get a Jira issue by its key.',
  inputSchema: { type: 'object', properties: { issue_key: { type: 'string' } }, required: ['issue_key'] },
};

function serverForOneRequest(): Server {
  const server = new Server({ name: 'stack-floor', version: '1' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', () => ({ tools: [GET_ISSUE] }));
  server.setRequestHandler('tools/call', async (request) => {
    const key = (request.params.arguments as { issue_key?: string } | undefined)?.issue_key ?? '';
    try {
      return { content: [{ type: 'text', text: issueText(await issueOf(key)) }] };
    } catch (error) {
      return { content: [{ type: 'text', text: (error as Error).message }], isError: true };
    }
  });
  return server;
}

const ignore = () => undefined;
const handler = createMcpHandler(serverForOneRequest, { legacy: 'stateless', onerror: ignore });
const serve = parsedBodyExchange(handler, ignore);
const app = Fastify();
app.get('/readyz', async () => 'ok');
app.post('/mcp', async (request, reply) => {
  reply.hijack();
  await serve(request.raw, reply.raw, request.body);
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => process.exit(0));
