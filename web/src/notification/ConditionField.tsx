import { inputId } from '../components/DocNameField.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { SourceProblem } from './CodeEditor.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { FieldRow } from './FieldRow.tsx';
import type { CompletionField } from './JinjaEditor.tsx';
import type { NotificationDraft } from './use-notification-draft.ts';
import type { NotificationFields } from './use-notification-fields.tsx';

const CONDITION_EXAMPLES = ['doc.status=="Open"', 'doc.due_date==nowdate()', 'doc.total > 40000'];

interface Props {
  draft: NotificationDraft;
  fields: NotificationFields;
  completionFields: CompletionField[];
  /** The preview's syntax error in the condition, marked in the editor and said below it. */
  problem: SourceProblem | undefined;
}

/** The condition, in a Python-expression editor, with examples and the preview's syntax error. */
export function ConditionField({ draft, fields, completionFields, problem }: Props) {
  const i18n = useI18n();
  const field = fields.field('condition');
  if (!field) return null;
  const hint = (
    <>
      {i18n.t('notif.conditionHint')}{' '}
      {CONDITION_EXAMPLES.map((example, i) => (
        <span key={example}>
          {i > 0 && ', '}
          <code>{example}</code>
        </span>
      ))}
      . {i18n.t('notif.conditionKeys')}
    </>
  );
  return (
    <FieldRow field={field} error={fields.errorOf('condition')} hint={hint} editor>
      {(describedBy, invalid) => (
        <>
          <ConditionEditor
            id={inputId('condition')}
            labelledBy={`${inputId('condition')}-label`}
            value={draft.text('condition')}
            fields={completionFields}
            describedBy={[problem ? 'field-condition-problem' : undefined, describedBy].filter(Boolean).join(' ') || undefined}
            invalid={invalid || Boolean(problem)}
            problem={problem}
            onChange={draft.set('condition')}
          />
          {problem && (
            <p className="field-error" id="field-condition-problem">
              {i18n.t('notif.preview.problemAt', {
                stage: i18n.t('notif.stage.condition'),
                line: problem.line,
                column: problem.column ?? 1,
                message: problem.message,
              })}
            </p>
          )}
        </>
      )}
    </FieldRow>
  );
}
