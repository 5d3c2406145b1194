import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Doc, type DocField, type DocTypeMeta } from '../api.ts';
import { FieldInput } from '../components/FieldInput.tsx';
import { LinkInput } from '../components/LinkInput.tsx';
import { deskPath, loadMeta } from '../doctypes.ts';
import { FormActions } from '../components/FormActions.tsx';
import { errorText } from '../errors.ts';
import { defaultInputs, docInputs, saveBody, type InputValue } from '../field-values.ts';
import { fieldDescription, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../use-async.ts';
import { HistoryPanel } from '../forms/HistoryPanel.tsx';
import type { SourceProblem } from './CodeEditor.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { JinjaEditor } from './JinjaEditor.tsx';
import { NotificationDeliveries } from './NotificationDeliveries.tsx';
import type { PreviewProblem } from './notification-api.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { TestDialog } from './TestDialog.tsx';
import { DocNameField, inputId } from '../components/DocNameField.tsx';
import './notification.css';

const NO_VALUE_TYPES = new Set([
  'Section Break',
  'Column Break',
  'Tab Break',
  'HTML',
  'Button',
  'Table',
  'Table MultiSelect',
  'Fold',
  'Heading',
]);
/** The fields of a recipient row this form edits (the others are kept as they are). */
const RECIPIENT_FIELDS = ['receiver_by_document_field', 'receiver_by_role', 'cc', 'bcc'] as const;
const CONDITION_EXAMPLES = ['doc.status=="Open"', 'doc.due_date==nowdate()', 'doc.total > 40000'];
const RECENT_DOCUMENTS = 20;

interface Props {
  meta: DocTypeMeta;
  /** The stored notification; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const cleanRows = (rows: Doc[]): Doc[] =>
  rows
    .map((row) => {
      const clean: Doc = {};
      for (const [k, v] of Object.entries(row))
        if (!['parent', 'parenttype', 'parentfield', 'owner', 'creation', 'modified', 'modified_by', 'doctype'].includes(k)) clean[k] = v;
      return clean;
    })
    .filter((row) => RECIPIENT_FIELDS.some((f) => typeof row[f] === 'string' && row[f] !== '') || row.receiver_by_user);

/**
 * The Notification form, in the sections of Dokos's: the channel and its webhook; Filters (subject,
 * document type, event and the fields the event needs, the condition in a Python-expression editor);
 * Recipients where the channel has some; Set Property After Alert; the Message in a Jinja editor beside
 * a live preview, whose syntax errors both editors mark at their line. Once saved: whether it is enabled,
 * "Test this notification", its history and the deliveries it produced.
 */
export function NotificationForm({ meta, doc: loadedDoc, justCreated }: Props) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const fields = meta.fields.filter((f) => !f.hidden);
  const byName = useMemo(() => new Map(meta.fields.map((f) => [f.fieldname, f])), [meta]);
  const [doc, setDoc] = useState(loadedDoc);
  const [initial, setInitial] = useState(() => (loadedDoc ? docInputs(fields, loadedDoc) : undefined));
  const [inputs, setInputs] = useState<Record<string, InputValue>>(() => initial ?? defaultInputs(fields));
  const loadedRows = () => (Array.isArray(loadedDoc?.recipients) ? (loadedDoc.recipients as Doc[]) : []);
  const [rows, setRows] = useState<Doc[]>(loadedRows);
  const [initialRows, setInitialRows] = useState(() => JSON.stringify(cleanRows(loadedRows())));
  const [docName, setDocName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [error, setError] = useState<unknown>();
  const [testing, setTesting] = useState(false);
  /** Bumped after each save and test send: the history and the deliveries read again. */
  const [written, setWritten] = useState(0);
  const [checked, setChecked] = useState<{ problem: PreviewProblem | undefined; notification: Doc }>();

  const text = (fieldname: string) => (typeof inputs[fieldname] === 'string' ? (inputs[fieldname] as string) : '');
  const set = (fieldname: string) => (value: InputValue) => setInputs((current) => ({ ...current, [fieldname]: value }));
  const errorField = error instanceof ApiError ? error.field : undefined;
  const channel = text('channel');
  const event = text('event');
  const documentType = useSettled(text('document_type').trim(), 300);

  const target = useAsync(async () => {
    if (!documentType) return undefined;
    const [targetMeta, docs] = await Promise.all([
      loadMeta(documentType),
      api.list(documentType, { fields: ['name'], pageLength: RECENT_DOCUMENTS, orderBy: 'modified desc' }).catch(() => [] as Doc[]),
    ]);
    return { meta: targetMeta, documents: docs.map((d) => String(d.name)) };
  }, [documentType]);
  const targetFields = (target.data?.meta.fields ?? []).filter((f) => !NO_VALUE_TYPES.has(f.fieldtype));
  const documents = target.data?.documents ?? [];

  /** The form's values as the API takes them (for the preview: unsaved). */
  const values = useMemo(() => {
    const body = saveBody(fields, inputs);
    body.recipients = cleanRows(rows);
    body.name = doc ? String(doc.name) : docName.trim() || 'Preview';
    return body;
  }, [inputs, rows, doc, docName]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(undefined);
    try {
      if (!doc) {
        const body = saveBody(fields, inputs);
        body.recipients = cleanRows(rows);
        if (docName.trim()) body.name = docName.trim();
        const created = await api.insert('Notification', body);
        navigate(deskPath('Notification', String(created.name)), { replace: true, state: { saved: true } });
        return;
      }
      const changes = saveBody(fields, inputs, initial);
      const cleaned = cleanRows(rows);
      if (JSON.stringify(cleaned) !== initialRows) changes.recipients = cleaned;
      const updated = await api.update('Notification', String(doc.name), { ...changes, modified: doc.modified });
      const shown = docInputs(fields, updated);
      const updatedRows = Array.isArray(updated.recipients) ? (updated.recipients as Doc[]) : [];
      setDoc(updated);
      setInitial(shown);
      setInputs(shown);
      setRows(updatedRows);
      setInitialRows(JSON.stringify(cleanRows(updatedRows)));
      setSaved(true);
      setWritten((n) => n + 1);
    } catch (err) {
      setError(err);
      const field = err instanceof ApiError ? err.field : undefined;
      // A code field's editor (its content has the id `<input id>-editor`), else the field's input.
      if (field) (document.getElementById(`${inputId(field)}-editor`) ?? document.getElementById(inputId(field)))?.focus();
    } finally {
      setSaving(false);
    }
  }

  /** One field of the Notification doctype, with the generic input of its type. */
  const plain = (fieldname: string, hint?: ReactNode) => {
    const field = byName.get(fieldname);
    if (!field) return null;
    return (
      <Row field={field} error={errorField === fieldname ? errorText(error, i18n) : undefined} hint={hint}>
        {(describedBy, invalid) => (
          <FieldInput
            field={field}
            id={inputId(fieldname)}
            value={inputs[fieldname] ?? ''}
            disabled={Boolean(field.read_only)}
            describedBy={describedBy}
            invalid={invalid}
            onChange={set(fieldname)}
          />
        )}
      </Row>
    );
  };

  /** A field naming a field of the chosen document type: a select of its fields (of `types` when given). */
  const fieldPicker = (fieldname: string, types?: string[]) => {
    const field = byName.get(fieldname);
    if (!field) return null;
    const choices = targetFields.filter((f) => !types || types.includes(f.fieldtype));
    const value = text(fieldname);
    return (
      <Row field={field} error={errorField === fieldname ? errorText(error, i18n) : undefined}>
        {(describedBy, invalid) => (
          <select
            id={inputId(fieldname)}
            name={fieldname}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => set(fieldname)(e.target.value)}
          >
            <option value="">{documentType ? i18n.t('notif.chooseField') : i18n.t('notif.chooseDoctypeFirst')}</option>
            {value && !choices.some((f) => f.fieldname === value) && <option value={value}>{value}</option>}
            {choices.map((f) => (
              <option key={f.fieldname} value={f.fieldname}>
                {fieldLabel(f, i18n)} ({f.fieldname})
              </option>
            ))}
          </select>
        )}
      </Row>
    );
  };

  /** The preview's syntax error in the condition or the message, with what it was found in. */
  const problemIn = (stage: 'condition' | 'message'): SourceProblem | undefined => {
    if (!checked?.problem) return undefined;
    const { problem, notification } = checked;
    const source = String(notification[stage] ?? '');
    // Found in an earlier text: gone until the next preview says otherwise.
    if (problem.stage !== stage || problem.line === null || source !== text(stage)) return undefined;
    return { source, line: problem.line, column: problem.column, message: problem.message };
  };
  const conditionProblem = problemIn('condition');
  const completionFields = targetFields.map((f) => ({ fieldname: f.fieldname, label: fieldLabel(f, i18n), fieldtype: f.fieldtype }));
  const conditionField = byName.get('condition');
  /** As saved (the checkbox below may hold an unsaved change). */
  const enabled = Boolean(Number(doc?.enabled ?? 0));

  const recipientsShown = channel !== 'External Collaboration Tool' || inputs.send_system_notification === true;
  const conditionHint = (
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
    <>
      <form className="doc-form notification-form" onSubmit={save} noValidate>
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
        {!doc && <DocNameField value={docName} onChange={setDocName} invalid={errorField === 'name'} />}
        {plain('enabled')}
        {plain('channel')}
        {channel === 'External Collaboration Tool' && plain('incoming_webhook_url')}
        {channel === 'Email' && plain('sender')}

        <section className="form-section" aria-labelledby="section-filters">
          <h2 id="section-filters">{i18n.t('notif.section.filters')}</h2>
          {plain('subject', i18n.t('notif.subjectHint'))}
          {plain('document_type')}
          {target.error && documentType ? <p className="hint">{errorText(target.error, i18n)}</p> : null}
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
          {conditionField && (
            <Row field={conditionField} error={errorField === 'condition' ? errorText(error, i18n) : undefined} hint={conditionHint} editor>
              {(describedBy, invalid) => (
                <>
                  <ConditionEditor
                    id={inputId('condition')}
                    labelledBy={`${inputId('condition')}-label`}
                    value={text('condition')}
                    fields={completionFields}
                    describedBy={
                      [conditionProblem ? 'field-condition-problem' : undefined, describedBy].filter(Boolean).join(' ') || undefined
                    }
                    invalid={invalid || Boolean(conditionProblem)}
                    problem={conditionProblem}
                    onChange={set('condition')}
                  />
                  {conditionProblem && (
                    <p className="field-error" id="field-condition-problem">
                      {i18n.t('notif.preview.problemAt', {
                        stage: i18n.t('notif.stage.condition'),
                        line: conditionProblem.line,
                        column: conditionProblem.column ?? 1,
                        message: conditionProblem.message,
                      })}
                    </p>
                  )}
                </>
              )}
            </Row>
          )}
        </section>

        {recipientsShown && (
          <section className="form-section" aria-labelledby="section-recipients">
            <h2 id="section-recipients">{i18n.t('notif.section.recipients')}</h2>
            <RecipientsTable rows={rows} onChange={setRows} />
          </section>
        )}

        <section className="form-section" aria-labelledby="section-set-property">
          <h2 id="section-set-property">{i18n.t('notif.section.setProperty')}</h2>
          {fieldPicker('set_property_after_alert')}
          {plain('property_value')}
        </section>

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
                value={text('message')}
                fields={completionFields}
                describedBy="field-message-hint"
                problem={problemIn('message')}
                onChange={set('message')}
              />
              {errorField === 'message' && (
                <p className="field-error" id="field-message-error">
                  {errorText(error, i18n)}
                </p>
              )}
            </div>
            <PreviewPanel
              notification={values}
              doctype={documentType}
              documents={documents}
              onProblem={(problem, notification) => setChecked({ problem, notification })}
            />
          </div>
        </section>

        <FormActions error={error} savedText={saved ? i18n.t('form.saved') : null} saving={saving} />
      </form>
      {testing && doc && (
        <TestDialog
          notification={String(doc.name)}
          documents={documents}
          onClose={() => {
            setTesting(false);
            setWritten((n) => n + 1);
          }}
        />
      )}
      {doc && (
        <>
          <HistoryPanel doctype="Notification" name={String(doc.name)} refresh={written} />
          <NotificationDeliveries notification={String(doc.name)} refresh={written} />
        </>
      )}
    </>
  );
}

interface RowProps {
  field: DocField;
  error: string | undefined;
  hint?: ReactNode;
  /** The control is a code editor: the label names it by id (`<id>-label`) and a click on it focuses it. */
  editor?: boolean;
  children(describedBy: string | undefined, invalid: boolean): ReactNode;
}

/** A field's label, control, hint (its own, or the description) and the server's complaint. */
function Row({ field, error, hint, editor, children }: RowProps) {
  const i18n = useI18n();
  const id = inputId(field.fieldname);
  const shownHint = hint ?? fieldDescription(field, i18n);
  const hintId = shownHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const check = field.fieldtype === 'Check';
  const label = editor ? (
    <label id={`${id}-label`} onClick={() => document.getElementById(`${id}-editor`)?.focus()}>
      {fieldLabel(field, i18n)}
    </label>
  ) : (
    <label htmlFor={id}>{fieldLabel(field, i18n)}</label>
  );
  const required = field.reqd ? (
    <span className="required" aria-hidden="true" title={i18n.t('form.required')}>
      *
    </span>
  ) : null;
  return (
    <div className={check ? 'field check' : 'field'}>
      {check ? (
        <>
          {children(describedBy, Boolean(error))}
          {label}
        </>
      ) : (
        <>
          <div className="label-line">
            {label}
            {required}
          </div>
          {children(describedBy, Boolean(error))}
        </>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {shownHint && (
        <p className="hint" id={hintId}>
          {shownHint}
        </p>
      )}
    </div>
  );
}

/** The recipient rows: by document field, by role, cc and bcc; rows added and removed here. */
function RecipientsTable({ rows, onChange }: { rows: Doc[]; onChange(rows: Doc[]): void }) {
  const i18n = useI18n();
  const labels: Record<(typeof RECIPIENT_FIELDS)[number], string> = {
    receiver_by_document_field: 'Receiver By Document Field',
    receiver_by_role: 'Receiver By Role',
    cc: 'CC',
    bcc: 'BCC',
  };
  const edit = (index: number, fieldname: string, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [fieldname]: value } : row)));
  return (
    <div className="recipients">
      {rows.length ? (
        <table className="child-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              {RECIPIENT_FIELDS.map((f) => (
                <th key={f} scope="col">
                  {i18n.term(labels[f])}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">{i18n.t('notif.recipients.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>{index + 1}</td>
                {RECIPIENT_FIELDS.map((f) => (
                  <td key={f}>
                    {f === 'receiver_by_role' ? (
                      <LinkInput
                        id={`recipient-${index}-${f}`}
                        target="Role"
                        aria-label={`${i18n.term(labels[f])} ${index + 1}`}
                        value={typeof row[f] === 'string' ? (row[f] as string) : ''}
                        onChange={(e) => edit(index, f, e.target.value)}
                      />
                    ) : (
                      <input
                        id={`recipient-${index}-${f}`}
                        aria-label={`${i18n.term(labels[f])} ${index + 1}`}
                        value={typeof row[f] === 'string' ? (row[f] as string) : ''}
                        onChange={(e) => edit(index, f, e.target.value)}
                      />
                    )}
                  </td>
                ))}
                <td>
                  <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    {i18n.t('notif.recipients.remove', { row: index + 1 })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{i18n.t('form.noRows')}</p>
      )}
      <button type="button" onClick={() => onChange([...rows, {}])}>
        {i18n.t('notif.recipients.add')}
      </button>
    </div>
  );
}
