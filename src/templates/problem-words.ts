import { tr, type Text } from '../i18n/text.ts';
import type { TemplateProblem } from './template-types.ts';

/** A template problem in words, with where it is: `unexpected "}" (line 2, column 5)`. */
export function templateProblemText(problem: Pick<TemplateProblem, 'message' | 'line' | 'column'>): Text {
  const { message, line, column } = problem;
  if (line === null) return message;
  return column === null ? tr`${message} (line ${line})` : tr`${message} (line ${line}, column ${column})`;
}
