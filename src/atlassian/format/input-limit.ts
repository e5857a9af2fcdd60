/**
 * How much text one conversion may work on. A reader never needs more than a tool answer can hold, and some
 * conversions grow faster than the text (jira2md's inline rules are quadratic on unclosed markers): without a cap,
 * one multi-megabyte comment holds the event loop for seconds and every other caller waits. Texts over the cap are
 * cut before converting, and the output says so.
 */

/** Longest text (characters, or ADF text plus one per node) handed to one conversion. */
export const MAX_CONVERTED_CHARS = 100_000;

/** The slice of a long text that is converted, and the note that goes after the converted output. */
export interface CutText {
  text: string;
  /** Empty when nothing was cut. */
  note: string;
}

/** Cuts `text` to `limit` characters (at a line break when one is close) before it is converted. */
export function cutForConversion(text: string, limit = MAX_CONVERTED_CHARS): CutText {
  if (text.length <= limit) return { text, note: '' };
  const lineBreak = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, lineBreak > limit * 0.9 ? lineBreak : limit);
  return { text: kept, note: cutNote(kept.length, text.length) };
}

/** The visible note for a text of `total` characters of which the first `kept` were converted. */
export function cutNote(kept: number, total: number): string {
  return `\n\n[… text cut before conversion: the first ${kept} of ${total} characters are shown]`;
}

/**
 * Splits `text` into pieces of at most `size` characters at paragraph breaks, else line breaks, else spaces, so a
 * conversion whose cost grows faster than its input does bounded work per piece. `\u0000n\u0000` placeholders
 * are never split.
 */
export function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    let cut = Math.max(window.lastIndexOf('\n\n'), -1);
    if (cut < size / 2) cut = window.lastIndexOf('\n');
    if (cut < size / 2) cut = window.lastIndexOf(' ');
    if (cut < size / 2) {
      cut = size;
      // eslint-disable-next-line no-control-regex -- NUL marks placeholders; no text a person writes contains it
      const opened = (window.match(/\u0000/g)?.length ?? 0) % 2 === 1;
      if (opened) cut = window.lastIndexOf('\u0000');
    }
    if (cut <= 0) cut = size;
    result.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  result.push(rest);
  return result;
}
