/**
 * The paced rows' floor (bench/floor-proxy.ts), bundled and run by plain Node as the bench runs it, in front of the
 * sandbox: it answers a `tools/call` with the issue the upstream holds under the key it was given, and an upstream
 * failure with an error result, so the bench's failure count would see a floor that stopped doing its work.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import got from 'got';
import t from 'tap';
import { bundledScript } from '../../bench/bundled-script.js';
import { startFloorOnSandbox } from '../helpers/bench-floor.js';

const FLOOR_MAIN = fileURLToPath(new URL('../../bench/floor-proxy.ts', import.meta.url));

interface ToolAnswer {
  id: number;
  result: { content: Array<{ type: string; text: string }>; isError?: boolean };
}

t.test('answers tools/call with the upstream issue, and an upstream failure with an error result', async (t) => {
  const bundle = await bundledScript(FLOOR_MAIN);
  t.teardown(() => bundle.dispose());
  const { url, siteUrl, authorization } = await startFloorOnSandbox(t, bundle);

  const call = (id: number, issueKey: string) =>
    got
      .post(`${url}/mcp`, {
        json: {
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'jira_get_issue', arguments: { issue_key: issueKey } },
        },
      })
      .json<ToolAnswer>();

  const upstream = await got(`${siteUrl}/rest/api/3/issue/WEB-1`, { headers: { authorization } }).json<{
    key: string;
    fields: { summary: string; status: { name: string } };
  }>();
  const found = await call(7, 'WEB-1');
  t.equal(found.id, 7, 'the answer carries the request id');
  t.notOk(found.result.isError);
  t.match(JSON.parse(found.result.content[0]!.text), {
    key: 'WEB-1',
    summary: upstream.fields.summary,
    status: upstream.fields.status.name,
  });

  const missing = await call(8, 'WEB-999999');
  t.equal(missing.result.isError, true);
  t.match(missing.result.content[0]!.text, /upstream answered 404/);

  t.equal((await got(`${url}/readyz`)).statusCode, 200, 'ready like the gateway');
});

t.test('a bundle is removed when disposed', async (t) => {
  const bundle = await bundledScript(FLOOR_MAIN);
  t.ok(existsSync(bundle.file));
  bundle.dispose();
  t.notOk(existsSync(dirname(bundle.file)));
});
