/**
 * A server built for one 2026-07-28 request gets the handlers of that request's method only; every other server may
 * be asked anything. Over HTTP, a request whose `Mcp-Method` header names another method than its body never reaches
 * such a server: the SDK refuses it first, so no request meets a server without its handler.
 */
import t from 'tap';
import { servedFamilies, type MethodFamily } from '../../src/mcp/served-methods.js';
import { startTestGateway } from '../helpers/gateway.js';

const FAMILIES: readonly MethodFamily[] = ['tools/', 'resources/', 'prompts/', 'completion/'];

function modernRequest(method: string | undefined): Request {
  return new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: method === undefined ? {} : { 'mcp-method': method },
  });
}

function servedBy(serves: (family: MethodFamily) => boolean): MethodFamily[] {
  return FAMILIES.filter((family) => serves(family));
}

t.test('a 2026-07-28 request is served by the family of its method', async (t) => {
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('tools/call') })), ['tools/']);
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('tools/list') })), ['tools/']);
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('resources/read') })), ['resources/']);
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('prompts/get') })), ['prompts/']);
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('completion/complete') })), [
    'completion/',
  ]);
  t.same(servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest('ping') })), [], 'the SDK answers ping');
  t.same(
    servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest(' tools/call ') })),
    ['tools/'],
    'header values are trimmed, as the SDK trims them before comparing them with the body',
  );
});

t.test('every other server may be asked anything', async (t) => {
  t.same(servedBy(servedFamilies({ era: 'modern' })), FAMILIES, 'a 2026-07-28 connection (WebSocket, stdio)');
  t.same(servedBy(servedFamilies({ era: 'legacy' })), FAMILIES, 'a 2025-era connection or session');
  t.same(
    servedBy(servedFamilies({ era: 'legacy', requestInfo: modernRequest('tools/call') })),
    FAMILIES,
    'a stateless 2025-era request: its headers are not checked against its body',
  );
  t.same(
    servedBy(servedFamilies({ era: 'modern', requestInfo: modernRequest(undefined) })),
    FAMILIES,
    'a 2026-07-28 notification, which may come without the header',
  );
});

t.test('over HTTP, a method header that contradicts the body is refused before any server is built', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const post = (method: string, header: string, params: Record<string, unknown>) =>
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
          ...params,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'served-methods-test', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });

  const mismatched = await post('resources/templates/list', 'tools/list', {});
  t.equal(mismatched.status, 400, 'refused');
  const refusal = (await mismatched.json()) as { id: unknown; error?: { message: string } };
  t.equal(refusal.id, 7);
  t.match(refusal.error?.message, /Mcp-Method/, 'the refusal names the header, not a missing method');

  const matched = await post('resources/templates/list', 'resources/templates/list', {});
  t.equal(matched.status, 200);
  const answer = (await matched.json()) as { result?: { resourceTemplates: Array<{ uriTemplate: string }> } };
  t.ok(answer.result!.resourceTemplates.length > 0, 'the same request with its own method header is answered');

  const spaced = await post('prompts/list', '  prompts/list ', {});
  t.equal(spaced.status, 200, 'a header with spaces around its value is served');
  const prompts = (await spaced.json()) as { result?: { prompts: unknown[] } };
  t.ok(prompts.result!.prompts.length > 0, 'with the prompts handler present');
});
