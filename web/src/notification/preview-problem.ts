import type { Doc } from '../api.ts';
import type { SourceProblem } from './CodeEditor.tsx';
import type { PreviewProblem } from './notification-api.ts';

/** The preview's last answer: its problem (if any) and the notification it checked. */
export interface CheckedPreview {
  problem: PreviewProblem | undefined;
  notification: Doc;
}

/** The preview's syntax error in the condition or the message, with what it was found in. */
export function problemIn(checked: CheckedPreview | undefined, stage: 'condition' | 'message', current: string): SourceProblem | undefined {
  if (!checked?.problem) return undefined;
  const { problem, notification } = checked;
  const source = String(notification[stage] ?? '');
  // Found in an earlier text: gone until the next preview says otherwise.
  if (problem.stage !== stage || problem.line === null || source !== current) return undefined;
  return { source, line: problem.line, column: problem.column, message: problem.message };
}
