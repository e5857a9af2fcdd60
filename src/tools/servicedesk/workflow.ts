/** Service Management `workflow` toolset: the transitions a request offers and moving it along one, with a comment. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { requestKey } from './params.js';

export const getRequestTransitions = defineServiceDeskTool({
  name: 'get_request_transitions',
  title: 'Get request transitions',
  toolset: 'workflow',
  access: 'read',
  description: 'List the transitions the account may perform on a request now (as the portal offers them).',
  input: () => z.strictObject({ request_key: requestKey }),
  action: (args) => `Get transitions of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const transitions = (await serviceDesk.getTransitions(args.request_key, signal)).map((transition) => ({
      id: String(transition.id),
      name: transition.name,
    }));
    const lines = transitions.map((transition) => `- ${transition.name} (id ${transition.id})`);
    return {
      text: transitions.length
        ? `Transitions of ${args.request_key}:\n${lines.join('\n')}`
        : `${args.request_key} offers no transitions to this account.`,
      structured: { request_key: args.request_key, transitions },
    };
  },
});

export const transitionRequest = defineServiceDeskTool({
  name: 'transition_request',
  title: 'Transition a service request',
  toolset: 'workflow',
  access: 'destructive',
  description:
    'Move a request along one of its transitions (by id or name, see get_request_transitions), optionally with a comment in markdown.',
  input: () =>
    z.strictObject({
      request_key: requestKey,
      transition: z.string().trim().min(1).max(255).describe('Transition id or name, e.g. "Resolve this issue"'),
      comment: z.string().max(32_000).optional().describe('Markdown comment added with the transition'),
    }),
  action: (args) => `Transition ${args.request_key} (${args.transition})`,
  run: async ({ serviceDesk, signal }, args) => {
    const available = await serviceDesk.getTransitions(args.request_key, signal);
    const wanted = args.transition.toLowerCase();
    const chosen =
      available.find((transition) => String(transition.id) === args.transition) ??
      available.find((transition) => transition.name.toLowerCase() === wanted);
    if (!chosen) {
      throw new ToolInputError(
        `no transition "${args.transition}"; available: ${available.map((transition) => `${transition.name} (id ${transition.id})`).join(', ') || 'none'}`,
      );
    }
    await serviceDesk.transition(args.request_key, String(chosen.id), args.comment, signal);
    return {
      text: `Moved ${args.request_key} with "${chosen.name}"${args.comment ? ' and added the comment' : ''}.`,
      structured: { request_key: args.request_key, transition: chosen.name, transition_id: String(chosen.id) },
    };
  },
});
