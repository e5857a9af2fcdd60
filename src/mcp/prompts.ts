/**
 * The `prompts` capability of one server: the prompts of prompt-library.ts that some instance of the caller's
 * catalogue has the tools for, filled in with the tool names that instance's tools carry.
 */
import { ProtocolError, ProtocolErrorCode, type Prompt, type Server } from '@modelcontextprotocol/server';
import type { InstanceRuntime } from '../instances/registry.js';
import type { CatalogAccess } from './catalog-access.js';
import { findTool, instancesWith, mention } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { PROMPTS, type PromptDefinition, type ToolMention } from './prompt-library.js';

const offers = new WeakMap<Catalog, { offered: PromptDefinition[]; listing: Prompt[] }>();

/** The prompts a catalogue offers and their `prompts/list` entries, worked out once per catalogue. */
export function offerOf(catalog: Catalog): { offered: PromptDefinition[]; listing: Prompt[] } {
  let offer = offers.get(catalog);
  if (!offer) {
    const offered = PROMPTS.filter((prompt) => instancesFor(catalog, prompt).length > 0);
    offer = { offered, listing: offered.map(listingOf) };
    offers.set(catalog, offer);
  }
  return offer;
}

function listingOf(prompt: PromptDefinition): Prompt {
  return {
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: prompt.arguments.map(({ name, description, required }) => ({
      name,
      description,
      ...(required ? { required: true } : {}),
    })),
  };
}

export function installPrompts(server: Server, catalogs: CatalogAccess): void {
  server.setRequestHandler('prompts/list', () => ({ prompts: offerOf(catalogs.now()).listing }));
  server.setRequestHandler('prompts/get', (request) => {
    const catalog = catalogs.now();
    const { offered } = offerOf(catalog);
    const prompt = offered.find((candidate) => candidate.name === request.params.name);
    if (!prompt) throw invalid(`Unknown prompt: ${request.params.name}`);
    const args = request.params.arguments ?? {};
    const missing = prompt.arguments.filter((argument) => argument.required && !args[argument.name]?.trim());
    if (missing.length)
      throw invalid(`Prompt ${prompt.name} needs ${missing.map((argument) => argument.name).join(', ')}`);
    const instance = chooseInstance(catalog, prompt, args.instance);
    const name = instance.config.name;
    const tool = Object.assign(
      (spec: string) => {
        const bound = findTool(catalog, prompt.product, name, spec);
        return bound ? mention(catalog, bound) : `\`${spec}\``;
      },
      { has: (spec: string) => Boolean(findTool(catalog, prompt.product, name, spec)) },
    ) satisfies ToolMention;
    const text = prompt.text(tool, args, name);
    if (typeof text !== 'string') throw invalid(`Prompt ${prompt.name}: ${text.missing}`);
    return {
      description: prompt.description,
      messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }],
    };
  });
}

/** The caller's instances with every tool the prompt needs, default first. */
export function instancesFor(catalog: Catalog, prompt: PromptDefinition): InstanceRuntime[] {
  return instancesWith(catalog, prompt.product, prompt.needs);
}

function chooseInstance(catalog: Catalog, prompt: PromptDefinition, named: string | undefined): InstanceRuntime {
  const instances = instancesFor(catalog, prompt);
  if (!named?.trim()) return instances[0]!;
  const instance = instances.find((candidate) => candidate.config.name === named.trim());
  if (!instance)
    throw invalid(
      `Instance "${named}" cannot run prompt ${prompt.name}; these can: ${instances.map((candidate) => candidate.config.name).join(', ')}`,
    );
  return instance;
}

function invalid(message: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
}
