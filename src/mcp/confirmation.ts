/**
 * `confirm_destructive`: on such an instance a destructive tool (destructiveHint) runs only once its user agreed.
 * A client that declared form elicitation is asked (an `input_required` result on 2026-07-28, which the SDK turns
 * into an `elicitation/create` request on 2025-era connections); any other client must pass `confirm: true`, which
 * those tools list only on such instances. Declined, cancelled or missing: an error result, and nothing is sent.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  acceptedContent,
  inputRequired,
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
  type Server,
  type ServerContext,
  type Tool,
  type ToolAnnotations,
} from '@modelcontextprotocol/server';
import { inputOf } from '../tools/define.js';
import type { BoundTool } from './bound-tool.js';
import { errorResult } from './call.js';

const CONFIRM = 'confirm';

/** Whether calls of this bound tool wait for a confirmation. */
export function needsConfirmation(tool: {
  instance?: BoundTool['instance'];
  definition: { annotations?: ToolAnnotations };
}): boolean {
  const hints = tool.definition.annotations ?? {};
  const destructive = !hints.readOnlyHint && (hints.destructiveHint ?? true);
  return destructive && tool.instance?.config.confirm_destructive === true;
}

/** The input schema with the `confirm` argument, for tools that need confirmation on their instance. */
export function withConfirmArgument(schema: Tool['inputSchema']): Tool['inputSchema'] {
  const confirm = {
    type: 'boolean',
    description:
      'This instance asks before destructive changes: pass true once the user agreed, unless the client asks them itself',
  };
  return { ...schema, properties: { ...schema.properties, [CONFIRM]: confirm } };
}

export type Confirmation = { args: Record<string, unknown> } | { answer: CallToolResult | InputRequiredResult };

/** Lets the call go ahead (without `confirm`), or answers it: a question for the user, or why nothing happened. */
export function confirmCall(
  tool: BoundTool,
  args: Record<string, unknown>,
  context: ServerContext,
  server: Server,
): Confirmation {
  // Elsewhere `confirm` is no argument, and the tool refuses it as unknown.
  if (!needsConfirmation(tool)) return { args };
  const { [CONFIRM]: confirmed, ...rest } = args;
  if (confirmed === true) return { args: rest };
  const parsed = inputOf(tool.spec).safeParse(tool.spec.prepare ? tool.spec.prepare(rest) : rest);
  // Invalid arguments are reported by the call itself, which sends nothing either.
  if (!parsed.success) return { args: rest };
  const instance = tool.instance!.config;
  const action = tool.spec.action(parsed.data);
  const where = `on instance "${instance.name}" (${instance.url})`;
  if (!canAskForm(context, server)) {
    return {
      answer: errorResult(
        `${action} ${where} needs confirmation: this instance asks before destructive changes, and this client cannot ask its user. Nothing was changed. Ask the user, then call again with confirm: true.`,
      ),
    };
  }
  const responses = context.mcpReq.inputResponses;
  if (responses && CONFIRM in responses) {
    const content = acceptedContent(responses, CONFIRM);
    if (content?.[CONFIRM] === true) return { args: rest };
    return { answer: errorResult(`${action} ${where} was not confirmed by the user: nothing was changed.`) };
  }
  return {
    answer: inputRequired({
      inputRequests: {
        [CONFIRM]: inputRequired.elicit({
          mode: 'form',
          message: `${action} ${where}? This changes or removes existing data.`,
          requestedSchema: {
            type: 'object',
            properties: { [CONFIRM]: { type: 'boolean', title: `Yes: ${action}` } },
            required: [CONFIRM],
          },
        }),
      },
    }),
  };
}

/** Whether the client declared form elicitation: on the request (2026-07-28) or at initialize (2025 era). */
function canAskForm(context: ServerContext, server: Server): boolean {
  const envelope = context.mcpReq.envelope as Record<string, unknown> | undefined;
  const capabilities =
    (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? server.getClientCapabilities();
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  if (!elicitation) return false;
  return 'form' in elicitation || !('url' in elicitation);
}
