/**
 * The sandbox's reading of JQL and CQL, written apart from the gateway's own tokenizer so tests can tell when the
 * two disagree. It follows the products' grammar where structure is decided: strings in either quote kind with
 * backslash escapes (escapes also inside bare words, as Jira's lexer allows), parentheses, `,`, AND/`&&`/`&`
 * above OR/`||`/`|` (AND binds tighter), NOT/`!`, `IN`/`NOT IN` lists, `IS [NOT] EMPTY`, function calls, and
 * one trailing ORDER BY. A query it cannot parse is a syntax error, as the products answer with HTTP 400.
 */

export class QuerySyntaxError extends Error {}

export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'clause'; field: string; operator: string; values: string[] };

export interface ParsedQuery {
  where: QueryNode | null;
  orderBy: Array<{ field: string; direction: 'asc' | 'desc' }>;
}

type Lexeme = { type: 'string' | 'word' | '(' | ')' | ',' | 'op'; value: string };

const OPERATORS = ['!=', '!~', '>=', '<=', '&&', '||', '=', '~', '>', '<', '&', '|', '!'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
const RESERVED = ['and', 'or', 'not', 'order', 'in', 'is'];

function lex(text: string): Lexeme[] {
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

/** Parses a whole query; throws `QuerySyntaxError` where the product would refuse it. */
export function parseQuery(text: string): ParsedQuery {
  const lexemes = lex(text);
  let position = 0;
  const peek = () => lexemes[position];
  const isWord = (word: string, offset = 0) => {
    const lexeme = lexemes[position + offset];
    return lexeme?.type === 'word' && lexeme.value.toLowerCase() === word;
  };
  const expect = (type: Lexeme['type']) => {
    const lexeme = lexemes[position++];
    if (lexeme?.type !== type) throw new QuerySyntaxError(`expected ${type} but found ${lexeme ? `"${lexeme.value}"` : 'the end'}`);
    return lexeme;
  };
  const atOrderBy = () => isWord('order') && isWord('by', 1);
  const isAnd = () => isWord('and') || (peek()?.type === 'op' && ['&&', '&'].includes(peek()!.value));
  const isOr = () => isWord('or') || (peek()?.type === 'op' && ['||', '|'].includes(peek()!.value));

  const or = (): QueryNode => {
    let node = and();
    while (isOr()) {
      position++;
      node = { kind: 'or', left: node, right: and() };
    }
    return node;
  };
  const and = (): QueryNode => {
    let node = not();
    while (isAnd()) {
      position++;
      node = { kind: 'and', left: node, right: not() };
    }
    return node;
  };
  const not = (): QueryNode => {
    if (isWord('not') || (peek()?.type === 'op' && peek()!.value === '!')) {
      position++;
      return { kind: 'not', operand: not() };
    }
    if (peek()?.type === '(') {
      position++;
      const inner = or();
      expect(')');
      return inner;
    }
    return clause();
  };
  const operand = (): string => {
    const lexeme = peek();
    if (lexeme?.type !== 'word' && lexeme?.type !== 'string') {
      throw new QuerySyntaxError(`expected a value but found ${lexeme ? `"${lexeme.value}"` : 'the end'}`);
    }
    const reserved = lexeme.type === 'word' && RESERVED.includes(lexeme.value.toLowerCase());
    if (reserved) throw new QuerySyntaxError(`"${lexeme.value}" is a reserved word`);
    position++;
    if (lexeme.type === 'word' && peek()?.type === '(') {
      // A function call such as currentUser() or now("-4w"): its arguments are read and kept in its name.
      position++;
      const args: string[] = [];
      while (peek()?.type !== ')') {
        args.push(operand());
        if (peek()?.type === ',') position++;
        else break;
      }
      expect(')');
      return `${lexeme.value}(${args.join(',')})`;
    }
    return lexeme.value;
  };
  const list = (): string[] => {
    expect('(');
    const values = [operand()];
    while (peek()?.type === ',') {
      position++;
      values.push(operand());
    }
    expect(')');
    return values;
  };
  const clause = (): QueryNode => {
    const field = operand();
    if (isWord('in')) {
      position++;
      return { kind: 'clause', field, operator: 'in', values: peek()?.type === '(' ? list() : [operand()] };
    }
    if (isWord('not') && isWord('in', 1)) {
      position += 2;
      return { kind: 'clause', field, operator: 'not in', values: peek()?.type === '(' ? list() : [operand()] };
    }
    if (isWord('is')) {
      position++;
      const negated = isWord('not');
      if (negated) position++;
      const value = expect('word').value.toLowerCase();
      if (value !== 'empty' && value !== 'null') throw new QuerySyntaxError(`IS must be followed by EMPTY or NULL`);
      return { kind: 'clause', field, operator: negated ? 'is not' : 'is', values: [] };
    }
    const operator = expect('op').value;
    if (['&&', '&', '||', '|', '!'].includes(operator)) throw new QuerySyntaxError(`expected an operator after ${field}`);
    return { kind: 'clause', field, operator, values: [operand()] };
  };

  const where = peek() && !atOrderBy() ? or() : null;
  const orderBy: ParsedQuery['orderBy'] = [];
  if (atOrderBy()) {
    position += 2;
    do {
      if (peek()?.type === ',') position++;
      const field = peek();
      if (field?.type !== 'word' && field?.type !== 'string') throw new QuerySyntaxError('ORDER BY needs a field');
      position++;
      const direction = isWord('asc') || isWord('desc') ? (lexemes[position++]!.value.toLowerCase() as 'asc' | 'desc') : 'asc';
      orderBy.push({ field: field.value, direction });
    } while (peek()?.type === ',');
  }
  if (position < lexemes.length) throw new QuerySyntaxError(`unexpected "${lexemes[position]!.value}"`);
  return { where, orderBy };
}

/**
 * Evaluates a parsed condition. `clause` answers one `field op values` test, or `undefined` for a field the
 * sandbox does not model (such a clause matches everything, and so does its negation).
 */
export function evaluate(node: QueryNode | null, clause: (node: Extract<QueryNode, { kind: 'clause' }>) => boolean | undefined): boolean {
  const visit = (current: QueryNode): boolean | undefined => {
    switch (current.kind) {
      case 'and':
        return (visit(current.left) ?? true) && (visit(current.right) ?? true);
      case 'or':
        return (visit(current.left) ?? true) || (visit(current.right) ?? true);
      case 'not': {
        const inner = visit(current.operand);
        return inner === undefined ? undefined : !inner;
      }
      case 'clause':
        return clause(current);
    }
  };
  return node === null ? true : (visit(node) ?? true);
}
