/**
 * docs/resources.md and docs/clients.md stay true to the code: every prompt, template and completed argument is
 * documented, every JSON snippet parses and points at a route the gateway serves, and the conformance baseline
 * names only scenarios the page explains.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import {
  FAILED_FAVOURITES_TTL_MS,
  FAVOURITE_PAGES_CQL,
  FAVOURITES_LIMIT,
  FAVOURITES_PER_INSTANCE,
  FAVOURITES_TTL_MS,
} from '../src/mcp/favourite-items.js';
import { PROMPTS } from '../src/mcp/prompt-library.js';
import { RESOURCE_TEMPLATES, uriTemplateOf } from '../src/mcp/resource-uris.js';
import { docBlocks } from './helpers/doc-commands.js';

const resources = readFileSync('docs/resources.md', 'utf8');
const clients = readFileSync('docs/clients.md', 'utf8');

t.test('every resource template and prompt, with its arguments, is in docs/resources.md', async (t) => {
  for (const template of RESOURCE_TEMPLATES) {
    t.match(resources, `| \`${uriTemplateOf(template)}\``, uriTemplateOf(template));
    t.match(
      resources,
      new RegExp(
        `\\| \`${uriTemplateOf(template).replace(/[{}/.]/g, '\\$&')}\` \\|[^\\n]*\\| \`${template.readBy}\` \\|`,
      ),
    );
  }
  for (const prompt of PROMPTS) {
    const row = resources.split('\n').find((line) => line.startsWith(`| \`${prompt.name}\` |`));
    t.ok(row, `${prompt.name} has a row`);
    for (const argument of prompt.arguments.filter((candidate) => candidate.name !== 'instance'))
      t.match(row, `\`${argument.name}\``, `${prompt.name} documents ${argument.name}`);
    for (const tool of prompt.needs) t.match(row, `\`${tool}\``, `${prompt.name} documents that it needs ${tool}`);
  }
  const completed = new Set(PROMPTS.flatMap((prompt) => prompt.arguments.map((argument) => argument.completes)));
  for (const name of ['project', 'issue_type', 'version', 'transition', 'instance'])
    t.ok(completed.has(name as never) && resources.includes(`| \`${name}\``), `completion of ${name} is documented`);
});

t.test('the favourites section states the limits the code keeps', async (t) => {
  t.equal(FAVOURITES_TTL_MS, 5 * 60_000);
  t.match(resources, 'kept for 5 minutes per Atlassian identity');
  t.equal(FAILED_FAVOURITES_TTL_MS, 60_000);
  t.match(resources, 'asked again after a minute');
  t.match(resources, `at most ${FAVOURITES_PER_INSTANCE} favourites per instance and ${FAVOURITES_LIMIT} in`);
  t.match(resources, `CQL \`${FAVOURITE_PAGES_CQL.replace(/ ORDER BY.*$/, '')}\``);
});

t.test('every JSON snippet in docs/clients.md parses and uses a route the gateway serves', async (t) => {
  const json = docBlocks('docs/clients.md').filter((block) => block.language === 'json');
  t.ok(json.length >= 5);
  for (const block of json) {
    const parsed = JSON.parse(block.text) as unknown;
    for (const [, url] of JSON.stringify(parsed).matchAll(/"url":"([^"]+)"/g))
      t.match(url, /^https?:\/\/[^/]+\/(mcp|sse)$/, `${url} is an MCP endpoint`);
    for (const args of JSON.stringify(parsed).match(/"args":\[[^\]]*\]/g) ?? [])
      t.match(args, /"--transport","stdio"/, 'a client-started gateway speaks stdio');
  }
  for (const client of ['Claude Desktop', 'Claude Code', 'Cursor', 'VS Code', 'Cline', 'MCP Inspector'])
    t.match(clients, `## ${client}`, `${client} has a section`);
});

t.test('the conformance baseline lists only scenarios that need the suite’s fixtures', async (t) => {
  const baseline = parse(readFileSync('scripts/conformance/expected-failures.yaml', 'utf8')) as { server: string[] };
  t.ok(baseline.server.length > 0);
  const passing = ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'resources-list', 'prompts-list'];
  for (const scenario of passing) {
    t.notOk(baseline.server.includes(scenario), `${scenario} must pass`);
    t.match(clients, `\`${scenario}\``, `docs/clients.md says ${scenario} passes`);
  }
});
