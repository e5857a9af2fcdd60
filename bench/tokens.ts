/**
 * `npm run bench:tokens`: how many tools and `tools/list` tokens (o200k, the tokenizer of current OpenAI models,
 * a fair stand-in for what any model pays) each naming mode costs at 1 to 10 Jira + Confluence instance pairs
 * with default toolsets, the largest tools, and what each toolset costs. Builds catalogues only; no network.
 */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { validate } from '../src/config/load.js';
import { InstanceRegistry } from '../src/instances/registry.js';
import { createLogger } from '../src/logging.js';
import { buildCatalog } from '../src/mcp/catalog.js';
import { TOOLSETS } from '../src/tools/toolsets.js';

const logger = createLogger({ level: 'silent' });

/** The `tools/list` array for a raw configuration, built as the gateway builds it. */
function toolListFor(raw: Record<string, unknown>) {
  const config = validate({ raw, labels: new Map(), kind: 'yaml', origin: 'bench', warnings: [], problems: [] });
  const registry = new InstanceRegistry(config, logger);
  try {
    return buildCatalog(config, registry, logger).list;
  } finally {
    registry.close();
  }
}

function measureList(pairs: number, naming: 'prefix' | 'argument') {
  const instances = Array.from({ length: pairs }, (_, index) => [
    {
      name: `jira${index}`,
      product: 'jira',
      url: `https://jira${index}.example.com`,
      platform: index % 2 ? 'cloud' : 'server',
      auth: { type: 'pat', token: 't' },
    },
    {
      name: `wiki${index}`,
      product: 'confluence',
      url: `https://wiki${index}.example.com`,
      platform: 'server',
      auth: { type: 'pat', token: 't' },
    },
  ]).flat();
  const list = toolListFor({ instances, tool_naming: naming });
  const perTool = list.map((tool) => ({ name: tool.name, tokens: encode(JSON.stringify(tool)).length }));
  return { tools: list.length, tokens: encode(JSON.stringify({ tools: list })).length, perTool };
}

const rows = [1, 2, 5, 10].map((pairs) => ({
  pairs,
  prefix: measureList(pairs, 'prefix'),
  argument: measureList(pairs, 'argument'),
}));
const lines = [
  '| Jira + Confluence instances | prefix: tools | prefix: tokens | argument: tools | argument: tokens |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    ({ pairs, prefix, argument }) =>
      `| ${pairs} + ${pairs} | ${prefix.tools} | ${prefix.tokens} | ${argument.tools} | ${argument.tokens} |`,
  ),
];
const one = rows[0]!.prefix;
const largest = [...one.perTool].sort((a, b) => b.tokens - a.tokens).slice(0, 5);
lines.push(
  '',
  `1 + 1 instances, default toolsets: ${one.tools} tools, ${one.tokens} tokens, ${Math.round(one.tokens / one.tools)} per tool on average.`,
  `Largest: ${largest.map((tool) => `${tool.name} ${tool.tokens}`).join(', ')}.`,
);

/** One Cloud instance per product, so no tool is hidden by platform; counts that product's tools only. */
function toolsetCost(product: 'jira' | 'confluence', toolset: string) {
  const instance = {
    name: 'only',
    product,
    url: `https://acme.atlassian.net${product === 'confluence' ? '/wiki' : ''}`,
    auth: { type: 'basic', username: 'u@example.com', token: 't' },
  };
  const selection = toolset === 'default' || toolset === 'all' ? toolset : `${product}:${toolset}`;
  const tools = toolListFor({ instances: [instance], toolsets: [selection] }).filter((tool) =>
    tool.name.startsWith(`${product}_`),
  );
  return { tools: tools.length, tokens: tools.reduce((sum, tool) => sum + encode(JSON.stringify(tool)).length, 0) };
}

lines.push('', '| product | toolset | tools | tokens |', '| --- | --- | --- | --- |');
for (const product of ['jira', 'confluence'] as const) {
  for (const toolset of ['default', 'all', ...TOOLSETS[product]]) {
    const { tools, tokens } = toolsetCost(product, toolset);
    if (tools === 0) continue;
    lines.push(`| ${product} | \`${toolset}\` | ${tools} | ${tokens} |`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
