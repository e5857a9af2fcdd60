/**
 * The lexer of the sandbox's JQL and CQL reader: strings in either quote kind with backslash escapes (also inside
 * bare words, as Jira's lexer allows), parentheses, commas, operators and bare words.
 */

/** A query the products would refuse (they answer HTTP 400). */
export class QuerySyntaxError extends Error {}

export type Lexeme = { type: 'string' | 'word' | '(' | ')' | ',' | 'op'; value: string };

const OPERATORS = ['!=', '!~', '>=', '<=', '&&', '||', '=', '~', '>', '<', '&', '|', '!'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

/** The lexemes of a query, in order; throws `QuerySyntaxError` on an unterminated string or a bad escape. */
export function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let index = 0;
  const escaped = () => {
    const next = text[index + 1];
    if (next === undefined) throw new QuerySyntaxError('the query ends with a backslash');
    if (next === 'u') {
      const hex = text.slice(index + 2, index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new QuerySyntaxError(`bad unicode escape at ${index + 1}`);
      index += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    index += 2;
    return ESCAPES[next] ?? next;
  };
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"' || char === "'") {
      let value = '';
      index++;
      while (text[index] !== char) {
        if (index >= text.length) throw new QuerySyntaxError(`unterminated string`);
        if (text[index] === '\\') value += escaped();
        else value += text[index++];
      }
      index++;
      lexemes.push({ type: 'string', value });
    } else if ('(),'.includes(char)) {
      lexemes.push({ type: char as '(' | ')' | ',', value: char });
      index++;
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
      if (operator) {
        lexemes.push({ type: 'op', value: operator });
        index += operator.length;
        continue;
      }
      let value = '';
      while (index < text.length && !/[\s"'(),=!~<>&|]/.test(text[index]!)) {
        if (text[index] === '\\') value += escaped();
        else value += text[index++];
      }
      lexemes.push({ type: 'word', value });
    }
  }
  return lexemes;
}
