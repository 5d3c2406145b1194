/**
 * Parses the small, common subset of Jinja that Relais can evaluate on the main thread without the
 * sandboxed worker: conditions such as `doc.status == "Open" and doc.total > 40000`, and templates made
 * of text and `{{ doc.field }}` / `{{ doc.field or "" }}`. Anything outside the subset (filters, calls
 * other than `nowdate()`, arithmetic, statements, escapes in strings, whitespace control…) makes the
 * parser return null and the source goes to the worker as before. The subset has no loops and no
 * operation whose cost is not bounded by its inputs, so it needs no time or fuel limit.
 */

/** An expression of the subset. `Path` reads own data properties only: `doc.customer`. */
export type InlineExpr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; root: string; keys: string[] }
  | { kind: 'nowdate' }
  | { kind: 'list'; items: InlineExpr[] }
  | { kind: 'not'; operand: InlineExpr }
  | { kind: 'and' | 'or'; left: InlineExpr; right: InlineExpr }
  | { kind: 'compare'; op: CompareOp; left: InlineExpr; right: InlineExpr }
  | { kind: 'isNone'; operand: InlineExpr; negated: boolean };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/** A template of the subset: text pieces and expressions, in order. */
export type InlineTemplate = Array<string | InlineExpr>;

/** Names a template or condition of the subset may start a path from. */
export const CONTEXT_ROOTS = new Set(['doc', 'doc_before_save', 'alert', 'comments']);

type Token =
  { t: 'str'; v: string } | { t: 'num'; v: number; float: boolean } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(\.[0-9]+)?/y;
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', ',', '.'];

/**
 * Reads tokens from `source` at `start`. In a template (`closing` true) the expression ends at `}}`,
 * whose index is returned as `end`; in a condition it ends with the source.
 */
function lex(source: string, start: number, closing: boolean): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    while (i < source.length && ' \t\r\n'.includes(source[i])) i++;
    if (i >= source.length) {
      if (closing) unsupported();
      return { tokens: [...tokens, { t: 'end' }], end: i };
    }
    const c = source[i];
    if (closing && c === '}' && source[i + 1] === '}') return { tokens: [...tokens, { t: 'end' }], end: i };
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1);
      if (close < 0) unsupported();
      const text = source.slice(i + 1, close);
      if (text.includes('\\')) unsupported();
      tokens.push({ t: 'str', v: text });
      i = close + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number) {
      i = NUMBER.lastIndex;
      // `1_000`, `1e3`, `1.` and `1.x` are valid or meaningful Jinja we leave to the engine.
      if (/[A-Za-z0-9_.]/.test(source[i] ?? '')) unsupported();
      const value = Number(number[0]);
      if (!Number.isSafeInteger(value) && !number[1]) unsupported();
      tokens.push({ t: 'num', v: value, float: Boolean(number[1]) });
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(source);
    if (name) {
      tokens.push({ t: 'name', v: name[0] });
      i = NAME.lastIndex;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? unsupported();
    tokens.push({ t: 'op', v: op });
    i += op.length;
  }
}

/** Recursive descent over one expression's tokens, with Jinja's precedence: or < and < not < comparison < `is` < attribute. */
class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly inTemplate: boolean,
  ) {}

  parseAll(): InlineExpr {
    const expr = this.or();
    if (this.peek().t !== 'end') unsupported();
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private isName(v: string): boolean {
    const token = this.peek();
    return token.t === 'name' && token.v === v;
  }

  private isOp(v: string): boolean {
    const token = this.peek();
    return token.t === 'op' && token.v === v;
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) unsupported();
    this.at++;
  }

  private or(): InlineExpr {
    let left = this.and();
    while (this.isName('or')) {
      this.at++;
      left = this.logical('or', left, this.and());
    }
    return left;
  }

  private and(): InlineExpr {
    let left = this.not();
    while (this.isName('and')) {
      this.at++;
      left = this.logical('and', left, this.not());
    }
    return left;
  }

  /**
   * minijinja folds constant operations when it compiles, and `0 and "x"` folds to `false` where
   * Python gives `0`: a template printing such a constant is left to the engine. (A condition only
   * reads truthiness, which folding keeps.)
   */
  private logical(kind: 'and' | 'or', left: InlineExpr, right: InlineExpr): InlineExpr {
    if (this.inTemplate && isConstant(left) && isConstant(right)) unsupported();
    return { kind, left, right };
  }

  private not(): InlineExpr {
    if (this.isName('not')) {
      this.at++;
      return { kind: 'not', operand: this.not() };
    }
    return this.compare();
  }

  private compare(): InlineExpr {
    const left = this.tested();
    const op = this.compareOp();
    if (!op) return left;
    const compared: InlineExpr = { kind: 'compare', op, left, right: this.tested() };
    if (this.compareOp()) unsupported(); // chained comparisons are left to the engine
    return compared;
  }

  private compareOp(): CompareOp | null {
    const token = this.peek();
    if (token.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.v)) {
      this.at++;
      return token.v as CompareOp;
    }
    if (this.isName('in')) {
      this.at++;
      return 'in';
    }
    if (this.isName('not') && this.tokens[this.at + 1]?.t === 'name' && (this.tokens[this.at + 1] as { v: string }).v === 'in') {
      this.at += 2;
      return 'not in';
    }
    return null;
  }

  private tested(): InlineExpr {
    const operand = this.postfix();
    if (!this.isName('is')) return operand;
    this.at++;
    const negated = this.isName('not');
    if (negated) this.at++;
    if (!this.isName('none') && !this.isName('None')) unsupported();
    this.at++;
    return { kind: 'isNone', operand, negated };
  }

  private postfix(): InlineExpr {
    const expr = this.primary();
    if (expr.kind !== 'path') return expr;
    while (this.isOp('.')) {
      this.at++;
      const key = this.peek();
      if (key.t !== 'name') unsupported();
      expr.keys.push((key as { v: string }).v);
      this.at++;
    }
    if (this.isOp('(') || this.isOp('[')) unsupported();
    return expr;
  }

  private primary(): InlineExpr {
    const token = this.peek();
    this.at++;
    switch (token.t) {
      case 'str':
        return { kind: 'literal', value: token.v };
      case 'num':
        // `{{ 2.0 }}` prints `2.0` in Jinja but a JavaScript number cannot remember it was a float.
        if (this.inTemplate && token.float && Number.isInteger(token.v)) unsupported();
        return { kind: 'literal', value: token.v };
      case 'name':
        return this.named(token.v);
      case 'op':
        if (token.v === '(') return this.parenthesised();
        if (token.v === '[') return { kind: 'list', items: this.items(']') };
        return unsupported();
      default:
        return unsupported();
    }
  }

  private named(name: string): InlineExpr {
    if (name === 'true' || name === 'True') return { kind: 'literal', value: true };
    if (name === 'false' || name === 'False') return { kind: 'literal', value: false };
    if (name === 'none' || name === 'None') return { kind: 'literal', value: null };
    if (name === 'nowdate' && this.isOp('(')) {
      this.at++;
      this.expectOp(')');
      return { kind: 'nowdate' };
    }
    if (!CONTEXT_ROOTS.has(name)) unsupported();
    return { kind: 'path', root: name, keys: [] };
  }

  private parenthesised(): InlineExpr {
    const first = this.or();
    if (this.isOp(')')) {
      this.at++;
      return first;
    }
    this.expectOp(',');
    return { kind: 'list', items: [first, ...this.items(')')] };
  }

  /** Comma-separated items up to `close` (a trailing comma allowed). */
  private items(close: string): InlineExpr[] {
    const items: InlineExpr[] = [];
    while (!this.isOp(close)) {
      items.push(this.or());
      if (!this.isOp(close)) this.expectOp(',');
    }
    this.at++;
    return items;
  }
}

/** True when `expr` reads nothing from the context or the clock. */
function isConstant(expr: InlineExpr): boolean {
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'path':
    case 'nowdate':
      return false;
    case 'list':
      return expr.items.every(isConstant);
    case 'not':
    case 'isNone':
      return isConstant(expr.operand);
    case 'and':
    case 'or':
    case 'compare':
      return isConstant(expr.left) && isConstant(expr.right);
  }
}

function attempt<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** The condition as an expression of the subset, or null when the worker must evaluate it. */
export function parseInlineCondition(source: string): InlineExpr | null {
  return attempt(() => new Parser(lex(source, 0, false).tokens, false).parseAll());
}

/** The template as text and expressions of the subset, or null when the worker must render it. */
export function parseInlineTemplate(source: string): InlineTemplate | null {
  if (source.includes('{%') || source.includes('{#') || source.endsWith('\r')) return null;
  return attempt(() => {
    const parts: InlineTemplate = [];
    let i = 0;
    for (;;) {
      const open = source.indexOf('{{', i);
      if (open < 0) break;
      if (open > i) parts.push(source.slice(i, open));
      if (source[open + 2] === '-' || source[open + 2] === '+') unsupported();
      const { tokens, end } = lex(source, open + 2, true);
      parts.push(new Parser(tokens, true).parseAll());
      i = end + 2;
    }
    // Jinja drops one newline at the very end of a template (keep_trailing_newline is off).
    let tail = source.slice(i);
    if (tail.endsWith('\r\n')) tail = tail.slice(0, -2);
    else if (tail.endsWith('\n')) tail = tail.slice(0, -1);
    if (tail) parts.push(tail);
    return parts;
  });
}
