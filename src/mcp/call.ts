/**
 * Runs one bound tool: validates the arguments, builds the instance context, calls the handler, turns every
 * failure into an `isError` result that names the instance and the cause, and holds every answer to the
 * catalogue's `answerLimit`. The one home for tool results; nothing here throws to the transport.
 */
import type { CallToolResult, ResourceLink } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { observeCall, type CallObserver } from '../atlassian/call-activity.js';
import { startCallDeadline } from '../atlassian/deadline.js';
import { AtlassianError } from '../atlassian/errors.js';
import { withConversionBudget } from '../atlassian/format/conversion-time.js';
import { readyFor } from '../atlassian/warm-up.js';
import { SharedStateError } from '../state/shared-state.js';
import type { DefaultsHandle, OutputFormat } from '../tools/caller-defaults.js';
import { inputOf, type ToolOutput } from '../tools/define.js';
import { ToolInputError } from '../tools/errors.js';
import { capStructured, capText, howToGetMore } from './answer-limit.js';
import type { BoundTool } from './bound-tool.js';
import type { Catalog } from './catalog.js';
import { noDefaults } from './defaults-store.js';

/** What a call knows of whoever makes it: their defaults (gateway_set_defaults). */
export interface CallSession {
  defaults: DefaultsHandle;
}

const NO_SESSION: CallSession = { defaults: noDefaults('defaults are not kept for calls made inside the gateway') };
import { resourceLinksFor } from './resource-links.js';

/** `observer` hears what the call does upstream while it runs (progress and log notifications, call-reports.ts). */
export async function callBoundTool(
  tool: BoundTool,
  args: unknown,
  catalog: Catalog,
  signal: AbortSignal,
  observer: CallObserver = {},
  session: CallSession = NO_SESSION,
): Promise<CallToolResult> {
  const result = await runBoundTool(tool, args, catalog, signal, observer, session);
  return withinLimit(result, tool, catalog.answerLimit);
}

async function runBoundTool(
  tool: BoundTool,
  args: unknown,
  catalog: Catalog,
  signal: AbortSignal,
  observer: CallObserver,
  session: CallSession,
): Promise<CallToolResult> {
  const parsed = inputOf(tool.spec).safeParse(tool.spec.prepare ? tool.spec.prepare(args ?? {}) : (args ?? {}));
  if (!parsed.success) return errorResult(`Invalid arguments for ${tool.name}: ${describeIssues(parsed.error.issues)}`);
  const where = tool.instance ? ` on instance "${tool.instance.config.name}"` : '';
  const action = tool.spec.action(parsed.data);
  try {
    const loading = readyFor(tool.spec.product);
    if (loading) await loading;
    const output = await runWithinTimeout(tool, parsed.data, catalog, signal, observer, session);
    tool.instance?.record('ok');
    return successResult(
      output,
      catalog.structuredResults,
      resourceLinksFor(tool, output, catalog),
      session.defaults.get().output_format,
    );
  } catch (error) {
    if (error instanceof AtlassianError) {
      tool.instance?.record(error.failure);
      return errorResult(error.describe(action));
    }
    if (error instanceof ToolInputError) return errorResult(`${action}${where}: ${error.message}`);
    if (error instanceof SharedStateError) return errorResult(`${action}: ${error.message}`);
    tool.log.error({ error: error instanceof Error ? error.message : String(error) }, 'tool failed unexpectedly');
    return errorResult(
      `${action} failed${where}: an unexpected error occurred in the gateway (details are in its log).`,
    );
  }
}

/**
 * The instance's `timeout` bounds the whole call: every request the tool makes shares one deadline, whose signal
 * also carries the call's observer to them. The call's text conversions are bounded too (conversion-time.ts).
 * A tool without an instance sends no upstream request.
 */
async function runWithinTimeout(
  tool: BoundTool,
  args: unknown,
  catalog: Catalog,
  signal: AbortSignal,
  observer: CallObserver,
  session: CallSession,
): Promise<ToolOutput> {
  if (!tool.instance) return run(tool, args, catalog, signal, session);
  const deadline = startCallDeadline(tool.instance.config.timeout * 1000, signal);
  try {
    return await withConversionBudget(() =>
      observeCall(deadline.signal, observer, () => run(tool, args, catalog, deadline.signal, session)),
    );
  } finally {
    deadline.end();
  }
}

function run(
  tool: BoundTool,
  args: unknown,
  catalog: Catalog,
  signal: AbortSignal,
  session: CallSession = NO_SESSION,
): Promise<ToolOutput> {
  const { spec, instance } = tool;
  const base = { signal, log: tool.log };
  switch (spec.product) {
    case 'jira':
      return spec.run({ ...base, instance: instance!.view, jira: instance!.jira! }, args);
    case 'confluence':
      return spec.run({ ...base, instance: instance!.view, confluence: instance!.confluence! }, args);
    case 'servicedesk':
      return spec.run({ ...base, instance: instance!.view, serviceDesk: instance!.serviceDesk! }, args);
    case 'gateway':
      return spec.run({ ...base, instances: () => catalog.summaries(), defaults: session.defaults }, args);
  }
}

/**
 * The structured result goes out only when the tool lists an output schema (`output_schemas`): without one, a
 * client has no use for it, and it would more than double what every answer costs to send and to read.
 */
function successResult(
  output: ToolOutput,
  structured: boolean,
  links: readonly ResourceLink[],
  format: OutputFormat = 'markdown',
): CallToolResult {
  // `output_format: json` (gateway_set_defaults): the record the structured result carries, as compact JSON text.
  const text = format === 'json' ? JSON.stringify(output.structured ?? { text: output.text }) : output.text;
  const content: CallToolResult['content'] = [{ type: 'text', text }, ...(output.content ?? []), ...links];
  return structured && output.structured ? { content, structuredContent: output.structured } : { content };
}

/** Cuts the text blocks and trims the structured result of an answer longer than `limit` characters. */
function withinLimit(result: CallToolResult, tool: BoundTool, limit: number): CallToolResult {
  const texts = result.content.filter((block) => block.type === 'text');
  const textLength = texts.reduce((sum, block) => sum + block.text.length, 0);
  const structured =
    result.structuredContent === undefined ? undefined : capStructured(result.structuredContent, limit);
  if (textLength <= limit && !structured?.trimmed) return result;
  const getMore = howToGetMore(tool.definition);
  let room = limit;
  const content = result.content.map((block) => {
    if (block.type !== 'text') return block;
    const capped = capText(block.text, Math.max(room, 0), getMore);
    room -= block.text.length;
    return capped.truncated ? { ...block, text: capped.text } : block;
  });
  if (structured?.trimmed && textLength <= limit) {
    const first = content.findIndex((block) => block.type === 'text');
    const note = `\n\n[Structured result trimmed by the gateway to ${limit} characters (MAX_ANSWER_CHARS). ${getMore}]`;
    if (first >= 0) content[first] = { type: 'text', text: (content[first] as { text: string }).text + note };
  }
  const { structuredContent: _dropped, ...rest } = result;
  if (structured && structured.value === undefined && tool.definition.outputSchema) {
    // The tool promises a structured result (its output schema is listed); without one, the answer cannot stand
    // as a success, so the client gets the text as an error that says why.
    const note = `\n\n[The structured result does not fit in ${limit} characters (MAX_ANSWER_CHARS), so this answer is an error. ${getMore}]`;
    return { ...rest, content: [...content, { type: 'text', text: note.trimStart() }], isError: true };
  }
  return { ...rest, content, ...(structured?.value !== undefined ? { structuredContent: structured.value } : {}) };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** `issue_key: expected an issue key such as PROJ-123; limit: too big` — names every argument at fault. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys')
        return `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      const message = issue.message.endsWith('received undefined') ? 'required' : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
