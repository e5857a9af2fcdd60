/**
 * The sandbox's reading of JQL and CQL, written apart from the gateway's own tokenizer so tests can tell when the
 * two disagree. It follows the products' grammar where structure is decided: strings in either quote kind with
 * backslash escapes (escapes also inside bare words, as Jira's lexer allows), parentheses, `,`, AND/`&&`/`&`
 * above OR/`||`/`|` (AND binds tighter), NOT/`!`, `IN`/`NOT IN` lists, `IS [NOT] EMPTY`, function calls, and
 * one trailing ORDER BY. A query it cannot parse is a syntax error, as the products answer with HTTP 400.
 */
import { lex, QuerySyntaxError, type Lexeme } from './query-lexer.js';

export { QuerySyntaxError } from './query-lexer.js';

export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'clause'; field: string; operator: string; values: string[] };

export interface ParsedQuery {
  where: QueryNode | null;
  orderBy: Array<{ field: string; direction: 'asc' | 'desc' }>;
}

const RESERVED = ['and', 'or', 'not', 'order', 'in', 'is'];

/** Parses a whole query; throws `QuerySyntaxError` where the product would refuse it. */
export function parseQuery(text: string): ParsedQuery {
  return new QueryParser(lex(text)).parse();
}

/** A recursive descent over the lexemes: OR of ANDs of (NOT) terms, a term being a clause or a parenthesised query. */
class QueryParser {
  private position = 0;

  constructor(private readonly lexemes: readonly Lexeme[]) {}

  parse(): ParsedQuery {
    const where = this.peek() && !this.atOrderBy() ? this.or() : null;
    const orderBy = this.atOrderBy() ? this.orderBy() : [];
    if (this.position < this.lexemes.length)
      throw new QuerySyntaxError(`unexpected "${this.lexemes[this.position]!.value}"`);
    return { where, orderBy };
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.position];
  }

  private isWord(word: string, offset = 0): boolean {
    const lexeme = this.lexemes[this.position + offset];
    return lexeme?.type === 'word' && lexeme.value.toLowerCase() === word;
  }

  private isOperator(...values: string[]): boolean {
    const lexeme = this.peek();
    return lexeme?.type === 'op' && values.includes(lexeme.value);
  }

  private expect(type: Lexeme['type']): Lexeme {
    const lexeme = this.lexemes[this.position++];
    if (lexeme?.type !== type)
      throw new QuerySyntaxError(`expected ${type} but found ${lexeme ? `"${lexeme.value}"` : 'the end'}`);
    return lexeme;
  }

  private atOrderBy(): boolean {
    return this.isWord('order') && this.isWord('by', 1);
  }

  private or(): QueryNode {
    let node = this.and();
    while (this.isWord('or') || this.isOperator('||', '|')) {
      this.position++;
      node = { kind: 'or', left: node, right: this.and() };
    }
    return node;
  }

  private and(): QueryNode {
    let node = this.not();
    while (this.isWord('and') || this.isOperator('&&', '&')) {
      this.position++;
      node = { kind: 'and', left: node, right: this.not() };
    }
    return node;
  }

  private not(): QueryNode {
    if (this.isWord('not') || this.isOperator('!')) {
      this.position++;
      return { kind: 'not', operand: this.not() };
    }
    if (this.peek()?.type === '(') {
      this.position++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.clause();
  }

  private operand(): string {
    const lexeme = this.peek();
    if (lexeme?.type !== 'word' && lexeme?.type !== 'string') {
      throw new QuerySyntaxError(`expected a value but found ${lexeme ? `"${lexeme.value}"` : 'the end'}`);
    }
    const reserved = lexeme.type === 'word' && RESERVED.includes(lexeme.value.toLowerCase());
    if (reserved) throw new QuerySyntaxError(`"${lexeme.value}" is a reserved word`);
    this.position++;
    return lexeme.type === 'word' && this.peek()?.type === '(' ? this.functionCall(lexeme.value) : lexeme.value;
  }

  /** A function call such as currentUser() or now("-4w"): its arguments are read and kept in its name. */
  private functionCall(name: string): string {
    this.position++;
    const args: string[] = [];
    while (this.peek()?.type !== ')') {
      args.push(this.operand());
      if (this.peek()?.type === ',') this.position++;
      else break;
    }
    this.expect(')');
    return `${name}(${args.join(',')})`;
  }

  /** The values after IN / NOT IN: a parenthesised list, or a single value. */
  private values(): string[] {
    if (this.peek()?.type !== '(') return [this.operand()];
    this.expect('(');
    const values = [this.operand()];
    while (this.peek()?.type === ',') {
      this.position++;
      values.push(this.operand());
    }
    this.expect(')');
    return values;
  }

  private clause(): QueryNode {
    const field = this.operand();
    if (this.isWord('in')) {
      this.position++;
      return { kind: 'clause', field, operator: 'in', values: this.values() };
    }
    if (this.isWord('not') && this.isWord('in', 1)) {
      this.position += 2;
      return { kind: 'clause', field, operator: 'not in', values: this.values() };
    }
    if (this.isWord('is')) return this.emptinessClause(field);
    const operator = this.expect('op').value;
    if (['&&', '&', '||', '|', '!'].includes(operator))
      throw new QuerySyntaxError(`expected an operator after ${field}`);
    return { kind: 'clause', field, operator, values: [this.operand()] };
  }

  /** `field IS [NOT] EMPTY` (or NULL). */
  private emptinessClause(field: string): QueryNode {
    this.position++;
    const negated = this.isWord('not');
    if (negated) this.position++;
    const value = this.expect('word').value.toLowerCase();
    if (value !== 'empty' && value !== 'null') throw new QuerySyntaxError(`IS must be followed by EMPTY or NULL`);
    return { kind: 'clause', field, operator: negated ? 'is not' : 'is', values: [] };
  }

  /** The trailing ORDER BY: fields, each ascending unless DESC. */
  private orderBy(): ParsedQuery['orderBy'] {
    this.position += 2;
    const orderBy: ParsedQuery['orderBy'] = [];
    do {
      if (this.peek()?.type === ',') this.position++;
      const field = this.peek();
      if (field?.type !== 'word' && field?.type !== 'string') throw new QuerySyntaxError('ORDER BY needs a field');
      this.position++;
      const direction =
        this.isWord('asc') || this.isWord('desc')
          ? (this.lexemes[this.position++]!.value.toLowerCase() as 'asc' | 'desc')
          : 'asc';
      orderBy.push({ field: field.value, direction });
    } while (this.peek()?.type === ',');
    return orderBy;
  }
}

/**
 * Evaluates a parsed condition. `clause` answers one `field op values` test, or `undefined` for a field the
 * sandbox does not model (such a clause matches everything, and so does its negation).
 */
export function evaluate(
  node: QueryNode | null,
  clause: (node: Extract<QueryNode, { kind: 'clause' }>) => boolean | undefined,
): boolean {
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
