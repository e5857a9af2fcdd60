/**
 * End to end through an MCP client: with `projects_filter` / `spaces_filter` set to a list that leaves out the
 * sandbox's own project and space, no JQL or CQL a caller writes — closing the allow-list's parentheses, hiding
 * text after ORDER BY, escaping quotes — returns anything from them. Every attempt is either refused with a tool
 * error that says why (and never reaches the sandbox) or composed so that the allow-list holds.
 */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES,
  defaults: ['prod', 'wiki'],
  extra: { toolsets: ['all'] },
  overrides: {
    prod: { projects_filter: ['HR'] },
    staging: { projects_filter: ['HR'] },
    wiki: { spaces_filter: ['HR'] },
    dcwiki: { spaces_filter: ['HR'] },
  },
});

/** Ways of reaching `target` around an allow-list of HR. */
const escapes = (field: string, target: string) => [
  `${field} = ${target}) OR (${field} = HR`,
  `${field} = ${target})OR(${field} = HR`,
  `${field} = ${target}) || (${field} = HR`,
  `${field} = HR) OR (${field} = ${target}) OR (${field} = HR`,
  `${field} = ${target} ) or ( ${field} = HR ORDER BY key`,
  `${field} = HR ORDER BY key) OR (${field} = ${target}`,
  `title ~ "x" ORDER BY title) OR (${field} = ${target}`,
  `${field} = HR ORDER BY created, ${field} = ${target}`,
  `summary ~ 'a\\') OR (${field} = ${target} OR summary ~ '`,
  `summary ~ a\\") OR (${field} = ${target} OR summary ~ "`,
  `${field} = HR --) OR (${field} = ${target}`,
  `${field} = ${target}\u00a0) OR (${field} = HR`,
  `${field} = ${target} OR ${field} = HR`,
  `NOT ${field} = HR`,
  `summary ~ "\\") OR (${field} = ${target} OR summary ~ \\""`,
];

const searches = (site: string) =>
  harness.gateway.sandbox.requests.filter((request) => request.site === site && /search|\/issue$/.test(request.path))
    .length;

for (const [tool, site, project] of [
  ['jira_search', 'prod', 'OPS'],
  ['jira_staging_search', 'staging', 'WEB'],
] as const) {
  t.test(`${tool}: nothing from ${project} escapes projects_filter [HR]`, async (t) => {
    for (const jql of escapes('project', project)) {
      const before = searches(site);
      const result = await harness.call(tool, { jql });
      if (result.isError) {
        t.match(
          result.text,
          /^Search issues on instance "\w+": the JQL was not sent: .+/,
          `refused with the reason: ${jql}`,
        );
        t.equal(searches(site), before, `nothing was sent for: ${jql}`);
      } else {
        t.same(result.data.issues, [], `no issue from ${project} for: ${jql}`);
        t.match(
          result.data.jql,
          /^\(.*\) AND project in \("HR"\)( ORDER BY [\w, ]+)?$/s,
          'the condition is one group ANDed with the allow-list',
        );
      }
    }
  });
}

for (const [prefix, site, project] of [
  ['jira_', 'prod', 'OPS'],
  ['jira_staging_', 'staging', 'WEB'],
] as const) {
  t.test(
    `${prefix}get_board_issues and ${prefix}get_sprint_issues: board JQL cannot leave the allow-list`,
    async (t) => {
      for (const jql of escapes('project', project)) {
        for (const [tool, args] of [
          [`${prefix}get_board_issues`, { board_id: 1, jql }],
          [`${prefix}get_sprint_issues`, { sprint_id: 2, jql }],
        ] as const) {
          const before = harness.gateway.sandbox.requests.filter((request) => request.site === site).length;
          const result = await harness.call(tool, args);
          if (result.isError) {
            t.match(result.text, /the JQL was not sent: .+/, `${tool} refused: ${jql}`);
            t.equal(
              harness.gateway.sandbox.requests.filter((request) => request.site === site).length,
              before,
              'nothing was sent',
            );
          } else {
            t.same(result.data.issues, [], `${tool}: no issue from ${project} for: ${jql}`);
          }
        }
      }
    },
  );
}

for (const [tool, site, space] of [
  ['confluence_search', 'wiki', 'ENG'],
  ['confluence_dcwiki_search', 'dcwiki', 'DOC'],
] as const) {
  t.test(`${tool}: nothing from space ${space} escapes spaces_filter [HR]`, async (t) => {
    for (const query of [
      ...escapes('space', space).map((cql) => cql.replace(/summary/g, 'title').replace(/key/g, 'title')),
      `type = page) OR (space = ${space}`,
    ]) {
      const before = searches(site);
      const result = await harness.call(tool, { query });
      if (result.isError) {
        t.match(
          result.text,
          /^Search Confluence on instance "\w+": the CQL was not sent: .+/,
          `refused with the reason: ${query}`,
        );
        t.equal(searches(site), before, `nothing was sent for: ${query}`);
      } else {
        t.same(result.data.results, [], `no page from ${space} for: ${query}`);
        t.match(
          result.data.cql,
          /^\(.*\) AND space in \("HR"\)( ORDER BY [\w, ]+)?$/s,
          'the condition is one group ANDed with the allow-list',
        );
      }
    }
    const narrowed = await harness.call(tool, { query: 'release', spaces: [space] });
    t.notOk(narrowed.isError, narrowed.text);
    t.same(narrowed.data.results, [], 'a space list argument narrows further; the allow-list still applies');
    const smuggled = await harness.call(tool, {
      query: 'release',
      spaces: [space, `${space}") OR (space = "${space}`],
    });
    t.match(
      smuggled.text,
      /^Invalid arguments for \w+: spaces\.1: expected a space key/,
      'a space list entry cannot carry CQL',
    );
  });
}

/** A request straight to the sandbox with the site's own credentials. */
async function sandboxGet(
  site: 'prod' | 'dcwiki',
  path: string,
): Promise<{ status: number; body: Record<string, any> }> {
  const { credentials } = TEST_SITES.find((candidate) => candidate.id === site)!;
  const authorization = credentials.type === 'pat' ? `Bearer ${credentials.token}` : '';
  const response = await fetch(`${harness.gateway.sandbox.url}/sites/${site}${path}`, {
    headers: { authorization, accept: 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

t.test('the sandbox reads AND before OR, as Jira and Confluence do, so an escaped allow-list would show', async (t) => {
  const jql = '(project = OPS) OR (project = HR) AND project in ("HR")';
  const jira = await sandboxGet('prod', `/rest/api/2/search?jql=${encodeURIComponent(jql)}`);
  t.equal(jira.body.issues?.length, 5, 'OPS OR (HR AND HR): every OPS issue');
  const cql = '(space = DOC) OR (space = HR) AND space in ("HR")';
  const confluence = await sandboxGet('dcwiki', `/rest/api/search?cql=${encodeURIComponent(cql)}`);
  t.ok(confluence.body.results?.length > 0, 'DOC OR (HR AND HR): the DOC pages');
  t.equal(
    (await sandboxGet('prod', `/rest/api/2/search?jql=${encodeURIComponent('project = OPS) OR (project = HR')}`))
      .status,
    400,
    'unbalanced JQL is a 400',
  );
});
