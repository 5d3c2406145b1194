/**
 * Evaluates the subset parsed by inline-parser.ts with minijinja's exact results. Wherever minijinja's
 * behaviour is surprising or not worth copying (a missing field, which is an error in templates;
 * booleans compared with numbers; NaN; nested objects; numbers JavaScript and Rust print differently…)
 * the evaluator gives up with BAIL and the job goes to the worker, which gives the authoritative
 * answer. A differential test (inline-evaluator.test.ts) holds the two to the same results.
 */
import type { CompareOp, InlineExpr, InlineTemplate } from './inline-parser.ts';

/** Returned when this evaluator cannot be sure of minijinja's answer. */
export const BAIL: unique symbol = Symbol('bail');
export type Bail = typeof BAIL;

type Value = string | number | boolean | null | unknown[] | Record<string, unknown>;

/** What an evaluation may read: the job's context and today's date in the site's time zone. */
export interface InlineScope {
  context: Record<string, unknown>;
  today: () => string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A context value as the evaluator handles it; anything else (undefined, functions, Dates, Maps…) bails. */
function admit(value: unknown): Value | Bail {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? BAIL : value;
  if (Array.isArray(value) || isPlainObject(value)) return value as Value;
  return BAIL;
}

function lookup(expr: Extract<InlineExpr, { kind: 'path' }>, scope: InlineScope): Value | Bail {
  if (!Object.hasOwn(scope.context, expr.root)) return BAIL;
  let value = admit(scope.context[expr.root]);
  for (const key of expr.keys) {
    if (value === BAIL || !isPlainObject(value) || !Object.hasOwn(value, key)) return BAIL;
    value = admit(value[key]);
  }
  return value;
}

/** Python truthiness, as minijinja reads it. */
export function truthy(value: Value): boolean | Bail {
  if (value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number' || typeof value === 'boolean') return Boolean(value);
  if (Array.isArray(value)) return value.length > 0;
  return BAIL;
}

const kind = (value: Value): string => (value === null ? 'none' : Array.isArray(value) ? 'list' : typeof value);
/** Strings whose UTF-16 order could differ from minijinja's code-point order. */
const SURROGATE_ORDER_RISK = /[\uD800-\uFFFF]/;

function equal(a: Value, b: Value): boolean | Bail {
  const [ka, kb] = [kind(a), kind(b)];
  if (ka === 'object' || kb === 'object' || ka === 'list' || kb === 'list') return BAIL;
  // minijinja compares booleans with numbers in a way that depends on the side: leave it to the engine.
  if (ka !== kb) return ka === 'boolean' || kb === 'boolean' ? BAIL : false;
  return a === b;
}

function order(a: Value, b: Value): number | Bail {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (SURROGATE_ORDER_RISK.test(a) || SURROGATE_ORDER_RISK.test(b)) return BAIL;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return BAIL;
}

function contains(container: Value, item: Value): boolean | Bail {
  if (typeof container === 'string') return typeof item === 'string' ? container.includes(item) : BAIL;
  if (!Array.isArray(container)) return BAIL;
  for (const element of container) {
    const admitted = admit(element);
    if (admitted === BAIL) return BAIL;
    const same = equal(admitted, item);
    if (same !== false) return same;
  }
  return false;
}

function compare(op: CompareOp, a: Value, b: Value): boolean | Bail {
  switch (op) {
    case '==':
    case '!=': {
      const same = equal(a, b);
      return same === BAIL ? BAIL : op === '==' ? same : !same;
    }
    case 'in':
    case 'not in': {
      const found = contains(b, a);
      return found === BAIL ? BAIL : op === 'in' ? found : !found;
    }
    default: {
      const diff = order(a, b);
      if (diff === BAIL) return BAIL;
      return op === '<' ? diff < 0 : op === '<=' ? diff <= 0 : op === '>' ? diff > 0 : diff >= 0;
    }
  }
}

/** The value of `expr` (Python semantics: `and` / `or` return an operand), or BAIL. */
export function evaluate(expr: InlineExpr, scope: InlineScope): Value | Bail {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      return lookup(expr, scope);
    case 'nowdate':
      return scope.today();
    case 'list': {
      const items: Value[] = [];
      for (const item of expr.items) {
        const value = evaluate(item, scope);
        if (value === BAIL) return BAIL;
        items.push(value);
      }
      return items;
    }
    case 'not': {
      const value = evaluate(expr.operand, scope);
      const truth = value === BAIL ? BAIL : truthy(value);
      return truth === BAIL ? BAIL : !truth;
    }
    case 'and':
    case 'or': {
      const left = evaluate(expr.left, scope);
      const truth = left === BAIL ? BAIL : truthy(left);
      if (truth === BAIL) return BAIL;
      return truth === (expr.kind === 'or') ? left : evaluate(expr.right, scope);
    }
    case 'compare': {
      const left = evaluate(expr.left, scope);
      const right = left === BAIL ? BAIL : evaluate(expr.right, scope);
      return left === BAIL || right === BAIL ? BAIL : compare(expr.op, left, right);
    }
    case 'isNone': {
      const value = evaluate(expr.operand, scope);
      return value === BAIL ? BAIL : (value === null) !== expr.negated;
    }
  }
}

/** How minijinja prints a value, or BAIL for values whose printing is not worth copying (lists, maps, odd floats). */
export function printed(value: Value): string | Bail {
  if (typeof value === 'string') return value;
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
    // Between these bounds JavaScript and Rust both print the shortest round-trip digits, without exponent.
    const magnitude = Math.abs(value);
    if (!Number.isInteger(value) && magnitude >= 1e-6 && magnitude < 1e21) return String(value);
    return BAIL;
  }
  return BAIL;
}

/** The rendered template, or BAIL. */
export function renderInline(template: InlineTemplate, scope: InlineScope): string | Bail {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = evaluate(part, scope);
    const text = value === BAIL ? BAIL : printed(value);
    if (text === BAIL) return BAIL;
    out += text;
  }
  return out;
}

/** The condition's truth, or BAIL. */
export function conditionInline(expr: InlineExpr, scope: InlineScope): boolean | Bail {
  const value = evaluate(expr, scope);
  return value === BAIL ? BAIL : truthy(value);
}
