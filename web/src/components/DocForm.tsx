import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Doc, type DocField, type DocTypeMeta } from '../api.ts';
import { deskPath, loadMeta } from '../doctypes.ts';
import { HistoryPanel } from '../forms/HistoryPanel.tsx';
import { useAsync } from '../use-async.ts';
import { ErrorMessage, Loading } from './Status.tsx';
import { errorText } from '../errors.ts';
import { FormActions } from './FormActions.tsx';
import { defaultInputs, docInputs, isEditable, saveBody, type InputValue } from '../field-values.ts';
import { fieldDescription, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ChildTable } from './ChildTable.tsx';
import { ConfirmDialog } from '../forms/ConfirmDialog.tsx';
import { childBody, childRows, rowsDiffer, type ChildRow } from '../forms/child-rows.ts';
import { FieldInput } from './FieldInput.tsx';
import { DocNameField, inputId } from './DocNameField.tsx';

interface OuterProps {
  doctype: string;
  meta: DocTypeMeta;
  /** The stored document; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

interface Props extends OuterProps {
  /** The child doctypes' fields, by Table fieldname. */
  childMetas: Record<string, DocField[]>;
  /** Called after each write (save, submit, cancel), e.g. to refresh the history. */
  onWritten?(doc: Doc): void;
}

/** The form of a document once its child doctypes are known, and the history of a saved one. */
export function DocForm(props: OuterProps) {
  const { meta, doctype, doc } = props;
  const [written, setWritten] = useState(0);
  const childMetas = useAsync(async () => {
    const tables = meta.fields.filter((f) => f.fieldtype === 'Table' && f.options);
    const metas = await Promise.all(tables.map((f) => loadMeta(String(f.options))));
    return Object.fromEntries(tables.map((f, i) => [f.fieldname, metas[i].fields])) as Record<string, DocField[]>;
  }, [meta]);
  if (childMetas.error) return <ErrorMessage error={childMetas.error} />;
  if (!childMetas.data) return <Loading />;
  return (
    <>
      <DocFormFields {...props} childMetas={childMetas.data} onWritten={() => setWritten((n) => n + 1)} />
      {doc?.name !== undefined && <HistoryPanel doctype={doctype} name={String(doc.name)} refresh={written} />}
    </>
  );
}

type Action = 'submit' | 'cancel' | 'delete';

const tableRowsOf = (fields: DocField[], childMetas: Record<string, DocField[]>, doc: Doc | undefined) =>
  Object.fromEntries(
    fields.filter((f) => f.fieldtype === 'Table').map((f) => [f.fieldname, childRows(childMetas[f.fieldname] ?? [], doc?.[f.fieldname])]),
  ) as Record<string, ChildRow[]>;

/**
 * The fields of a document, one labelled input each, and Save (POST for a new document, PUT otherwise);
 * for a submittable doctype its status and Submit / Cancel, and Delete for a draft or cancelled one.
 */
function DocFormFields({ doctype, meta, childMetas, doc: loadedDoc, justCreated, onWritten }: Props) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const fields = meta.fields.filter((f) => !f.hidden);
  const [doc, setDoc] = useState(loadedDoc);
  const [initial, setInitial] = useState(() => (loadedDoc ? docInputs(fields, loadedDoc) : undefined));
  const [inputs, setInputs] = useState<Record<string, InputValue>>(() => initial ?? defaultInputs(fields));
  const [initialTables, setInitialTables] = useState(() => tableRowsOf(fields, childMetas, loadedDoc));
  const [tables, setTables] = useState(initialTables);
  const [docName, setDocName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(justCreated ? i18n.t('form.saved') : undefined);
  const [error, setError] = useState<unknown>();
  const [confirming, setConfirming] = useState<Action>();

  const errorField = error instanceof ApiError ? error.field : undefined;
  const askName = !doc && meta.autoname === 'prompt';
  const docstatus = Number(doc?.docstatus ?? 0);
  const submittable = Boolean(meta.is_submittable);
  /** Whether the form may change a field now: drafts anything editable, submitted ones allow_on_submit only. */
  const canEdit = (field: DocField) =>
    (field.fieldtype === 'Table' || isEditable(field)) && (docstatus === 0 || (docstatus === 1 && Boolean(field.allow_on_submit)));
  const anyEditable = fields.some(canEdit);

  function tableBody(all: boolean): Doc {
    const body: Doc = {};
    for (const f of fields) {
      if (f.fieldtype !== 'Table' || !canEdit(f)) continue;
      const rows = tables[f.fieldname] ?? [];
      if (all ? rows.length === 0 : !rowsDiffer(rows, initialTables[f.fieldname] ?? [])) continue;
      body[f.fieldname] = childBody(childMetas[f.fieldname] ?? [], rows);
    }
    return body;
  }

  /** The changed fields of a stored document, without the ones it no longer allows to change. */
  function changes(): Doc {
    const body = { ...saveBody(fields, inputs, initial), ...tableBody(false) };
    for (const f of fields) if (!canEdit(f)) delete body[f.fieldname];
    return body;
  }

  function show(updated: Doc, message: string) {
    const shown = docInputs(fields, updated);
    const shownTables = tableRowsOf(fields, childMetas, updated);
    setDoc(updated);
    setInitial(shown);
    setInputs(shown);
    setInitialTables(shownTables);
    setTables(shownTables);
    setSaved(message);
    onWritten?.(updated);
  }

  function failed(err: unknown) {
    setError(err);
    const field = err instanceof ApiError ? err.field : undefined;
    if (field) document.getElementById(inputId(field))?.focus();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaved(undefined);
    setError(undefined);
    try {
      if (!doc) {
        const body = { ...saveBody(fields, inputs), ...tableBody(true) };
        if (askName && docName.trim()) body.name = docName.trim();
        const created = await api.insert(doctype, body);
        navigate(deskPath(doctype, String(created.name)), { replace: true, state: { saved: true } });
        return;
      }
      const updated = await api.update(doctype, String(doc.name), { ...changes(), modified: doc.modified });
      show(updated, i18n.t('form.saved'));
    } catch (err) {
      failed(err);
    } finally {
      setSaving(false);
    }
  }

  async function act(action: Action) {
    if (!doc) return;
    setConfirming(undefined);
    setSaving(true);
    setSaved(undefined);
    setError(undefined);
    try {
      const name = String(doc.name);
      if (action === 'delete') {
        await api.remove(doctype, name);
        navigate(deskPath(doctype), { replace: true });
        return;
      }
      const body = action === 'submit' ? { ...changes(), docstatus: 1 } : { docstatus: 2 };
      const updated = await api.update(doctype, name, { ...body, modified: doc.modified });
      show(updated, i18n.t(action === 'submit' ? 'forms.action.submitted' : 'forms.action.cancelled'));
    } catch (err) {
      failed(err);
    } finally {
      setSaving(false);
    }
  }

  const actionLabel = (action: Action) => i18n.t(`forms.action.${action}`);
  const docLabel = String(doc?.name ?? '');

  return (
    <form className="doc-form" onSubmit={save} noValidate>
      {doc && submittable && (
        <p className={`doc-status doc-status-${docstatus}`}>
          <span className="sr-only">{i18n.t('forms.status.label')}: </span>
          <span className="doc-status-badge">{i18n.t(`forms.status.${docstatus === 1 ? 1 : docstatus === 2 ? 2 : 0}`)}</span>
        </p>
      )}
      {doc && docstatus === 1 && <p className="hint">{i18n.t('forms.readOnly.submitted')}</p>}
      {doc && docstatus === 2 && <p className="hint">{i18n.t('forms.readOnly.cancelled')}</p>}
      {askName && <DocNameField value={docName} onChange={setDocName} invalid={errorField === 'name'} />}
      {fields
        .filter((field) => !emptyReadOnly(field, inputs[field.fieldname]))
        .map((field) => (
          <FieldRow
            key={field.fieldname}
            field={field}
            editable={canEdit(field)}
            value={inputs[field.fieldname] ?? ''}
            childMeta={childMetas[field.fieldname] ?? []}
            rows={tables[field.fieldname] ?? []}
            error={errorField === field.fieldname ? errorText(error, i18n) : undefined}
            onChange={(value) => setInputs((current) => ({ ...current, [field.fieldname]: value }))}
            onRowsChange={(rows) => setTables((current) => ({ ...current, [field.fieldname]: rows }))}
          />
        ))}
      <FormActions error={error} savedText={saved} saving={saving} showSave={!doc || anyEditable}>
        {doc && submittable && docstatus === 0 && (
          <button type="button" className="primary" disabled={saving} onClick={() => setConfirming('submit')}>
            {actionLabel('submit')}
          </button>
        )}
        {doc && submittable && docstatus === 1 && (
          <button type="button" disabled={saving} onClick={() => setConfirming('cancel')}>
            {actionLabel('cancel')}
          </button>
        )}
        {doc && docstatus !== 1 && (
          <button type="button" className="danger" disabled={saving} onClick={() => setConfirming('delete')}>
            {actionLabel('delete')}
          </button>
        )}
      </FormActions>
      {confirming && (
        <ConfirmDialog
          title={i18n.t(`forms.confirm.${confirming}Title`, { name: docLabel })}
          text={i18n.t(`forms.confirm.${confirming}Text`)}
          confirm={actionLabel(confirming)}
          danger={confirming !== 'submit'}
          onConfirm={() => void act(confirming)}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </form>
  );
}

interface FieldRowProps {
  field: DocField;
  editable: boolean;
  value: InputValue;
  childMeta: DocField[];
  rows: ChildRow[];
  error: string | undefined;
  onChange(value: InputValue): void;
  onRowsChange(rows: ChildRow[]): void;
}

/** One field: its label, input, description and the server's complaint about it. */
function FieldRow({ field, editable, value, childMeta, rows, error, onChange, onRowsChange }: FieldRowProps) {
  const i18n = useI18n();
  const id = inputId(field.fieldname);
  const label = fieldLabel(field, i18n);
  const hintId = field.description ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  // Outside the label, so that the input's name is the label alone; aria-required tells screen readers.
  const required = field.reqd ? (
    <span className="required" aria-hidden="true" title={i18n.t('form.required')}>
      *
    </span>
  ) : null;

  if (field.fieldtype === 'Table')
    return (
      <div className="field">
        <span className="label" id={`${id}-label`}>
          {label}
        </span>
        <ChildTable field={field} childMeta={childMeta} rows={rows} labelId={`${id}-label`} disabled={!editable} onChange={onRowsChange} />
        {error && <p className="field-error">{error}</p>}
      </div>
    );

  const input = (
    <FieldInput
      field={field}
      id={id}
      value={value}
      disabled={!editable}
      describedBy={describedBy}
      invalid={Boolean(error)}
      onChange={onChange}
    />
  );
  return (
    <div className={field.fieldtype === 'Check' ? 'field check' : 'field'}>
      {field.fieldtype === 'Check' ? (
        <>
          {input}
          <label htmlFor={id}>{label}</label>
          {required}
        </>
      ) : (
        <>
          <div className="label-line">
            <label htmlFor={id}>{label}</label>
            {required}
          </div>
          {input}
        </>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {field.description && (
        <p className="hint" id={hintId}>
          {fieldDescription(field, i18n)}
        </p>
      )}
    </div>
  );
}

/** A read-only field with nothing in it (a new document's counters, no last error): Frappe leaves it out, so do we. */
function emptyReadOnly(field: DocField, value: InputValue | undefined): boolean {
  return Boolean(field.read_only) && field.fieldtype !== 'Table' && (value === undefined || value === '');
}
