/**
 * Arguments that become URL path segments cannot address another endpoint. Every such argument of every tool is
 * called through an MCP client with dot segments and path syntax (`..`, `.`, `%2e%2e`, `a/b`, `a?b`, `a#b`, …):
 * the answer is an input error naming the argument, or the request that reached the sandbox carries the value
 * as one encoded segment — never a request one level up. `segment()`, the one builder of path segments, is
 * checked on its own as well.
 */
import t from 'tap';
import { ToolInputError } from '../../src/atlassian/input-error.js';
import { segment } from '../../src/atlassian/path.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const harness = useGateway(t, { sites: TEST_SITES, defaults: ['prod', 'wiki'], extra: { toolsets: ['all'] } });

const HOSTILE = ['..', '.', ' .. ', '%2e%2e', '.%2e', '../x', '..%2f', 'a/b', 'a?b', 'a#b', '', '/'];

type Case = [tool: string, args: Record<string, unknown>, argument: string];

/** Tools (unprefixed) with a path-bound argument; `$` marks where the hostile value goes. */
const JIRA_CASES = (project: string): Case[] => [
  ['get_issue', { issue_key: '$' }, 'issue_key'],
  ['get_project_issues', { project_key: '$' }, 'project_key'],
  ['get_project_issue_types', { project_key: '$' }, 'project_key'],
  ['get_create_fields', { project_key: '$', issue_type: 'Bug' }, 'project_key'],
  ['get_create_fields', { project_key: project, issue_type: '$' }, 'issue_type'],
  ['get_field_options', { field_id: 'priority', project_key: '$', issue_type: 'Bug' }, 'project_key'],
  ['get_field_options', { field_id: 'priority', project_key: project, issue_type: '$' }, 'issue_type'],
  ['get_project_versions', { project_key: '$' }, 'project_key'],
  ['get_project_components', { project_key: '$' }, 'project_key'],
  ['create_version', { project_key: '$', name: 'x' }, 'project_key'],
  ['batch_create_versions', { project_key: '$', versions: [{ name: 'x' }] }, 'project_key'],
  ['update_version', { version_id: '$', name: 'x' }, 'version_id'],
  ['get_project_epic_hierarchy', { project_key: '$' }, 'project_key'],
  ['get_cross_project_dependencies', { project_key: '$' }, 'project_key'],
  ['search_assignable_users', { query: 'bob', project_key: '$' }, 'project_key'],
  ['get_agile_boards', { project_key: '$' }, 'project_key'],
  ['create_issue', { project_key: '$', summary: 'x' }, 'project_key'],
  ['create_issue', { project_key: project, summary: 'x', issue_type: '$' }, 'issue_type'],
  ['move_issue', { issue_key: `${project}-1`, target_project_key: '$' }, 'target_project_key'],
  [
    'move_issue',
    { issue_key: `${project}-1`, target_project_key: project, target_issue_type: '$' },
    'target_issue_type',
  ],
  ['edit_comment', { issue_key: `${project}-1`, comment_id: '$', body: 'x' }, 'comment_id'],
  ['remove_issue_link', { link_id: '$' }, 'link_id'],
  ['get_sprints_from_board', { board_id: '$' }, 'board_id'],
  ['get_board_issues', { board_id: '$' }, 'board_id'],
  ['create_sprint', { board_id: '$', name: 'x' }, 'board_id'],
  ['get_sprint_issues', { sprint_id: '$' }, 'sprint_id'],
  ['update_sprint', { sprint_id: '$', name: 'x' }, 'sprint_id'],
  ['add_issues_to_sprint', { sprint_id: '$', issue_keys: [`${project}-1`] }, 'sprint_id'],
  ['download_attachments', { issue_key: `${project}-1`, attachment_ids: ['$'] }, 'attachment_ids.0'],
  ['get_issue_forms', { issue_key: '$' }, 'issue_key'],
  ['get_form_details', { issue_key: `${project}-1`, form_id: '$' }, 'form_id'],
  [
    'update_form_answers',
    { issue_key: `${project}-1`, form_id: '$', answers: [{ question_id: '1', text: 'x' }] },
    'form_id',
  ],
];

const CONFLUENCE_CASES: Case[] = [
  ['get_page', { page_id: '$' }, 'page_id'],
  ['get_page', { title: 'Home', space_key: '$' }, 'space_key'],
  ['get_page_children', { parent_id: '$' }, 'parent_id'],
  ['get_space', { space_key: '$' }, 'space_key'],
  ['get_space_pages', { space_key: '$' }, 'space_key'],
  ['get_comments', { page_id: '$' }, 'page_id'],
  ['create_page', { space_key: '$', title: 'x', content: 'x' }, 'space_key'],
  ['create_page', { space_key: 'ENG', title: 'x', content: 'x', parent_id: '$' }, 'parent_id'],
  ['update_page', { page_id: '$', content: 'x' }, 'page_id'],
  ['add_comment', { page_id: '$', body: 'x' }, 'page_id'],
  ['get_page_versions', { page_id: '$' }, 'page_id'],
  ['get_page_history', { page_id: '$', version: 1 }, 'page_id'],
  ['delete_page', { page_id: '$' }, 'page_id'],
  ['move_page', { page_id: '$', target_id: '1' }, 'page_id'],
  ['move_page', { page_id: '1', target_id: '$' }, 'target_id'],
  ['copy_page', { page_id: '1', space_key: '$' }, 'space_key'],
  ['get_space_page_tree', { space_key: '$' }, 'space_key'],
  ['get_labels', { page_id: '$' }, 'page_id'],
  ['search_by_label', { label: 'x', spaces: ['$'] }, 'spaces.0'],
  ['search', { query: 'x', spaces: ['$'] }, 'spaces.0'],
  ['reply_to_comment', { page_id: '1', comment_id: '$', body: 'x' }, 'comment_id'],
  ['get_inline_comments', { page_id: '$' }, 'page_id'],
  ['get_attachments', { page_id: '$' }, 'page_id'],
  ['delete_attachment', { page_id: '1', attachment_id: '$' }, 'attachment_id'],
  ['get_page_restrictions', { page_id: '$' }, 'page_id'],
  ['list_page_templates', { space_key: '$' }, 'space_key'],
  ['get_page_template', { template_id: '$' }, 'template_id'],
  ['create_page_from_template', { template_id: '$', space_key: 'ENG', title: 'x' }, 'template_id'],
  ['get_page_views', { page_id: '$' }, 'page_id'],
];

function withValue(args: Record<string, unknown>, value: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args), (_key, item) => (item === '$' ? value : item)) as Record<string, unknown>;
}

for (const [label, prefix, site, cases] of [
  ['Jira Server/DC', 'jira_', 'prod', JIRA_CASES('OPS')],
  ['Jira Cloud', 'jira_staging_', 'staging', JIRA_CASES('WEB')],
  ['Confluence Cloud', 'confluence_', 'wiki', CONFLUENCE_CASES],
  ['Confluence Server/DC', 'confluence_dcwiki_', 'dcwiki', CONFLUENCE_CASES],
] as const) {
  t.test(`${label}: path arguments cannot climb out of their endpoint`, async (t) => {
    const listed = new Set((await harness.client.listTools()).tools.map((tool) => tool.name));
    let checked = 0;
    for (const [name, args, argument] of cases) {
      const tool = `${prefix}${name}`;
      if (!listed.has(tool)) continue; // a tool of the other platform
      for (const value of HOSTILE) {
        const before = harness.gateway.sandbox.requests.length;
        const result = await harness.call(tool, withValue(args, value));
        const sent = harness.gateway.sandbox.requests.slice(before).filter((request) => request.site === site);
        const where = `${tool} ${argument}=${JSON.stringify(value)}`;
        t.notOk(
          sent.some((request) =>
            request.path.split('/').some((part) => part === '.' || part === '..' || /^%2e(%2e)?$/i.test(part)),
          ),
          `${where}: no dot segment was sent`,
        );
        if (result.isError && result.text.startsWith(`Invalid arguments for ${tool}: `)) {
          t.match(
            result.text,
            new RegExp(`^Invalid arguments for ${tool}: .*\\b${argument.replace('.', '\\.')}: `),
            `${where}: refused naming the argument`,
          );
        } else {
          // Accepted by the schema: a name matched against a list, never a path segment of its own.
          t.ok(
            ['issue_type', 'target_issue_type'].includes(argument),
            `${where}: only names may pass (${result.text.slice(0, 120)})`,
          );
          const raw = value.trim();
          const leaked =
            raw === '/'
              ? sent.some((request) => request.path.includes('//'))
              : raw !== '' && sent.some((request) => request.path.includes(raw));
          t.notOk(leaked, `${where}: the raw value is in no request path`);
        }
        checked++;
      }
    }
    t.ok(checked >= 20 * HOSTILE.length, `${checked} calls checked`);
  });
}

t.test('segment() encodes a value as one segment and refuses the ones that change the endpoint', async (t) => {
  for (const value of ['', '.', '..']) t.throws(() => segment(value), ToolInputError, JSON.stringify(value));
  t.equal(segment('a/b'), 'a%2Fb');
  t.equal(segment('a?b'), 'a%3Fb');
  t.equal(segment('a#b'), 'a%23b');
  t.equal(segment('%2e%2e'), '%252e%252e', 'a percent sign is encoded, so the server never sees a dot segment');
  t.equal(segment('...'), '...', 'three dots are a name, not a dot segment');
  t.equal(segment(10001), '10001');
  t.equal(segment('~alice'), '~alice');
  t.match(
    (() => {
      try {
        segment('..');
      } catch (error) {
        return (error as Error).message;
      }
    })(),
    /"\.\." cannot be part of a request path/,
  );
});

t.test('every value interpolated into a path in the product clients goes through segment()', async (t) => {
  const { readdir, readFile } = await import('node:fs/promises');
  const offenders: string[] = [];
  for (const folder of ['src/atlassian/jira', 'src/atlassian/confluence']) {
    for (const file of await readdir(folder)) {
      const lines = (await readFile(`${folder}/${file}`, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const match of line.matchAll(/\/\$\{([^}]*)\}/g)) {
          if (!match[1]!.startsWith('segment(')) offenders.push(`${folder}/${file}:${index + 1}: ${match[0]}`);
        }
        if (/encodeURIComponent\(/.test(line)) offenders.push(`${folder}/${file}:${index + 1}: encodeURIComponent`);
      });
    }
  }
  t.same(offenders, [], 'no path segment is built another way');
});
