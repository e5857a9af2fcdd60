/**
 * The tool list's token budget: what every conversation pays before its first question. A real client lists the
 * tools of one Jira and one Confluence instance (default toolsets, default settings) and the serialised list is
 * counted with o200k. Fails when the list outgrows 5,000 tokens or 150 tokens per tool on average.
 */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import t, { type Test } from 'tap';
import { createGatewayCore } from '../../src/gateway.js';
import { configOf, confluenceInstance, jiraInstance, silentLogger } from '../helpers/catalog.js';
import { connectClient } from '../helpers/clients.js';
import { serveConfig } from '../helpers/gateway.js';

const LIST_BUDGET = 5_000;
const PER_TOOL_BUDGET = 150;

async function listedTools(t: Test, platform: 'cloud' | 'server', extra: Record<string, unknown> = {}) {
  const instances =
    platform === 'cloud'
      ? [
          jiraInstance('acme'),
          confluenceInstance('acme', {
            url: 'https://acme.atlassian.net/wiki',
            platform: 'cloud',
            auth: { type: 'basic', username: 'u@example.com', token: 't' },
          }),
        ]
      : [
          jiraInstance('dc', {
            url: 'https://jira.example.com',
            platform: 'server',
            auth: { type: 'pat', token: 't' },
          }),
          confluenceInstance('wiki'),
        ];
  const client = await connectClient(await serveConfig(t, { ...extra, instances }), 'http-2026');
  t.teardown(() => client.close());
  return (await client.listTools()).tools;
}

function measure(tools: ReadonlyArray<{ name: string }>) {
  const total = encode(JSON.stringify({ tools })).length;
  const largest = tools
    .map((tool) => ({ name: tool.name, tokens: encode(JSON.stringify(tool)).length }))
    .sort((a, b) => b.tokens - a.tokens)
    .slice(0, 5);
  return { total, average: total / tools.length, largest };
}

for (const platform of ['cloud', 'server'] as const) {
  t.test(
    `1 Jira + 1 Confluence on ${platform === 'cloud' ? 'Cloud' : 'Server/DC'}: the default tool list stays within budget`,
    async (t) => {
      const tools = await listedTools(t, platform);
      const { total, average, largest } = measure(tools);
      t.comment(
        `${tools.length} tools, ${total} tokens, ${average.toFixed(1)} per tool; largest: ${largest.map((tool) => `${tool.name} ${tool.tokens}`).join(', ')}`,
      );
      t.equal(tools.length, 21, 'the default toolsets of both products and the two gateway tools');
      t.ok(total <= LIST_BUDGET, `${total} tokens ≤ ${LIST_BUDGET}`);
      t.ok(average <= PER_TOOL_BUDGET, `${average.toFixed(1)} tokens per tool ≤ ${PER_TOOL_BUDGET}`);
      t.notOk(JSON.stringify(tools).includes('"$schema"'), 'no $schema');
      t.notOk(JSON.stringify(tools).includes('"additionalProperties":false'), 'no additionalProperties: false');
      t.notOk(
        tools.some((tool) => 'outputSchema' in tool),
        'output schemas only on request',
      );
      const other = platform === 'cloud' ? ['start_at'] : ['page_token'];
      const search = tools.find((tool) => tool.name === 'jira_search') as {
        inputSchema: { properties: Record<string, unknown> };
      };
      for (const name of other)
        t.notOk(
          name in search.inputSchema.properties,
          `jira_search lists no ${name}: it belongs to the other platform`,
        );
    },
  );
}

t.test('output schemas are listed on request, at their own cost', async (t) => {
  const lean = measure(await listedTools(t, 'cloud'));
  const tools = await listedTools(t, 'cloud', { output_schemas: true });
  const full = measure(tools);
  t.comment(`with output schemas: ${full.total} tokens (${full.total - lean.total} more)`);
  t.ok(tools.filter((tool) => 'outputSchema' in tool).length >= 19, 'every instance tool lists its output schema');
  t.ok(full.total > lean.total);
});

t.test('an instance note appears only where it tells instances apart or the operator described one', async (t) => {
  const single = await listedTools(t, 'cloud');
  t.notMatch(JSON.stringify(single), /Instance: /, 'one instance per product: no note repeated in every tool');
  const config = configOf({ instances: [jiraInstance('acme', { description: 'Support tickets' })] });
  const core = await createGatewayCore(config, { logger: silentLogger });
  t.teardown(() => core.close());
  t.match(
    core.catalog.list.find((tool) => tool.name === 'jira_get_issue')!.description,
    /Instance: acme \(default\), Jira Cloud at https:\/\/acme\.atlassian\.net\. Support tickets\./,
  );
});
