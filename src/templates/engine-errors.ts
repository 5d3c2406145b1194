import { tr, verbatim, type Text } from '../i18n/text.ts';
import type { TemplateProblem, TemplateProblemCode } from './template-types.ts';

/** A problem with no position. */
export function problem(code: TemplateProblemCode, message: Text, line: number | null = null): TemplateProblem {
  return { code, message, line, column: null, excerpt: null };
}

/** An error Relais raises itself inside the engine (a helper's refusal): its words as a `Text`. */
export class TemplateTextError extends Error {
  constructor(readonly text: Text) {
    super(String(text));
    this.name = 'TemplateTextError';
  }
}

/** The words of a caught error: Relais's own as a `Text`, anything else (the engine's, a bug's) as a value. */
export function textOfError(error: unknown): Text {
  if (error instanceof TemplateTextError) return error.text;
  return verbatim(error instanceof Error ? error.message : String(error));
}

/** The source line `line` (1-based) with a caret under `column`, or the bare line when the column is unknown. */
export function excerptOf(source: string, line: number, column: number | null): string | null {
  const text = source.split(/\r\n|\r|\n/)[line - 1];
  if (text === undefined) return null;
  if (column === null) return text;
  const pad = [...text]
    .slice(0, column - 1)
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('');
  return `${text}\n${pad}^`;
}

const LOCATION_RE = /\s*\(in [^()]*:(\d+)\)\s*$/;
/** minijinja's debug box prints the failing line as `%4d > text` and the caret line as `     i   ^^^`. */
const CARET_PREFIX = '     i ';

/**
 * Turns a minijinja error (its message carries `(in <string>:LINE)` and, in debug mode, a box with the
 * source line and a caret) into a TemplateProblem with line, column and excerpt.
 */
export function problemFromEngineError(error: unknown, source: string): TemplateProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const [first, ...rest] = raw.split('\n');
  const located = LOCATION_RE.exec(first);
  const line = located ? Number(located[1]) : null;
  const message = located ? first.slice(0, located.index) : first;
  let column: number | null = null;
  const caret = rest.find((l) => l.startsWith(CARET_PREFIX) && l.includes('^'));
  if (caret) column = caret.indexOf('^') - CARET_PREFIX.length + 1;
  return {
    code: codeOf(message),
    message: humanMessage(message),
    line,
    column,
    excerpt: line === null ? null : excerptOf(source, line, column),
  };
}

function codeOf(message: string): TemplateProblemCode {
  if (message.startsWith('syntax error')) return 'TEMPLATE_SYNTAX';
  if (message.startsWith('engine ran out of fuel')) return 'TEMPLATE_FUEL_EXHAUSTED';
  if (/^unknown (filter|test|function)/.test(message) || message.startsWith('undefined value')) return 'TEMPLATE_UNKNOWN_NAME';
  return 'TEMPLATE_RUNTIME';
}

/** minijinja's words, except two that Relais says better (in the reader's language). */
function humanMessage(message: string): Text {
  if (message === 'undefined value') return tr`undefined value (an unknown variable, field or attribute)`;
  if (message.startsWith('engine ran out of fuel')) return tr`the template did too much work (fuel exhausted): check its loops`;
  return verbatim(message);
}
