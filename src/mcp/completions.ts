/**
 * The `completions` capability of one server: values for prompt arguments and resource-template arguments
 * (instances, project keys, space keys, issue types, versions, request transitions), from the caller's own
 * instances, filtered by what was typed so far, at most 100 per answer.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  type CompleteRequestParams,
  type CompleteResult,
  type Server,
} from '@modelcontextprotocol/server';
import type { InstanceRuntime } from '../instances/registry.js';
import type { CatalogAccess } from './catalog-access.js';
import { instancesWith } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { candidates, type CompletionKind } from './completion-sources.js';
import { PROMPTS } from './prompt-library.js';
import { instancesFor } from './prompts.js';
import { RESOURCE_TEMPLATES, uriTemplateOf, type ResourceTemplateInfo } from './resource-uris.js';

/** MCP caps a completion answer at 100 values. */
const MAX_ANSWER = 100;

export function installCompletions(server: Server, catalogs: CatalogAccess): void {
  server.setRequestHandler('completion/complete', (request) =>
    catalogs.use((catalog) => complete(catalog, request.params)),
  );
}

async function complete(catalog: Catalog, params: CompleteRequestParams): Promise<CompleteResult> {
  const { ref, argument, context } = params;
  const given = context?.arguments ?? {};
  const target =
    ref.type === 'ref/prompt'
      ? promptTarget(catalog, ref.name, argument.name)
      : templateTarget(catalog, ref.uri, argument.name);
  const all = await valuesFor(target, given);
  const typed = argument.value.toLowerCase();
  const matching = all.filter((value) => value.toLowerCase().startsWith(typed));
  return {
    completion: {
      values: matching.slice(0, MAX_ANSWER),
      total: matching.length,
      hasMore: matching.length > MAX_ANSWER,
    },
  };
}

interface Target {
  kind: CompletionKind | undefined;
  /** The caller's instances the prompt or template can use, default first. */
  instances: InstanceRuntime[];
}

function promptTarget(catalog: Catalog, name: string, argument: string): Target {
  const prompt = PROMPTS.find((candidate) => candidate.name === name);
  const instances = prompt ? instancesFor(catalog, prompt) : [];
  if (!prompt || instances.length === 0) throw invalid(`Unknown prompt: ${name}`);
  return { kind: prompt.arguments.find((candidate) => candidate.name === argument)?.completes, instances };
}

const TEMPLATE_ARGUMENTS: Readonly<Record<string, CompletionKind>> = {
  'jira/issue/key': 'issue_key',
  'jira/project/key': 'project',
  'confluence/space/key': 'space',
};

function templateTarget(catalog: Catalog, uri: string, argument: string): Target {
  const template: ResourceTemplateInfo | undefined = RESOURCE_TEMPLATES.find(
    (candidate) => uriTemplateOf(candidate) === uri,
  );
  const instances = template ? instancesWith(catalog, template.product, [template.readBy]) : [];
  if (!template || instances.length === 0) throw invalid(`Unknown resource template: ${uri}`);
  const kind =
    argument === 'instance' ? 'instance' : TEMPLATE_ARGUMENTS[`${template.product}/${template.kind}/${argument}`];
  return { kind, instances };
}

async function valuesFor(target: Target, given: Readonly<Record<string, string>>): Promise<string[]> {
  const { kind, instances } = target;
  if (!kind) return [];
  if (kind === 'instance') return instances.map((instance) => instance.config.name);
  const instance = given.instance
    ? instances.find((candidate) => candidate.config.name === given.instance)
    : instances[0];
  return instance ? candidates(instance, kind, given) : [];
}

function invalid(message: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
}
