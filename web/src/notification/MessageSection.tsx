import type { Doc } from '../api.ts';
import { inputId } from '../components/DocNameField.tsx';
import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { SourceProblem } from './CodeEditor.tsx';
import { JinjaEditor, type CompletionField } from './JinjaEditor.tsx';
import type { PreviewProblem } from './notification-api.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import type { DocumentType } from './use-document-type.ts';
import type { NotificationDraft } from './use-notification-draft.ts';

interface Props {
  draft: NotificationDraft;
  documentType: DocumentType;
  completionFields: CompletionField[];
  /** The preview's syntax error in the message, marked in the editor. */
  problem: SourceProblem | undefined;
  onProblem(problem: PreviewProblem | undefined, notification: Doc): void;
}

/** The Message: its Jinja editor beside a live preview of the unsaved notification. */
export function MessageSection({ draft, documentType, completionFields, problem, onProblem }: Props) {
  const i18n = useI18n();
  return (
    <section className="form-section" aria-labelledby="section-message">
      <h2 id="section-message">{i18n.t('notif.section.message')}</h2>
      <div className="message-layout">
        <div className="field">
          <p className="hint" id="field-message-hint">
            {i18n.t('notif.messageHint')}
          </p>
          <JinjaEditor
            id={inputId('message')}
            label={i18n.term('Message')}
            value={draft.text('message')}
            fields={completionFields}
            describedBy="field-message-hint"
            problem={problem}
            onChange={draft.set('message')}
          />
          {draft.errorField === 'message' && (
            <p className="field-error" id="field-message-error">
              {errorText(draft.error, i18n)}
            </p>
          )}
        </div>
        <PreviewPanel notification={draft.values} doctype={documentType.name} documents={documentType.documents} onProblem={onProblem} />
      </div>
    </section>
  );
}
