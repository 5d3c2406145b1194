import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { SourceProblem } from './CodeEditor.tsx';
import { ConditionField } from './ConditionField.tsx';
import type { CompletionField } from './JinjaEditor.tsx';
import type { DocumentType } from './use-document-type.ts';
import type { NotificationDraft } from './use-notification-draft.ts';
import type { NotificationFields } from './use-notification-fields.tsx';

interface Props {
  draft: NotificationDraft;
  fields: NotificationFields;
  documentType: DocumentType;
  completionFields: CompletionField[];
  conditionProblem: SourceProblem | undefined;
}

/** Filters: the subject, the document type, the event and the fields the event needs, and the condition. */
export function FiltersSection({ draft, fields, documentType, completionFields, conditionProblem }: Props) {
  const i18n = useI18n();
  const { plain, fieldPicker } = fields;
  const event = draft.text('event');
  return (
    <section className="form-section" aria-labelledby="section-filters">
      <h2 id="section-filters">{i18n.t('notif.section.filters')}</h2>
      {plain('subject', i18n.t('notif.subjectHint'))}
      {plain('document_type')}
      {documentType.error && documentType.name ? <p className="hint">{errorText(documentType.error, i18n)}</p> : null}
      {plain('event')}
      {(event === 'Method' || event === 'Custom') && plain('method')}
      {event === 'Value Change' && fieldPicker('value_changed')}
      {(event === 'Days Before' || event === 'Days After') && (
        <>
          {fieldPicker('date_changed', ['Date', 'Datetime'])}
          {plain('days_in_advance')}
        </>
      )}
      {(event === 'Minutes Before' || event === 'Minutes After') && (
        <>
          {fieldPicker('datetime_changed', ['Datetime'])}
          {plain('minutes_offset')}
        </>
      )}
      {plain('send_system_notification')}
      <ConditionField draft={draft} fields={fields} completionFields={completionFields} problem={conditionProblem} />
    </section>
  );
}
