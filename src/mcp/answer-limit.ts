/**
 * The ceiling on what one tool call answers with (`max_answer_chars`): the text is cut with a note saying so and
 * how to ask for less, and the structured result is trimmed (long strings shortened, long lists cut) to the same
 * size, so one huge issue, page or list cannot fill a model's context or the gateway's memory.
 */
import type { Tool } from '@modelcontextprotocol/server';

/** Arguments that choose how much comes back or where the next page starts. */
const PAGING_ARGUMENT = /^(limit|[a-z]+_limit|max_results|page_token|start_at|start|cursor|offset)$/;

/** Strings shorter than this are never shortened: ids, keys, names, URLs and paging tokens stay whole. */
const KEEP_STRINGS_UNDER = 1_000;

/**
 * What the note tells a model to do to get the rest: the paging arguments the tool lists (for its instance's
 * platform), or a generic sentence.
 */
export function howToGetMore(definition: Pick<Tool, 'inputSchema'>): string {
  const paging = Object.keys(definition.inputSchema.properties ?? {}).filter((key) => PAGING_ARGUMENT.test(key));
  const named = paging.map((key) => `\`${key}\``).join(', ');
  if (paging.length) return `Ask for less at a time: use ${named} to get a smaller part or the next page.`;
  return 'Ask for less at a time: narrow the request (fewer items or fields, a smaller part).';
}

/** Cuts `text` near `limit` (at a line break when one is close) and says so; unchanged when it fits. */
export function capText(text: string, limit: number, getMore: string): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const lineBreak = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, lineBreak > limit * 0.9 ? lineBreak : limit);
  const shown = `showing the first ${kept.length} of ${text.length} characters (MAX_ANSWER_CHARS)`;
  const note = `\n\n[Answer truncated by the gateway: ${shown}. ${getMore}]`;
  return { text: kept + note, truncated: true };
}

/**
 * `value` as is when its JSON fits in `limit` characters; otherwise a copy with long strings shortened and long
 * lists cut, shrinking harder until it fits; `undefined` when nothing that fits is left.
 */
export function capStructured<T>(value: T, limit: number): { value: T | undefined; trimmed: boolean } {
  const size = JSON.stringify(value).length;
  if (size <= limit) return { value, trimmed: false };
  let ratio = (limit / size) * 0.9;
  for (let round = 0; round < 8; round++, ratio /= 4) {
    const candidate = shrink(value, ratio) as T;
    if (JSON.stringify(candidate).length <= limit) return { value: candidate, trimmed: true };
  }
  return { value: undefined, trimmed: true };
}

function shrink(value: unknown, ratio: number): unknown {
  if (typeof value === 'string') {
    return value.length < KEEP_STRINGS_UNDER
      ? value
      : `${value.slice(0, Math.max(KEEP_STRINGS_UNDER, Math.floor(value.length * ratio)))}…`;
  }
  if (Array.isArray(value))
    return value.slice(0, Math.max(1, Math.floor(value.length * ratio))).map((item) => shrink(item, ratio));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, ratio)]));
}
