/**
 * The paced rows' stack floor (bench/stack-floor.ts), bundled with the gateway's dependency edits and run by plain
 * Node as the bench runs it, in front of the sandbox: the official client calls its one tool over 2026-07-28
 * streamable HTTP and gets the issue the upstream holds, and an upstream failure as an error result, so the bench's
 * failure count would see a stack floor that stopped doing its work.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import got from 'got';
import t from 'tap';
import { bundledScript } from '../../bench/bundled-script.js';
import { startFloorOnSandbox } from '../helpers/bench-floor.js';
import { textOf } from '../helpers/clients.js';

const STACK_FLOOR_MAIN = fileURLToPath(new URL('../../bench/stack-floor.ts', import.meta.url));

t.test('serves the official client the upstream issue, and an upstream failure as an error result', async (t) => {
  const bundle = await bundledScript(STACK_FLOOR_MAIN, { likeTheGateway: true });
  t.teardown(() => bundle.dispose());
  const code = readFileSync(bundle.file, 'utf8');
  t.match(code, /const inflight = new \w*InflightList\(\);/, "the SDK's in-flight set is the gateway's list");
  t.match(code, /\bnew LazyFailure\(/, "zod's failed parse is the gateway's class");
  const { url, siteUrl, authorization } = await startFloorOnSandbox(t, bundle);
  t.equal((await got(`${url}/readyz`)).statusCode, 200, 'ready like the gateway');

  const client = new Client({ name: 'stack-floor-test', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  t.teardown(() => client.close());
  t.same(
    (await client.listTools()).tools.map((tool) => tool.name),
    ['jira_get_issue'],
  );

  const upstream = await got(`${siteUrl}/rest/api/3/issue/WEB-1`, { headers: { authorization } }).json<{
    key: string;
    fields: { summary: string; status: { name: string } };
  }>();
  const found = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
  t.notOk(found.isError, textOf(found));
  t.match(JSON.parse(textOf(found)), {
    key: 'WEB-1',
    summary: upstream.fields.summary,
    status: upstream.fields.status.name,
  });

  const missing = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-999999' } });
  t.equal(missing.isError, true);
  t.match(textOf(missing), /upstream answered 404/);
});
