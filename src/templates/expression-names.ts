import { didYouMean } from '../documents/did-you-mean.ts';
import { tr, type Text } from '../i18n/text.ts';
import { excerptOf } from './engine-errors.ts';
import type { TemplateProblem } from './template-types.ts';

/** Words of the expression language and minijinja's own globals: never looked up in the context. */
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'true',
  'false',
  'none',
  'True',
  'False',
  'None',
  'range',
  'dict',
  'namespace',
  'debug',
  'loop',
]);

interface Token {
  kind: 'name' | 'string' | 'number' | 'op';
  text: string;
  offset: number;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)|([A-Za-z_][A-Za-z0-9_]*)|(\d[\d_.eE]*)|(==|!=|<=|>=|\*\*|\/\/|.)/gs;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1], offset: m.index });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2], offset: m.index });
    else if (m[3] !== undefined) tokens.push({ kind: 'number', text: m[3], offset: m.index });
    else if (m[4] !== undefined) tokens.push({ kind: 'op', text: m[4], offset: m.index });
  }
  return tokens;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function located(source: string, offset: number, message: Text): TemplateProblem {
  const before = source.slice(0, offset).split(/\r\n|\r|\n/);
  const line = before.length;
  const column = [...before[before.length - 1]].length + 1;
  return { code: 'TEMPLATE_UNKNOWN_NAME', message, line, column, excerpt: excerptOf(source, line, column) };
}

/** ` (did you mean 'status'?)` after an unknown name, or nothing when no known name is close. */
function suggestion(name: string, known: string[]): Text | '' {
  const hint = didYouMean(name, known);
  return hint ? tr` (did you mean '${hint}'?)` : '';
}

/**
 * Checks the names an expression reads against a sample context: unknown variables (`dco.status`)
 * and unknown keys of known objects (`doc.statsu`, `frappe.utils.add_day`). Methods of strings and
 * lists, filters, tests and keyword-argument names are not looked up. Returns the first problem.
 */
export function checkExpressionNames(source: string, context: Record<string, unknown>): TemplateProblem | null {
  const tokens = tokenize(source);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'name' || RESERVED.has(token.text)) continue;
    const previous = tokens[i - 1];
    const beforePrevious = tokens[i - 2];
    if (previous?.kind === 'op' && (previous.text === '.' || previous.text === '|')) continue;
    if (previous?.text === 'is' || (previous?.text === 'not' && beforePrevious?.text === 'is')) continue;
    if (tokens[i + 1]?.text === '=') continue;
    if (!(token.text in context)) {
      const hint = suggestion(token.text, Object.keys(context));
      return located(source, token.offset, tr`unknown name '${token.text}'${hint}`);
    }
    let value: unknown = context[token.text];
    let path = token.text;
    let j = i + 1;
    while (tokens[j]?.text === '.' && tokens[j + 1]?.kind === 'name' && isPlainObject(value)) {
      const key = tokens[j + 1];
      if (!Object.prototype.hasOwnProperty.call(value, key.text)) {
        const hint = suggestion(key.text, Object.keys(value));
        const message =
          path === 'doc' || path === 'doc_before_save'
            ? tr`unknown field '${key.text}' of ${path}${hint}`
            : tr`unknown attribute '${key.text}' of ${path}${hint}`;
        return located(source, key.offset, message);
      }
      value = value[key.text];
      path = `${path}.${key.text}`;
      j += 2;
    }
    i = j - 1;
  }
  return null;
}
