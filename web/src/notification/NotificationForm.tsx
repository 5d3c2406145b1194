import { useState } from 'react';
import type { Doc, DocTypeMeta } from '../api.ts';
import { DocNameField } from '../components/DocNameField.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { fieldLabel } from '../format.ts';
import { HistoryPanel } from '../forms/HistoryPanel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { FiltersSection } from './FiltersSection.tsx';
import { MessageSection } from './MessageSection.tsx';
import { NotificationDeliveries } from './NotificationDeliveries.tsx';
import { problemIn, type CheckedPreview } from './preview-problem.ts';
import { RecipientsTable } from './RecipientsTable.tsx';
import { SetPropertySection } from './SetPropertySection.tsx';
import { TestDialog } from './TestDialog.tsx';
import { useDocumentType } from './use-document-type.ts';
import { useNotificationDraft } from './use-notification-draft.ts';
import { useNotificationFields } from './use-notification-fields.tsx';
import './notification.css';

interface Props {
  meta: DocTypeMeta;
  /** The stored notification; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

/**
 * The Notification form, in the sections of Dokos's: the channel and its webhook; Filters (subject,
 * document type, event and the fields the event needs, the condition in a Python-expression editor);
 * Recipients where the channel has some; Set Property After Alert; the Message in a Jinja editor beside
 * a live preview, whose syntax errors both editors mark at their line. Once saved: whether it is enabled,
 * "Test this notification", its history and the deliveries it produced.
 */
export function NotificationForm({ meta, doc: loadedDoc, justCreated }: Props) {
  const i18n = useI18n();
  const draft = useNotificationDraft(meta, loadedDoc, justCreated);
  const documentType = useDocumentType(draft.text('document_type'));
  const fields = useNotificationFields(meta, draft, documentType);
  const [testing, setTesting] = useState(false);
  const [checked, setChecked] = useState<CheckedPreview>();
  const { doc, errorField } = draft;
  const { plain } = fields;

  const channel = draft.text('channel');
  const completionFields = documentType.fields.map((f) => ({ fieldname: f.fieldname, label: fieldLabel(f, i18n), fieldtype: f.fieldtype }));
  /** As saved (the checkbox below may hold an unsaved change). */
  const enabled = Boolean(Number(doc?.enabled ?? 0));
  const recipientsShown = channel !== 'External Collaboration Tool' || draft.inputs.send_system_notification === true;

  return (
    <>
      <form className="doc-form notification-form" onSubmit={draft.save} noValidate>
        {doc && (
          <div className="form-toolbar notification-head">
            <p className="notification-state">
              <span className="sr-only">{i18n.t('notif.state.label')}: </span>
              <span className={enabled ? 'state-badge enabled' : 'state-badge disabled'}>
                {enabled ? i18n.t('notif.state.enabled') : i18n.t('notif.state.disabled')}
              </span>
            </p>
            <button type="button" onClick={() => setTesting(true)}>
              {i18n.t('notif.test.button')}
            </button>
          </div>
        )}
        {!doc && <DocNameField value={draft.docName} onChange={draft.setDocName} invalid={errorField === 'name'} />}
        {plain('enabled')}
        {plain('channel')}
        {channel === 'External Collaboration Tool' && plain('incoming_webhook_url')}
        {channel === 'Email' && plain('sender')}

        <FiltersSection
          draft={draft}
          fields={fields}
          documentType={documentType}
          completionFields={completionFields}
          conditionProblem={problemIn(checked, 'condition', draft.text('condition'))}
        />

        {recipientsShown && (
          <section className="form-section" aria-labelledby="section-recipients">
            <h2 id="section-recipients">{i18n.t('notif.section.recipients')}</h2>
            <RecipientsTable rows={draft.recipients} onChange={draft.setRecipients} />
          </section>
        )}

        <SetPropertySection fields={fields} />

        <MessageSection
          draft={draft}
          documentType={documentType}
          completionFields={completionFields}
          problem={problemIn(checked, 'message', draft.text('message'))}
          onProblem={(problem, notification) => setChecked({ problem, notification })}
        />

        <FormActions error={draft.error} savedText={draft.saved ? i18n.t('form.saved') : null} saving={draft.saving} />
      </form>
      {testing && doc && (
        <TestDialog
          notification={String(doc.name)}
          documents={documentType.documents}
          onClose={() => {
            setTesting(false);
            draft.bumpWritten();
          }}
        />
      )}
      {doc && (
        <>
          <HistoryPanel doctype="Notification" name={String(doc.name)} refresh={draft.written} />
          <NotificationDeliveries notification={String(doc.name)} refresh={draft.written} />
        </>
      )}
    </>
  );
}
