/**
 * A server built for one 2026-07-28 request gets the handlers of that request's method family only; every other
 * server may be asked anything. Over HTTP, a request whose `Mcp-Method` header names another method than its body
 * never reaches such a server: the SDK refuses it first, so no request meets a server without its handler.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type McpServerFactory } from '@modelcontextprotocol/server';
import t from 'tap';
import { servesFamilyFor, type MethodFamily } from '../../src/mcp/served-methods.js';
import { createServerFactory } from '../../src/mcp/server.js';
import { catalogOf, jiraInstance, silentLogger } from '../helpers/catalog.js';
import { startTestGateway } from '../helpers/gateway.js';

const FAMILIES: readonly MethodFamily[] = ['tools/', 'resources/', 'prompts/', 'completion/'];

function requestFor(method: string | undefined): Request {
  return new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: method === undefined ? {} : { 'mcp-method': method },
  });
}

function served(context: Parameters<McpServerFactory>[0]): MethodFamily[] {
  const serves = servesFamilyFor(context);
  return FAMILIES.filter((family) => serves(family));
}

t.test('a 2026-07-28 request is served by the family of its method', async (t) => {
  t.same(served({ era: 'modern', requestInfo: requestFor('tools/call') }), ['tools/']);
  t.same(served({ era: 'modern', requestInfo: requestFor('tools/list') }), ['tools/']);
  t.same(served({ era: 'modern', requestInfo: requestFor('resources/read') }), ['resources/']);
  t.same(served({ era: 'modern', requestInfo: requestFor('prompts/get') }), ['prompts/']);
  t.same(served({ era: 'modern', requestInfo: requestFor('completion/complete') }), ['completion/']);
  t.same(served({ era: 'modern', requestInfo: requestFor('ping') }), [], 'the SDK answers ping itself');
});

t.test('every other server may be asked anything', async (t) => {
  t.same(served({ era: 'modern' }), FAMILIES, 'a 2026-07-28 connection (WebSocket, stdio)');
  t.same(served({ era: 'legacy' }), FAMILIES, 'a 2025-era connection or session');
  t.same(
    served({ era: 'legacy', requestInfo: requestFor('tools/call') }),
    FAMILIES,
    'a stateless 2025-era request: nothing checks its headers against its body',
  );
  t.same(
    served({ era: 'modern', requestInfo: requestFor(undefined) }),
    FAMILIES,
    'a 2026-07-28 notification, which may come without the header',
  );
});

t.test('the factory installs what the context serves, and nothing else', async (t) => {
  const catalog = catalogOf({ instances: [jiraInstance('prod', { default: true })] });
  const factory = createServerFactory(() => catalog, { log: silentLogger });
  /** A client talking to the server the factory builds for `context`, over an in-memory channel. */
  const clientOf = async (context: Parameters<McpServerFactory>[0]) => {
    const server = await factory(context);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await ('server' in server ? server.server : server).connect(serverSide);
    const client = new Client(
      { name: 'served-methods-test', version: '1' },
      { versionNegotiation: { mode: 'legacy' } },
    );
    await client.connect(clientSide);
    t.teardown(() => client.close());
    return client;
  };

  const forCall = await clientOf({ era: 'modern', requestInfo: requestFor('tools/call') });
  t.ok(
    (await forCall.listTools()).tools.some((tool) => tool.name === 'jira_get_issue'),
    'the tools are there',
  );
  await t.rejects(forCall.listResourceTemplates(), /Method not found/i, 'resources are not');
  await t.rejects(forCall.listPrompts(), /Method not found/i, 'prompts are not');

  const forTemplates = await clientOf({ era: 'modern', requestInfo: requestFor('resources/templates/list') });
  t.ok((await forTemplates.listResourceTemplates()).resourceTemplates.length > 0, 'resource templates are there');
  await t.rejects(forTemplates.listTools(), /Method not found/i, 'tools are not');

  const connection = await clientOf({ era: 'legacy' });
  t.ok((await connection.listTools()).tools.length > 0, 'a connection has the tools');
  t.ok((await connection.listResourceTemplates()).resourceTemplates.length > 0, 'and the resources');
  t.ok((await connection.listPrompts()).prompts.length > 0, 'and the prompts');
});

t.test('over HTTP, a method header that contradicts the body is refused before any server is built', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const post = (method: string, header: string) =>
    fetch(`${gateway.url}/mcp`, {
      method: 'POST',
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': header,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method,
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'served-methods-test', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });

  const mismatched = await post('resources/templates/list', 'tools/list');
  t.equal(mismatched.status, 400, 'refused');
  const refusal = (await mismatched.json()) as { id: unknown; error?: { message: string } };
  t.equal(refusal.id, 7);
  t.match(refusal.error?.message, /Mcp-Method header names tools\/list/, 'the refusal names the contradiction');

  const matched = await post('resources/templates/list', 'resources/templates/list');
  t.equal(matched.status, 200);
  const answer = (await matched.json()) as { result?: { resourceTemplates: unknown[] } };
  t.ok(answer.result!.resourceTemplates.length > 0, 'the same request with its own method header is answered');
});
