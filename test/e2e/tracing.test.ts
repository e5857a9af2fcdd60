/**
 * OpenTelemetry traces from a real gateway process with OTEL_EXPORTER_OTLP_ENDPOINT set, received by a fake OTLP/HTTP
 * collector on loopback: a server span per tool call that continues the caller's W3C trace (from the HTTP
 * request's `traceparent` header, or from the MCP request's `_meta`), a client span per upstream request as its
 * child, and that child's `traceparent` on the request the fake Jira received. Spans are flushed on SIGTERM.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { connectClient } from '../helpers/clients.js';
import { jiraIssue, sendJson, startFakeAtlassian } from '../helpers/fake-atlassian.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

const SERVER = 2;
const CLIENT = 3;

/** An OTLP/HTTP collector that keeps every span and resource it is sent (JSON encoding). */
async function fakeCollector(t: Test) {
  const spans: OtlpSpan[] = [];
  const services: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: Array<{
            resource: { attributes: OtlpSpan['attributes'] };
            scopeSpans: Array<{ spans: OtlpSpan[] }>;
          }>;
        };
        for (const resource of payload.resourceSpans) {
          const name = resource.resource.attributes.find((attribute) => attribute.key === 'service.name');
          services.push(String(name?.value.stringValue));
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, services };
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((entry) => entry.key === key)?.value;

t.test('a span per tool call in the caller trace, a child per upstream request, passed on to Jira', async (t) => {
  const collector = await fakeCollector(t);
  const traceparents = new Map<string, string | undefined>();
  const jira = await startFakeAtlassian(t, (request, response, url) => {
    traceparents.set(url.pathname, request.headers.traceparent as string | undefined);
    if (url.pathname === '/rest/api/2/issue/OPS-1') return void sendJson(response, jiraIssue('OPS-1'));
    if (url.pathname === '/rest/api/2/myself') return void sendJson(response, { name: 'svc', displayName: 'Svc' });
    sendJson(response, { errorMessages: ['Issue does not exist'] }, 404);
  });
  const { child, url } = await startGatewayProcess(
    [],
    cleanEnv({
      JIRA_URL: jira.url,
      JIRA_PLATFORM: 'server',
      JIRA_SERVICEDESK: 'false',
      JIRA_PERSONAL_TOKEN: 'trace-pat-0000',
      OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
      OTEL_SERVICE_NAME: 'gateway-under-test',
    }),
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.teardown(() => void child.kill('SIGKILL'));

  const headerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const headerParent = '00f067aa0ba902b7';
  const viaHeader = await connectClient(url, 'http-2026', { traceparent: `00-${headerTrace}-${headerParent}-01` });
  t.notOk((await viaHeader.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })).isError);
  await viaHeader.close();

  const metaTrace = '0af7651916cd43dd8448eb211c80319c';
  const metaParent = 'b7ad6b7169203331';
  const viaMeta = await connectClient(url, 'ws-2025');
  const missing = await viaMeta.callTool({
    name: 'jira_get_issue',
    arguments: { issue_key: 'OPS-2' },
    _meta: { traceparent: `00-${metaTrace}-${metaParent}-01` },
  });
  t.ok(missing.isError, 'a missing issue is an error result');
  await viaMeta.close();

  child.kill('SIGTERM');
  await exited;

  t.ok(collector.services.includes('gateway-under-test'), 'spans carry OTEL_SERVICE_NAME');
  for (const [trace, parent, key, status] of [
    [headerTrace, headerParent, 'OPS-1', 200],
    [metaTrace, metaParent, 'OPS-2', 404],
  ] as const) {
    const call = collector.spans.find((span) => span.traceId === trace && span.kind === SERVER);
    t.ok(call, `the call with ${key} continued the caller's trace`);
    t.equal(call?.name, 'tools/call jira_get_issue');
    t.equal(call?.parentSpanId, parent, "the call's span is the child of the caller's");
    t.same(attribute(call!, 'gateway.instance'), { stringValue: 'default' });
    const upstream = collector.spans.filter((span) => span.parentSpanId === call?.spanId);
    t.equal(upstream.length, 1, 'one upstream request');
    t.match(upstream[0], { traceId: trace, kind: CLIENT, name: 'GET' });
    t.same(attribute(upstream[0]!, 'url.path'), { stringValue: `/rest/api/2/issue/${key}` });
    t.same(attribute(upstream[0]!, 'http.response.status_code'), { intValue: status });
    t.ok(traceparents.has(`/rest/api/2/issue/${key}`), 'the call reached Jira');
    t.equal(
      traceparents.get(`/rest/api/2/issue/${key}`),
      `00-${trace}-${upstream[0]!.spanId}-01`,
      'Jira received the upstream span as its parent',
    );
  }
});

t.test('without an OTLP endpoint nothing is exported and Jira gets no traceparent', async (t) => {
  const collector = await fakeCollector(t);
  const traceparents = new Map<string, string | undefined>();
  const jira = await startFakeAtlassian(t, (request, response, url) => {
    traceparents.set(url.pathname, request.headers.traceparent as string | undefined);
    if (url.pathname === '/rest/api/2/issue/OPS-1') return void sendJson(response, jiraIssue('OPS-1'));
    sendJson(response, {}, 404);
  });
  const { child, url } = await startGatewayProcess(
    [],
    cleanEnv({ JIRA_URL: jira.url, JIRA_PLATFORM: 'server', JIRA_SERVICEDESK: 'false', JIRA_PERSONAL_TOKEN: 'p-0000' }),
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.teardown(() => void child.kill('SIGKILL'));
  const client = await connectClient(url, 'http-2026', {
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
  t.notOk((await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })).isError);
  await client.close();
  child.kill('SIGTERM');
  await exited;
  t.same(collector.spans, []);
  t.ok(traceparents.has('/rest/api/2/issue/OPS-1'), 'the call reached Jira');
  t.equal(traceparents.get('/rest/api/2/issue/OPS-1'), undefined, 'without a traceparent');
});
