/**
 * `gateway_set_defaults`: a caller tells a shared gateway who they are and what they usually work on, once, instead
 * of in every call. The values fill omitted arguments of every tool (mcp/apply-defaults.ts) for this caller only.
 */
import type { Product } from '../../config/schema.js';
import {
  defaultsArguments,
  describeDefaults,
  type CallerDefaults,
  type DefaultsArguments,
  snakeCaseArguments,
} from '../caller-defaults.js';
import { defineGatewayTool, type InstanceSummary } from '../define.js';
import { ToolInputError } from '../errors.js';

export const setDefaults = defineGatewayTool({
  name: 'set_defaults',
  title: 'Set your defaults',
  toolset: 'gateway',
  access: 'read',
  description:
    'Remember defaults for your later calls (this connection or API key): they fill omitted project, space, desk and instance arguments. show: true prints them, reset: true clears them.',
  input: () => defaultsArguments,
  prepare: snakeCaseArguments,
  action: (args) => (args.show ? 'Show defaults' : 'Set defaults'),
  run: async ({ defaults, instances }, args) => {
    if (defaults.unavailable) throw new ToolInputError(defaults.unavailable);
    const changes = changesOf(args, instances());
    if (!args.show) {
      if (args.reset) await defaults.reset();
      if (Object.keys(changes).length > 0) {
        const before = defaults.get();
        const instance = { ...before.instance, ...changes.instance };
        await defaults.set({ ...before, ...changes, ...(Object.keys(instance).length ? { instance } : {}) });
      }
    }
    const current = defaults.get();
    const lines = describeDefaults(current);
    const heading = args.show
      ? 'Your defaults'
      : args.reset && !Object.keys(changes).length
        ? 'Defaults cleared'
        : 'Defaults set';
    return {
      text: `${heading}${lines.length ? `:\n${lines.join('\n')}` : ': none.'}`,
      structured: { defaults: current },
    };
  },
});

/** The values given, with instance names checked against the instances this caller sees. */
function changesOf(args: DefaultsArguments, known: readonly InstanceSummary[]): CallerDefaults {
  const { show: _show, reset: _reset, instance, ...values } = args;
  const changes: CallerDefaults = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  if (instance === undefined) return changes;
  const byProduct: Partial<Record<Product, string>> = {};
  for (const name of Array.isArray(instance) ? instance : [instance]) {
    const found = known.find((candidate) => candidate.name === name);
    if (!found) {
      const names = known.map((candidate) => candidate.name).join(', ') || 'none';
      throw new ToolInputError(`instance: unknown instance "${name}", expected one of ${names}`);
    }
    if (byProduct[found.product])
      throw new ToolInputError(`instance: two ${found.product} instances given; name one per product`);
    byProduct[found.product] = found.name;
  }
  return { ...changes, instance: byProduct };
}
