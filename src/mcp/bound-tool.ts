/** A tool spec bound to one instance (or to none, for gateway tools): what the catalogue holds and a call runs. */
import type { Tool } from '@modelcontextprotocol/server';
import type { InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import type { ToolSpec } from '../tools/define.js';

export interface BoundTool {
  name: string;
  spec: ToolSpec;
  /** The instance the tool talks to; absent for gateway tools. */
  instance?: InstanceRuntime;
  /** The `tools/list` entry, built once. */
  definition: Tool;
  /** A child logger naming the tool and its instance, built once. */
  log: Logger;
}

/** What a `tools/call` runs, with the arguments the tool itself takes; or why the call cannot be routed. */
export type ToolCallTarget = { tool: BoundTool; args: unknown } | { error: string };

/** What tells instances apart, in the words both naming modes use to describe them. */
export function instanceTraits({ config, view }: InstanceRuntime) {
  return {
    name: config.name,
    product: config.product === 'jira' ? 'Jira' : 'Confluence',
    platform: config.platform === 'cloud' ? 'Cloud' : 'Server/DC',
    url: config.url,
    flags: [config.isDefault ? 'default' : '', view.readOnly ? 'read-only' : ''].filter(Boolean).join(', '),
    about: config.description ?? '',
  };
}
