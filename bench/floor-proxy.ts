/**
 * The floor of the paced rows: the least an MCP gateway written in Node.js can do for one `tools/call` of
 * `jira_get_issue`, run and measured exactly as the gateway is. Plain `node:http` on both sides, no framework, no SDK,
 * no validation: it reads and parses the JSON-RPC request, GETs the issue named in its arguments from the upstream
 * over a keep-alive agent, parses the answer and writes a `CallToolResult` (the issue's key, summary, status and
 * description, as JSON text) with its length.
 *
 * Why: the target (≤ 5 ms held at the gateway at p99) is absolute, and this 2-core machine's own scheduling is inside
 * every held time. What this proxy is held on the same machine, in the same run, is what any Node.js gateway would
 * be held at best; the gateway's rows beside it show what this gateway adds (docs/benchmarks.md, "Ninth run").
 *
 * Arguments: the site's URL (the upstream's `/sites/<id>`) and its `Authorization` header. Prints `{"url": …}` on
 * stdout when ready; answers `GET /readyz` like the gateway. Bundled and run by plain Node (bundled-script.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyOf, issueReader, issueText } from './floor-upstream.js';

const [siteUrl = '', authorization = ''] = process.argv.slice(2);
const issueOf = issueReader(siteUrl, authorization);

const server = createServer((incoming, response) => {
  if (incoming.url === '/readyz') return void response.end('ok');
  void bodyOf(incoming).then(async (text) => {
    const call = JSON.parse(text) as { id?: unknown; params?: { arguments?: { issue_key?: string } } };
    let result: unknown;
    try {
      const issue = await issueOf(call.params?.arguments?.issue_key ?? '');
      result = { content: [{ type: 'text', text: issueText(issue) }] };
    } catch (error) {
      result = { content: [{ type: 'text', text: (error as Error).message }], isError: true };
    }
    const answer = JSON.stringify({ jsonrpc: '2.0', id: call.id, result });
    response
      .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
      .end(answer);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
