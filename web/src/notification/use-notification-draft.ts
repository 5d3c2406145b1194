import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Doc, type DocTypeMeta } from '../api.ts';
import { inputId } from '../components/DocNameField.tsx';
import { deskPath } from '../doctypes.ts';
import { defaultInputs, docInputs, saveBody, type InputValue } from '../field-values.ts';
import { cleanRows } from './recipient-rows.ts';

export interface NotificationDraft {
  /** The stored notification as last loaded or saved; undefined for a new one. */
  doc: Doc | undefined;
  inputs: Record<string, InputValue>;
  /** The value of a text field ('' when it holds something else). */
  text(fieldname: string): string;
  /** A setter for one field's value. */
  set(fieldname: string): (value: InputValue) => void;
  recipients: Doc[];
  setRecipients(rows: Doc[]): void;
  /** The name a new notification is to be created under ('' for the server's choice). */
  docName: string;
  setDocName(name: string): void;
  /** The form's values as the API takes them (for the preview: unsaved). */
  values: Doc;
  save(e: FormEvent): Promise<void>;
  saving: boolean;
  saved: boolean;
  error: unknown;
  /** The field the server's error is about, if it names one. */
  errorField: string | undefined;
  /** Bumped after each save and test send: the history and the deliveries read again. */
  written: number;
  /** Says that something was written elsewhere (a test send). */
  bumpWritten(): void;
}

/** The Notification being edited: its values, its recipient rows, and saving them. */
export function useNotificationDraft(meta: DocTypeMeta, loadedDoc: Doc | undefined, justCreated: boolean): NotificationDraft {
  const navigate = useNavigate();
  const fields = meta.fields.filter((f) => !f.hidden);
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
  const [written, setWritten] = useState(0);

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

  return {
    doc,
    inputs,
    text: (fieldname) => (typeof inputs[fieldname] === 'string' ? (inputs[fieldname] as string) : ''),
    set: (fieldname) => (value) => setInputs((current) => ({ ...current, [fieldname]: value })),
    recipients: rows,
    setRecipients: setRows,
    docName,
    setDocName,
    values,
    save,
    saving,
    saved,
    error,
    errorField: error instanceof ApiError ? error.field : undefined,
    written,
    bumpWritten: () => setWritten((n) => n + 1),
  };
}
