/**
 * The sandbox answers like Atlassian (responses valid against the official OpenAPI schemas), and the gateway
 * asks like a good client (every request it sends exists in the spec for its platform, with declared params).
 */
import t from 'tap';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { GATEWAY_VERSION } from '../../src/version.js';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES } from '../helpers/gateway.js';
import { specFor, validateRequest, validateResponse } from '../helpers/openapi.js';

function authorization(siteId: string): string {
  const credentials = TEST_SITES.find((site) => site.id === siteId)!.credentials;
  return credentials.type === 'pat'
    ? `Bearer ${credentials.token}`
    : `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
}

const SAMPLES: ReadonlyArray<{ site: string; method: string; path: string; body?: unknown }> = [
  {
    site: 'staging',
    method: 'GET',
    path: '/rest/api/3/issue/WEB-1?fields=summary,status,issuetype,priority,assignee,reporter,created,updated,labels,description,comment,project,resolution',
  },
  {
    site: 'staging',
    method: 'POST',
    path: '/rest/api/3/search/jql',
    body: { jql: 'project = WEB', fields: ['summary', 'status'], maxResults: 2 },
  },
  { site: 'staging', method: 'GET', path: '/rest/api/3/myself' },
  { site: 'staging', method: 'GET', path: '/rest/api/3/issue/WEB-404' },
  { site: 'prod', method: 'GET', path: '/rest/api/2/issue/OPS-1' },
  { site: 'prod', method: 'GET', path: '/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=2&startAt=1' },
  { site: 'prod', method: 'GET', path: '/rest/api/2/myself' },
  { site: 'prod', method: 'GET', path: '/rest/api/2/filter/favourite' },
  { site: 'staging', method: 'GET', path: '/rest/api/3/filter/favourite' },
  {
    site: 'wiki',
    method: 'GET',
    path: '/wiki/rest/api/search?cql=favourite%20%3D%20currentUser()%20AND%20type%20%3D%20page&limit=20',
  },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/pages/1002?body-format=storage' },
  {
    site: 'wiki',
    method: 'GET',
    path: '/wiki/api/v2/pages?space-id=10000&title=Release%20process&body-format=storage',
  },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/spaces?keys=ENG' },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/spaces/10000' },
  { site: 'wiki', method: 'GET', path: '/wiki/rest/api/search?cql=siteSearch%20~%20%22release%22&limit=5' },
  { site: 'wiki', method: 'GET', path: '/wiki/rest/api/user/current' },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/content/1002?expand=body.storage,version,space' },
  {
    site: 'dcwiki',
    method: 'GET',
    path: '/rest/api/content?spaceKey=DOC&title=Release%20process&expand=body.storage,version,space',
  },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/search?cql=text%20~%20%22release%22' },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/spaces?description-format=plain&limit=5' },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/spaces/10000/pages?limit=2' },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/pages/1001/direct-children' },
  { site: 'wiki', method: 'GET', path: '/wiki/api/v2/pages/1002/footer-comments?body-format=storage' },
  { site: 'wiki', method: 'POST', path: '/wiki/api/v2/users-bulk', body: { accountIds: ['5b10a2844c20165700ede21g'] } },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/space?expand=description.plain,homepage' },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/space/DOC' },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/content/1001/child/page?expand=version' },
  { site: 'dcwiki', method: 'GET', path: '/rest/api/content/1002/child/comment?expand=body.storage,history' },
];

t.test('sandbox responses match the official OpenAPI schemas', async (t) => {
  const sandbox = await startSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  for (const sample of SAMPLES) {
    const site = TEST_SITES.find((candidate) => candidate.id === sample.site)!;
    const response = await fetch(`${sandbox.url}/sites/${site.id}${sample.path}`, {
      method: sample.method,
      headers: { authorization: authorization(site.id), 'content-type': 'application/json' },
      body: sample.body === undefined ? undefined : JSON.stringify(sample.body),
    });
    const body = await response.json();
    const path = new URL(sample.path, 'http://x').pathname;
    const { spec, specPath } = specFor(site.product, site.flavor, path);
    const problems = validateResponse(spec, sample.method, specPath, response.status, body);
    t.same(problems, [], `${site.id} ${sample.method} ${path} → ${response.status} is valid against ${spec}`);
  }
});

t.test('every request the gateway sends exists in the spec for its platform', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2025');
  t.teardown(() => client.close());
  const calls: Array<[string, Record<string, unknown>]> = [
    ['jira_get_issue', { issue_key: 'OPS-1', fields: ['customfield_10010'] }],
    ['jira_search', { jql: 'project = OPS ORDER BY key', limit: 2, start_at: 2 }],
    ['jira_staging_get_issue', { issue_key: 'WEB-1' }],
    ['jira_staging_search', { jql: 'project = WEB', limit: 2 }],
    ['confluence_search', { query: 'release', spaces: ['ENG'] }],
    ['confluence_get_page', { page_id: 1002 }],
    ['confluence_get_page', { title: 'Release process', space_key: 'ENG', format: 'storage' }],
    ['confluence_dcwiki_search', { query: 'release' }],
    ['confluence_dcwiki_get_page', { page_id: '1003' }],
    ['confluence_dcwiki_get_page', { title: 'Architecture overview', space_key: 'DOC' }],
  ];
  for (const [name, args] of calls) {
    const result = await client.callTool({ name, arguments: args });
    t.notOk(result.isError, `${name} succeeded`);
  }
  const staging = gateway.sandbox.requests.filter((request) => request.site === 'staging');
  const firstPage = staging.find((request) => request.path === '/rest/api/3/search/jql');
  t.ok(firstPage, 'Cloud search used POST /rest/api/3/search/jql');
  t.notOk(
    gateway.sandbox.requests.some((request) => /\/rest\/api\/3\/search$/.test(request.path)),
    'never the removed /rest/api/3/search',
  );
  t.ok(gateway.sandbox.requests.length >= calls.length);
  t.ok(
    gateway.sandbox.requests.every((request) => request.userAgent === `atlassian-mcp-gateway/${GATEWAY_VERSION}`),
    'every request names the gateway in User-Agent',
  );
  t.ok(
    gateway.sandbox.requests.every((request) => request.authorization === authorization(request.site)),
    "every request carried its own instance's credentials",
  );
  for (const request of gateway.sandbox.requests) {
    const site = TEST_SITES.find((candidate) => candidate.id === request.site)!;
    const { spec, specPath } = specFor(site.product, site.flavor, request.path);
    t.same(
      validateRequest(spec, request.method, specPath, request.query, request.body, { cloud: site.flavor === 'cloud' }),
      [],
      `${request.method} ${request.path} is valid for ${spec}`,
    );
  }
});

t.test('the validator rejects what the spec forbids (it can fail)', async (t) => {
  t.match(
    validateResponse('jira-platform-v3', 'POST', '/rest/api/3/search/jql', 200, { issues: 'not a list', isLast: 'no' }),
    [/issues.*must be array|must be array/],
  );
  t.match(validateResponse('confluence-v1', 'GET', '/wiki/rest/api/search', 200, { results: [{}] }), [
    /must have required property/,
  ]);
  t.match(validateRequest('jira-platform-v3', 'GET', '/rest/api/3/issue/WEB-1', { fieldz: 'summary' }, undefined), [
    /query parameter "fieldz" is not in jira-platform-v3/,
  ]);
  t.match(validateRequest('jira-platform-v3', 'POST', '/rest/api/3/search/jql', {}, { jql: 1, maxResults: 'ten' }), [
    /body .*must be/,
  ]);
  t.match(
    validateRequest('jira-platform-v3', 'GET', '/rest/api/3/search', {}, undefined, { cloud: true }),
    [/deprecated on Cloud/],
    'the removed Cloud search is flagged',
  );
});
