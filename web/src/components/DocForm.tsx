import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Doc, type DocField, type DocTypeMeta } from '../api.ts';
import { deskPath } from '../doctypes.ts';
import { errorText } from '../errors.ts';
import { defaultInputs, docInputs, isEditable, saveBody, type InputValue } from '../field-values.ts';
import { fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ChildTable } from './ChildTable.tsx';
import { FieldInput } from './FieldInput.tsx';

const inputId = (fieldname: string) => `field-${fieldname}`;

interface Props {
  doctype: string;
  meta: DocTypeMeta;
  /** The stored document; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

/** The fields of a document, one labelled input each, and Save (POST for a new document, PUT otherwise). */
export function DocForm({ doctype, meta, doc: loadedDoc, justCreated }: Props) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const fields = meta.fields.filter((f) => !f.hidden);
  const [doc, setDoc] = useState(loadedDoc);
  const [initial, setInitial] = useState(() => (loadedDoc ? docInputs(fields, loadedDoc) : undefined));
  const [inputs, setInputs] = useState<Record<string, InputValue>>(() => initial ?? defaultInputs(fields));
  const [docName, setDocName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [error, setError] = useState<unknown>();

  const errorField = error instanceof ApiError ? error.field : undefined;
  const askName = !doc && meta.autoname === 'prompt';

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(undefined);
    try {
      if (!doc) {
        const body = saveBody(fields, inputs);
        if (askName && docName.trim()) body.name = docName.trim();
        const created = await api.insert(doctype, body);
        navigate(deskPath(doctype, String(created.name)), { replace: true, state: { saved: true } });
        return;
      }
      const updated = await api.update(doctype, String(doc.name), { ...saveBody(fields, inputs, initial), modified: doc.modified });
      const shown = docInputs(fields, updated);
      setDoc(updated);
      setInitial(shown);
      setInputs(shown);
      setSaved(true);
    } catch (err) {
      setError(err);
      const field = err instanceof ApiError ? err.field : undefined;
      if (field) document.getElementById(inputId(field))?.focus();
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="doc-form" onSubmit={save} noValidate>
      {askName && (
        <div className="field">
          <label htmlFor={inputId('name')}>{i18n.t('form.docName')}</label>
          <input
            id={inputId('name')}
            name="name"
            value={docName}
            onChange={(e) => setDocName(e.target.value)}
            aria-invalid={errorField === 'name' || undefined}
          />
        </div>
      )}
      {fields.map((field) => (
        <FieldRow
          key={field.fieldname}
          field={field}
          value={inputs[field.fieldname] ?? ''}
          rows={Array.isArray(doc?.[field.fieldname]) ? (doc[field.fieldname] as Doc[]) : []}
          error={errorField === field.fieldname ? errorText(error, i18n) : undefined}
          onChange={(value) => setInputs((current) => ({ ...current, [field.fieldname]: value }))}
        />
      ))}
      <div className="form-actions">
        {error ? (
          <p role="alert" className="error">
            {i18n.t('form.notSaved', { message: errorText(error, i18n) })}
          </p>
        ) : null}
        {saved && !saving ? (
          <p role="status" className="saved">
            {i18n.t('form.saved')}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={saving}>
          {saving ? i18n.t('form.saving') : i18n.t('form.save')}
        </button>
      </div>
    </form>
  );
}

interface FieldRowProps {
  field: DocField;
  value: InputValue;
  rows: Doc[];
  error: string | undefined;
  onChange(value: InputValue): void;
}

/** One field: its label, input, description and the server's complaint about it. */
function FieldRow({ field, value, rows, error, onChange }: FieldRowProps) {
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
        <ChildTable field={field} rows={rows} labelId={`${id}-label`} />
        <p className="hint">{i18n.t('form.readOnlyTable')}</p>
      </div>
    );

  const input = (
    <FieldInput
      field={field}
      id={id}
      value={value}
      disabled={!isEditable(field)}
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
          {field.description}
        </p>
      )}
    </div>
  );
}
