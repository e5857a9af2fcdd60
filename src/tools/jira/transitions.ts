/** Jira `transitions` toolset: list the workflow moves an issue allows, and make one (by id or by name). */
import { z } from 'zod';
import type { RawTransition } from '../../atlassian/jira/answer-shapes.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey } from '../params.js';

const transitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  to_status: z.string().nullable(),
  required_fields: z.array(z.object({ id: z.string(), name: z.string(), allowed_values: z.array(z.string()) })),
});

export const getTransitions = defineJiraTool({
  name: 'get_transitions',
  title: 'Get Jira transitions',
  toolset: 'transitions',
  inDefaultSet: true,
  access: 'read',
  description: 'List the transitions an issue can take now, with the status each leads to and the fields it requires.',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () => z.object({ issue_key: z.string(), transitions: z.array(transitionSchema) }),
  action: (args) => `Get transitions of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const transitions = (await jira.getTransitions(key, signal)).map(toRecord);
    const lines = transitions.map(
      (transition) =>
        `- ${transition.name} (id ${transition.id}) → ${transition.to_status ?? '?'}${transition.required_fields.length ? `; requires ${transition.required_fields.map((field) => describeField(field)).join(', ')}` : ''}`,
    );
    return {
      text: transitions.length
        ? `Transitions for ${key}:\n${lines.join('\n')}`
        : `${key} has no transitions available to this account.`,
      structured: { issue_key: key, transitions },
    };
  },
});

export const transitionIssue = defineJiraTool({
  name: 'transition_issue',
  title: 'Transition Jira issue',
  toolset: 'transitions',
  inDefaultSet: true,
  access: 'destructive',
  description:
    'Move an issue through its workflow. `transition` is a transition id, its name, or the target status name; pass required fields in `fields` and an optional markdown comment.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      transition: z.string().trim().min(1).optional().describe('Transition id or name, or target status, e.g. "Done"'),
      transition_id: z.string().trim().min(1).optional().describe('Alias of transition'),
      fields: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('Fields the transition requires, e.g. {"resolution": {"name": "Done"}}'),
      comment: z.string().optional().describe('Markdown comment added with the transition'),
    }),
  output: () => z.object({ issue_key: z.string(), transition: z.string(), to_status: z.string().nullable() }),
  action: (args) => `Transition ${args.issue_key} (${args.transition ?? args.transition_id ?? '?'})`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const requested = requestedTransition(args);
    const available = (await jira.getTransitions(key, signal)).map(toRecord);
    const wanted = requested.toLowerCase();
    const chosen =
      available.find((transition) => transition.id === requested) ??
      available.find(
        (transition) => transition.name.toLowerCase() === wanted || transition.to_status?.toLowerCase() === wanted,
      );
    if (!chosen) {
      throw new ToolInputError(
        `no transition "${requested}" from the current status; available: ${available.map((transition) => `${transition.name} (id ${transition.id})`).join(', ') || 'none'}`,
      );
    }
    const missing = chosen.required_fields.filter((field) => args.fields?.[field.id] === undefined);
    if (missing.length > 0)
      throw new ToolInputError(
        `transition "${chosen.name}" requires ${missing.map(describeField).join(', ')}; pass them in fields`,
      );
    await jira.transitionIssue(key, { transitionId: chosen.id, fields: args.fields, comment: args.comment }, signal);
    return {
      text: `Moved ${key} with "${chosen.name}" to ${chosen.to_status ?? 'its next status'}${args.comment ? ' and added the comment' : ''}.`,
      structured: { issue_key: key, transition: chosen.name, to_status: chosen.to_status },
    };
  },
});

/** `transition`, or `transition_id` as other Atlassian servers call it (an id or, here too, a name). */
function requestedTransition(args: { transition?: string; transition_id?: string }): string {
  if (args.transition && args.transition_id && args.transition !== args.transition_id) {
    throw new ToolInputError(
      `transition "${args.transition}" and transition_id "${args.transition_id}" disagree; pass one of them`,
    );
  }
  const requested = args.transition ?? args.transition_id;
  if (!requested)
    throw new ToolInputError('pass transition: a transition id or name, or the target status (see get_transitions)');
  return requested;
}

function toRecord(transition: RawTransition): z.infer<typeof transitionSchema> {
  return {
    id: String(transition.id),
    name: transition.name,
    to_status: transition.to?.name ?? null,
    required_fields: Object.entries(transition.fields ?? {})
      .filter(([, field]) => field.required)
      .map(([id, field]) => ({
        id,
        name: field.name ?? id,
        allowed_values: (field.allowedValues ?? [])
          .map((value) => value.name ?? value.value ?? value.id ?? '')
          .filter(Boolean),
      })),
  };
}

function describeField(field: { id: string; name: string; allowed_values: string[] }): string {
  return `${field.name} (${field.id}${field.allowed_values.length ? `: one of ${field.allowed_values.join(', ')}` : ''})`;
}
