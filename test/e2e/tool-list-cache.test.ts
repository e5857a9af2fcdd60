/**
 * Stateless HTTP answers a repeated `tools/list` from the first answer the SDK gave: each answer carries its own
 * request's id, callers with different catalogues never see each other's list, a request that differs in a
 * protocol header is decided afresh, what is kept is bounded, and 2025-era clients (answered with event streams)
 * are unaffected.
 */
import t from 'tap';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

const FULL = 'full-access-key-0123456789';
const LIMITED = 'prod-readonly-key-0123456789';

/** The request the official 2026-07-28 client sends for `tools/list`. */
function listRequest(url: string, id: string | number, headers: Record<string, string> = {}, client = 'cache-test') {
  return fetch(`${url}/mcp`, {
    method: 'POST',
    headers: {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-method': 'tools/list',
      'mcp-protocol-version': '2026-07-28',
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/list',
      params: {
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientInfo': { name: client, version: '1' },
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
  });
}

type ListAnswer = { id: unknown; result?: { tools: Array<{ name: string }> }; error?: { message: string } };

t.test('tools/list on stateless HTTP', async (t) => {
  const gateway = await startTestGateway({
    logLevel: 'debug',
    extra: { api_keys: [FULL, { key: LIMITED, name: 'ci', instances: ['prod'], read_only: true }] },
  });
  t.teardown(() => gateway.close());
  const kept = () => gateway.logs.filter((line) => line.includes('tools/list answered from the kept answer')).length;
  const full = { 'x-gateway-key': FULL };

  t.test('a repeated request gets the same list with its own id', async (t) => {
    const first = (await (await listRequest(gateway.url, 1, full)).json()) as ListAnswer;
    t.equal(first.id, 1);
    t.ok(first.result!.tools.length > 20);
    const keptBefore = kept();
    for (const id of ['abc', 2, 'a"quoted"id', 0]) {
      const response = await listRequest(gateway.url, id, full);
      t.equal(response.status, 200);
      t.match(response.headers.get('content-type'), /^application\/json/);
      const answer = (await response.json()) as ListAnswer;
      t.equal(answer.id, id, `id ${JSON.stringify(id)} echoed`);
      t.same(answer.result, first.result, 'the same list');
    }
    t.equal(kept() - keptBefore, 4, 'the repeats were answered from the kept answer');

    const client = await connectClient(gateway.url, 'http-2026', full);
    const once = await client.listTools();
    t.same((await client.listTools()).tools, once.tools, 'the official client lists the same tools twice');
    await client.close();
  });

  t.test('callers with different catalogues never share an answer', async (t) => {
    const limited = { 'x-gateway-key': LIMITED };
    const names = async (headers: Record<string, string>, id: number) =>
      ((await (await listRequest(gateway.url, id, headers)).json()) as ListAnswer).result!.tools.map(
        (tool) => tool.name,
      );
    for (let round = 0; round < 2; round++) {
      const limitedNames = await names(limited, 10 + round);
      t.notOk(
        limitedNames.some((name) => name.startsWith('jira_staging_') || name === 'jira_create_issue'),
        `round ${round}: the limited key sees only prod's read tools`,
      );
      const fullNames = await names(full, 20 + round);
      t.ok(fullNames.includes('jira_staging_create_issue'), `round ${round}: the full key sees every tool`);
    }
  });

  t.test('a request that differs in a protocol header is decided afresh', async (t) => {
    t.equal((await listRequest(gateway.url, 30, full)).status, 200);
    const mismatched = await listRequest(gateway.url, 31, { ...full, 'mcp-method': 'tools/call' });
    t.not(mismatched.status, 200, 'a Mcp-Method header that contradicts the body is refused, not served the kept list');
    const answer = (await mismatched.json()) as ListAnswer;
    t.equal(answer.result, undefined);
    t.match(answer.error, { message: String });
  });

  t.test('at most 64 distinct answers are kept, the least recently used leaving first', async (t) => {
    const list = async (client: string) => {
      const before = kept();
      t.equal((await listRequest(gateway.url, 40, full, client)).status, 200);
      return kept() > before;
    };
    await list('client-0');
    t.ok(await list('client-0'), 'a repeat is answered from memory');
    for (let index = 1; index <= 64; index++) await list(`client-${index}`);
    t.notOk(await list('client-0'), 'after 64 other clients, the first one is asked afresh');
    t.ok(await list('client-64'), 'the most recent one is still kept');
  });

  t.test('2025-era clients, answered with event streams, list as before', async (t) => {
    const client = await connectClient(gateway.url, 'http-2025', full);
    const once = await client.listTools();
    t.ok(once.tools.length > 20);
    t.same((await client.listTools()).tools, once.tools);
    await client.close();
  });
});
