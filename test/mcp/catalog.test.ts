/** Catalogue invariants over every tool, gating per instance, and naming rules enforced at startup. */
import t from 'tap';
import { z } from 'zod';
import { librariesFor } from '../../src/atlassian/warm-up.js';
import { type ConfigError } from '../../src/config/errors.js';
import { ANNOTATION_DEFAULTS } from '../../src/mcp/catalog.js';
import { TOOL_SPECS } from '../../src/tools/catalog.js';
import { defineJiraTool, type ToolSpec } from '../../src/tools/define.js';
import { catalogOf, confluenceInstance, jiraInstance, TWO_JIRA_ONE_CONFLUENCE } from '../helpers/catalog.js';

const fakeRun = async () => ({ text: 'ok' });
const writeSpec = defineJiraTool({
  name: 'create_thing',
  title: 'Create a thing',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'write',
  description: 'Creates.',
  input: () => z.strictObject({}),
  action: () => 'Create',
  run: fakeRun,
});
const deleteSpec = defineJiraTool({
  name: 'delete_thing',
  title: 'Delete a thing',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'destructive',
  description: 'Deletes.',
  input: () => z.strictObject({}),
  action: () => 'Delete',
  run: fakeRun,
});
const cloudOnly = defineJiraTool({
  name: 'cloud_thing',
  title: 'Cloud thing',
  toolset: 'forms',
  access: 'read',
  platforms: ['cloud'],
  description: 'Cloud.',
  input: () => z.strictObject({}),
  action: () => 'Cloud',
  run: fakeRun,
});
const WITH_WRITES: readonly ToolSpec[] = [...TOOL_SPECS, writeSpec, deleteSpec, cloudOnly];

const names = (raw: Record<string, unknown>, specs?: readonly ToolSpec[]) =>
  catalogOf(raw, specs).list.map((tool) => tool.name);

t.test('invariants hold over the whole catalogue with every toolset on', async (t) => {
  const many = {
    toolsets: ['all'],
    instances: [...TWO_JIRA_ONE_CONFLUENCE.instances, jiraInstance('abcdefghij_klmnopqrs')],
  };
  const catalog = catalogOf(many, WITH_WRITES);
  const list = catalog.list;
  t.ok(list.length > 10, `${list.length} tools`);
  t.equal(new Set(list.map((tool) => tool.name)).size, list.length, 'names are unique');
  for (const tool of list) {
    t.ok(tool.name.length <= 64, `${tool.name} is at most 64 characters`);
    t.match(tool.name, /^[a-z0-9_]+$/);
    t.ok(tool.title, `${tool.name} has a title`);
    t.ok(tool.description && tool.description.length > 20, `${tool.name} has a description`);
    t.equal(tool.inputSchema.type, 'object');
    t.notOk(
      'anyOf' in tool.inputSchema || 'oneOf' in tool.inputSchema || 'allOf' in tool.inputSchema,
      `${tool.name} has no top-level combinator`,
    );
    t.notOk('$schema' in tool.inputSchema, 'no $schema noise');
    const listed = tool.annotations!;
    for (const [hint, fallback] of Object.entries(ANNOTATION_DEFAULTS))
      t.not(
        listed[hint as keyof typeof ANNOTATION_DEFAULTS],
        fallback,
        `${tool.name}: ${hint} is listed only when it differs from the default`,
      );
    const hints = { ...ANNOTATION_DEFAULTS, ...listed };
    const spec = WITH_WRITES.find(
      (candidate) => tool.name.endsWith(`_${candidate.name}`) && tool.name.startsWith(candidate.product),
    )!;
    t.equal(hints.readOnlyHint, spec.access === 'read', `${tool.name}: read-only exactly when it only reads`);
    if (!hints.readOnlyHint)
      t.equal(
        hints.destructiveHint,
        spec.access === 'destructive',
        `${tool.name}: destructive exactly when it deletes`,
      );
    t.equal(
      hints.openWorldHint,
      spec.product !== 'gateway',
      `${tool.name}: talks to Atlassian unless it is a gateway tool`,
    );
  }
  t.equal(
    catalogOf(many, WITH_WRITES).list[0]!.inputSchema,
    catalogOf(TWO_JIRA_ONE_CONFLUENCE, WITH_WRITES).list[0]!.inputSchema,
    'schemas are converted once per spec and shared',
  );
});

t.test('descriptions name the instance so prod and staging can be told apart', async (t) => {
  const list = catalogOf(TWO_JIRA_ONE_CONFLUENCE).list;
  const prod = list.find((tool) => tool.name === 'jira_get_issue')!;
  const staging = list.find((tool) => tool.name === 'jira_staging_get_issue')!;
  t.match(prod.description, /Instance: prod \(default\), Jira Server\/DC at https:\/\/jira\.example\.com/);
  t.match(staging.description, /Instance: staging, Jira Cloud at https:\/\/staging\.atlassian\.net/);
  t.match(staging.title, /\(staging\)/);
});

t.test('read-only instances and READ_ONLY_MODE expose no write tool', async (t) => {
  const perInstance = names(
    { instances: [jiraInstance('prod', { default: true }), jiraInstance('ro', { read_only: true })] },
    WITH_WRITES,
  );
  t.ok(
    perInstance.includes('jira_create_thing') && perInstance.includes('jira_delete_thing'),
    'writable instance has write tools',
  );
  t.notOk(
    perInstance.some((name) => name.startsWith('jira_ro_') && /create|delete/.test(name)),
    'read-only instance has none',
  );
  t.ok(perInstance.includes('jira_ro_get_issue'));
  const global = catalogOf({ read_only: true, instances: [jiraInstance('prod')] }, WITH_WRITES);
  t.ok(
    global.list.every((tool) => tool.annotations?.readOnlyHint),
    'global read-only mode leaves only read tools',
  );
});

t.test('toolsets, enabled and disabled tools, platforms', async (t) => {
  const all = names(
    { toolsets: ['all'], instances: [jiraInstance('cloud'), jiraInstance('dc', { url: 'https://jira.example.com' })] },
    WITH_WRITES,
  );
  t.ok(all.includes('jira_cloud_thing'), 'cloud-only tool on the cloud instance');
  t.notOk(all.includes('jira_dc_cloud_thing'), 'not on the Server/DC instance');
  const defaults = names({ instances: [jiraInstance('cloud')] }, WITH_WRITES);
  t.notOk(defaults.includes('jira_cloud_thing'), 'forms is not a default toolset');
  const onlyPages = names({ toolsets: ['confluence:pages'], instances: [jiraInstance('j'), confluenceInstance('c')] });
  const pagesTools = TOOL_SPECS.filter((spec) => spec.product === 'confluence' && spec.toolset === 'pages').map(
    (spec) => `confluence_${spec.name}`,
  );
  t.same(
    onlyPages,
    [...pagesTools, 'gateway_list_instances', 'gateway_set_defaults'],
    'a product-prefixed toolset selects only that product',
  );
  t.ok(pagesTools.length >= 3);
  const enabled = names({
    enabled_tools: ['jira_get_issue', 'jira_b_search'],
    instances: [jiraInstance('a'), jiraInstance('b')],
  });
  t.same(
    enabled,
    ['jira_get_issue', 'jira_b_get_issue', 'jira_b_search'],
    'generic names apply to every instance, bound names to one; gateway tools need listing too',
  );
  const disabled = names({
    instances: [jiraInstance('a'), jiraInstance('b', { disabled_tools: ['jira_search', 'jira_b_add_comment'] })],
  });
  t.ok(disabled.includes('jira_search') && disabled.includes('jira_add_comment'), 'the other instance keeps them');
  t.notOk(
    disabled.includes('jira_b_search') || disabled.includes('jira_b_add_comment'),
    'generic and bound names both disable',
  );
  t.ok(disabled.includes('jira_b_get_issue'));
});

t.test('naming and selection problems stop startup, naming the instance', async (t) => {
  const clash = defineJiraTool({ ...writeSpec, name: 'x_get_issue' });
  t.throws(() => catalogOf({ instances: [jiraInstance('main'), jiraInstance('x')] }, [...TOOL_SPECS, clash]), {
    name: 'ConfigError',
    message: /instance "x" \(jira\): tool name jira_x_get_issue is also produced by instance "main"/,
  });
  const long = defineJiraTool({ ...writeSpec, name: 'a_really_long_tool_name_that_goes_on_and_on' });
  t.throws(
    () => catalogOf({ instances: [jiraInstance('main'), jiraInstance('twenty_characters_x')] }, [...TOOL_SPECS, long]),
    {
      message:
        /instance "twenty_characters_x" \(jira\): tool name jira_twenty_characters_x_a_really_long_tool_name_that_goes_on_and_on is longer than 64/,
    },
  );
  const error = t.throws(() =>
    catalogOf({
      toolsets: ['isues'],
      enabled_tools: ['jira_get_isue'],
      instances: [jiraInstance('a', { toolsets: ['jira:nope'] })],
    }),
  ) as ConfigError;
  t.match(error.problems, [
    { where: 'enabled_tools (ENABLED_TOOLS)', message: 'unknown tool "jira_get_isue"' },
    { where: 'instance "a" (jira) toolsets', message: 'unknown toolset "jira:nope"' },
  ]);
});

t.test('a catalogue names its products, whose text-format libraries are warmed up for it', async (t) => {
  const warmed = (raw: Record<string, unknown>) => librariesFor(catalogOf(raw).products).sort();
  t.same(warmed({ instances: [jiraInstance('prod')] }), ['jira2md', 'marklassian'], 'Jira only');
  t.same(warmed({ instances: [confluenceInstance('wiki')] }), ['diff', 'htmlparser2', 'marked'], 'Confluence only');
  t.same(warmed(TWO_JIRA_ONE_CONFLUENCE), ['diff', 'htmlparser2', 'jira2md', 'marked', 'marklassian'], 'both');
});
