/** `gateway_list_instances`: which instances this gateway reaches, so a model can tell prod from staging. */
import { z } from 'zod';
import { describeDefaults } from '../caller-defaults.js';
import { defineGatewayTool } from '../define.js';

export const listInstances = defineGatewayTool({
  name: 'list_instances',
  title: 'List Atlassian instances',
  toolset: 'gateway',
  access: 'read',
  description:
    'List the Jira and Confluence instances this gateway serves: name, product, platform, URL, read-only, tool prefix, tool count, and for Jira whether Service Management is available; and your defaults (gateway_set_defaults).',
  input: () => z.strictObject({}),
  output: () =>
    z.object({
      instances: z.array(
        z.object({
          name: z.string(),
          product: z.string(),
          platform: z.string(),
          url: z.string(),
          default: z.boolean(),
          read_only: z.boolean(),
          tools: z.number(),
          tool_prefix: z.string(),
          status: z.string(),
          servicedesk: z.string().optional(),
        }),
      ),
      defaults: z.record(z.string(), z.unknown()).optional(),
    }),
  action: () => 'List instances',
  run: async ({ instances, defaults }) => {
    const list = instances();
    const mine = defaults.unavailable ? [] : describeDefaults(defaults.get());
    const lines = list.map(
      (item) =>
        `- **${item.name}** (${item.product}, ${item.platform}${item.default ? ', default' : ''}${item.read_only ? ', read-only' : ''}): ${item.url} — tools ${item.tool_prefix}* (${item.tools}), status ${item.status}${item.servicedesk ? `, Service Management ${item.servicedesk}` : ''}`,
    );
    const text = list.length ? lines.join('\n') : 'No instances are configured.';
    return {
      text: mine.length ? `${text}\n\nYour defaults:\n${mine.join('\n')}` : text,
      structured: { instances: list, ...(mine.length ? { defaults: defaults.get() } : {}) },
    };
  },
});
