/**
 * With `projects_filter`, issues of other projects reached indirectly — links, a parent, an Epic Link value, link
 * entries of the changelog, cross-project dependencies — show as "hidden (outside this instance's projects)":
 * neither their key nor their summary reaches the caller. Someone else links and parents the issues straight in
 * the sandbox (as another Jira user would); the gateway then reads them through a real MCP client.
 */
import t, { type Test } from 'tap';
import { JIRA_PLATFORMS, JIRA_SITES, useGateway } from '../helpers/harness.js';

const HIDDEN = "hidden (outside this instance's projects)";
const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['all'] },
  overrides: { prod: { projects_filter: ['OPS'] }, staging: { projects_filter: ['WEB'] } },
});

/** As another Jira user: a request straight to the sandbox site with its own credentials. */
async function asSomeoneElse(site: 'prod' | 'staging', method: string, path: string, body: unknown): Promise<number> {
  const { credentials } = JIRA_SITES.find((candidate) => candidate.id === site)!;
  const authorization =
    credentials.type === 'pat'
      ? `Bearer ${credentials.token}`
      : `Basic ${Buffer.from(`${credentials.type === 'basic' ? credentials.username : ''}:${credentials.token}`).toString('base64')}`;
  const response = await fetch(`${harness.gateway.sandbox.url}/sites/${site}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

/** Nothing of SEC-7 (the other project's issue) anywhere in what the caller sees. */
function assertNothingOfTheHiddenIssue(t: Test, result: { text: string; data: unknown }, what: string) {
  const everything = `${result.text}\n${JSON.stringify(result.data)}`;
  t.notMatch(everything, /SEC-7|SEC\b/, `${what}: no key or project of the hidden issue`);
  t.notMatch(everything, /Rotate the TLS certificates/, `${what}: no summary of the hidden issue`);
}

for (const [platform, prefix, project] of JIRA_PLATFORMS) {
  const site = prefix === 'jira_' ? 'prod' : 'staging';
  const api = site === 'prod' ? '/rest/api/2' : '/rest/api/3';

  t.test(`${platform}: linked, parent and Epic Link issues outside projects_filter are shown as hidden`, async (t) => {
    t.equal(
      await asSomeoneElse(site, 'POST', `${api}/issueLink`, {
        type: { name: 'Blocks' },
        inwardIssue: { key: `${project}-2` },
        outwardIssue: { key: 'SEC-7' },
      }),
      201,
      'SEC-7 now blocks issue 2',
    );
    t.equal(
      await asSomeoneElse(site, 'PUT', `${api}/issue/${project}-3`, { fields: { parent: { key: 'SEC-7' } } }),
      204,
      'SEC-7 is now the parent of issue 3',
    );
    t.notOk(
      (
        await harness.call(`${prefix}update_issue`, {
          issue_key: `${project}-1`,
          fields: { customfield_10014: 'SEC-7' },
        })
      ).isError,
      'the Epic Link of issue 1 names SEC-7',
    );

    const linked = await harness.call(`${prefix}get_issue`, {
      issue_key: `${project}-2`,
      include: ['links', 'changelog'],
    });
    t.notOk(linked.isError, linked.text);
    t.same(
      linked.data.links.map(
        (link: { issue_key: string; summary: string | null; status: string | null; relation: string }) => [
          link.relation,
          link.issue_key,
          link.summary,
          link.status,
        ],
      ),
      [['is blocked by', HIDDEN, null, null]],
    );
    t.match(linked.text, `- is blocked by an issue ${HIDDEN}`);
    t.match(
      linked.data.changelog.find((change: { field: string }) => change.field === 'Link')?.to,
      `This issue is blocked by ${HIDDEN}`,
    );
    assertNothingOfTheHiddenIssue(t, linked, 'links and changelog');

    const child = await harness.call(`${prefix}get_issue`, { issue_key: `${project}-3` });
    t.equal(child.data.parent, HIDDEN, 'the parent is hidden');
    t.match(child.text, `Parent: ${HIDDEN}`);
    assertNothingOfTheHiddenIssue(t, child, 'parent');

    const epicLinked = await harness.call(`${prefix}get_issue`, {
      issue_key: `${project}-1`,
      fields: ['customfield_10014'],
    });
    t.equal(epicLinked.data.other_fields.customfield_10014, HIDDEN, 'the Epic Link value is hidden');
    assertNothingOfTheHiddenIssue(t, epicLinked, 'Epic Link');

    const seeded = await harness.call(`${prefix}get_issue`, { issue_key: `${project}-5`, include: ['links'] });
    t.same(
      seeded.data.links.map((link: { issue_key: string }) => link.issue_key),
      [HIDDEN],
      'the seeded link to SEC-7 too',
    );
    assertNothingOfTheHiddenIssue(t, seeded, 'seeded link');
  });

  t.test(`${platform}: cross-project dependencies name no hidden project`, async (t) => {
    const result = await harness.call(`${prefix}get_cross_project_dependencies`, { project_key: project });
    t.notOk(result.isError, result.text);
    t.ok(result.data.dependencies.length >= 1);
    for (const dependency of result.data.dependencies) {
      t.equal(dependency.other_key, HIDDEN);
      t.equal(dependency.other_project, HIDDEN);
      t.equal(dependency.other_summary, null);
      t.equal(dependency.other_status, null);
    }
    t.match(result.text, `## Projects hidden on this instance\n- ${project}-`);
    assertNothingOfTheHiddenIssue(t, result, 'dependencies');
  });
}

t.test('Cloud: bulk changelogs hide link entries to other projects', async (t) => {
  const result = await harness.call('jira_staging_batch_get_changelogs', { issue_keys: ['WEB-2'] });
  t.notOk(result.isError, result.text);
  const link = result.data.issues[0].changes.find((change: { field: string }) => change.field === 'Link');
  t.equal(link?.to, `This issue is blocked by ${HIDDEN}`);
  assertNothingOfTheHiddenIssue(t, result, 'bulk changelog');
});
