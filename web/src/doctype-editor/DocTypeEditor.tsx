import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, type Doc } from '../api.ts';
import { clearDoctypeCaches, deskPath } from '../doctypes.ts';
import { FormActions } from '../components/FormActions.tsx';
import { errorText } from '../errors.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import './doctype-editor.css';
// The server's own list of field types (meta.ts imports nothing, so the Desk can share it).
import { FIELD_TYPES } from '../../../src/documents/meta.ts';

const CHECKS = ['reqd', 'in_list_view', 'search_index', 'unique', 'read_only'] as const;
type CheckColumn = (typeof CHECKS)[number];
const CHECK_LABELS: Record<CheckColumn, MessageKey> = {
  reqd: 'settings.doctype.col.reqd',
  in_list_view: 'settings.doctype.col.inListView',
  search_index: 'settings.doctype.col.searchIndex',
  unique: 'settings.doctype.col.unique',
  read_only: 'settings.doctype.col.readOnly',
};

/** One row of the fields table as edited; `rest` keeps the columns this editor does not show. */
interface FieldRow {
  key: number;
  fieldname: string;
  /** The fieldname follows the label until it is typed by hand. */
  autoFieldname: boolean;
  label: string;
  fieldtype: string;
  options: string;
  default: string;
  checks: Record<CheckColumn, boolean>;
  rest: Doc;
}

interface Header {
  name: string;
  module: string;
  autoname: string;
  is_submittable: boolean;
  istable: boolean;
  title_field: string;
}

let nextKey = 1;

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** A fieldname made from a label, as Frappe does: `Date d'échéance` → `date_d_echeance`. */
export function fieldnameOf(label: string): string {
  const name = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `field_${name}` : name;
}

function rowsOf(doc: Doc | undefined): FieldRow[] {
  const rows = Array.isArray(doc?.fields) ? (doc.fields as Doc[]) : [];
  return [...rows]
    .sort((a, b) => Number(a.idx ?? 0) - Number(b.idx ?? 0))
    .map((row) => {
      const { fieldname, label, fieldtype, options, default: dflt, ...rest } = row;
      const checks = Object.fromEntries(CHECKS.map((c) => [c, Boolean(row[c])])) as Record<CheckColumn, boolean>;
      for (const c of CHECKS) delete rest[c];
      return {
        key: nextKey++,
        fieldname: str(fieldname),
        autoFieldname: false,
        label: str(label),
        fieldtype: str(fieldtype) || 'Data',
        options: str(options),
        default: str(dflt),
        checks,
        rest,
      };
    });
}

function headerOf(doc: Doc | undefined): Header {
  return {
    name: str(doc?.name),
    module: doc ? str(doc.module) : 'Custom',
    autoname: str(doc?.autoname),
    is_submittable: Boolean(doc?.is_submittable),
    istable: Boolean(doc?.istable),
    title_field: str(doc?.title_field),
  };
}

function newRow(): FieldRow {
  return {
    key: nextKey++,
    fieldname: '',
    autoFieldname: true,
    label: '',
    fieldtype: 'Data',
    options: '',
    default: '',
    checks: { reqd: false, in_list_view: false, search_index: false, unique: false, read_only: false },
    rest: {},
  };
}

function rowBody(row: FieldRow): Doc {
  const keep = Object.fromEntries(
    Object.entries(row.rest).filter(([key]) => ['name', 'allow_on_submit', 'hidden', 'description'].includes(key)),
  );
  return {
    ...keep,
    fieldname: row.fieldname.trim(),
    label: row.label.trim() || null,
    fieldtype: row.fieldtype,
    options: row.options.trim() ? row.options.replace(/\r\n/g, '\n').trim() : null,
    default: row.default === '' ? null : row.default,
    ...Object.fromEntries(CHECKS.map((c) => [c, row.checks[c] ? 1 : 0])),
  };
}

/** Where the server's complaint belongs: a header input, or a row of the fields table (and its column). */
function errorPlace(error: unknown): { field?: string; row?: number; column?: string } {
  if (!(error instanceof ApiError)) return {};
  const { row, field, tablefield } = error.details as { row?: unknown; field?: unknown; tablefield?: unknown };
  if (typeof row === 'number' && (field === 'fields' || tablefield === 'fields'))
    return { row, column: tablefield === 'fields' && typeof field === 'string' ? field : undefined };
  return { field: typeof field === 'string' ? field : undefined };
}

const cellId = (row: number, column: string) => `dt-fields-${row}-${column}`;

interface Props {
  /** The stored DocType; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

/** The DocType form: the type's settings and its fields, edited as a table; saved through the REST API. */
export function DocTypeEditor({ doc: loadedDoc, justCreated }: Props) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [doc, setDoc] = useState(loadedDoc);
  const [header, setHeader] = useState(() => headerOf(loadedDoc));
  const [rows, setRows] = useState(() => rowsOf(loadedDoc));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [error, setError] = useState<unknown>();
  const [doctypes, setDoctypes] = useState<string[]>([]);
  const readOnly = doc !== undefined && !doc.custom;
  const place = errorPlace(error);

  useEffect(() => {
    api.list('DocType', { fields: ['name'], pageLength: 0, orderBy: 'name asc' }).then(
      (docs) => setDoctypes(docs.map((d) => String(d.name))),
      () => setDoctypes([]),
    );
  }, []);

  const setRow = (index: number, change: (row: FieldRow) => FieldRow) =>
    setRows((current) => current.map((row, i) => (i === index ? change(row) : row)));
  const move = (index: number, by: number) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(undefined);
    const body: Doc = {
      module: header.module.trim() || 'Custom',
      autoname: header.autoname.trim() || null,
      is_submittable: header.is_submittable ? 1 : 0,
      istable: header.istable ? 1 : 0,
      title_field: header.title_field || null,
      fields: rows.map(rowBody),
    };
    try {
      if (!doc) {
        const created = await api.insert('DocType', { name: header.name.trim(), ...body });
        clearDoctypeCaches();
        navigate(deskPath('DocType', String(created.name)), { replace: true, state: { saved: true } });
        return;
      }
      const updated = await api.update('DocType', String(doc.name), { ...body, modified: doc.modified });
      clearDoctypeCaches();
      setDoc(updated);
      setHeader(headerOf(updated));
      setRows(rowsOf(updated));
      setSaved(true);
    } catch (err) {
      setError(err);
      const at = errorPlace(err);
      const id = at.row ? cellId(at.row, at.column ?? 'fieldname') : at.field ? `dt-${at.field}` : undefined;
      if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
    } finally {
      setSaving(false);
    }
  }

  const headerError = (field: string) =>
    place.field === field ? (
      <p className="field-error" id={`dt-${field}-error`}>
        {errorText(error, i18n)}
      </p>
    ) : null;
  const headerInput = (field: 'name' | 'module' | 'autoname', label: MessageKey, hint?: MessageKey) => (
    <div className="field">
      <div className="label-line">
        <label htmlFor={`dt-${field}`}>{i18n.t(label)}</label>
        {field === 'name' && (
          <span className="required" aria-hidden="true" title={i18n.t('form.required')}>
            *
          </span>
        )}
      </div>
      <input
        id={`dt-${field}`}
        name={field}
        value={header[field]}
        disabled={readOnly || (field === 'name' && doc !== undefined)}
        aria-required={field === 'name' || undefined}
        aria-invalid={place.field === field || undefined}
        aria-describedby={
          [place.field === field ? `dt-${field}-error` : '', hint ? `dt-${field}-hint` : ''].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => setHeader((h) => ({ ...h, [field]: e.target.value }))}
      />
      {headerError(field)}
      {hint && (
        <p className="hint" id={`dt-${field}-hint`}>
          {i18n.t(hint)}
        </p>
      )}
    </div>
  );
  const headerCheck = (field: 'is_submittable' | 'istable', label: MessageKey) => (
    <div className="field check">
      <input
        type="checkbox"
        id={`dt-${field}`}
        name={field}
        checked={header[field]}
        disabled={readOnly || (field === 'istable' && doc !== undefined)}
        aria-invalid={place.field === field || undefined}
        onChange={(e) => setHeader((h) => ({ ...h, [field]: e.target.checked }))}
      />
      <label htmlFor={`dt-${field}`}>{i18n.t(label)}</label>
      {headerError(field)}
    </div>
  );

  const fieldnames = rows.map((r) => r.fieldname.trim()).filter(Boolean);
  return (
    <form className="doc-form doctype-editor" onSubmit={save} noValidate>
      {readOnly && (
        <p className="note" role="note">
          {i18n.t('settings.doctype.core')}
        </p>
      )}
      {doc && !doc.istable && (
        <p>
          <Link to={deskPath(String(doc.name))}>{i18n.t('settings.doctype.openList', { doctype: i18n.term(String(doc.name)) })}</Link>
        </p>
      )}
      {headerInput('name', 'settings.doctype.name')}
      {headerInput('module', 'settings.doctype.module')}
      {headerInput('autoname', 'settings.doctype.autoname', 'settings.doctype.autonameHint')}
      {headerCheck('is_submittable', 'settings.doctype.isSubmittable')}
      {headerCheck('istable', 'settings.doctype.istable')}
      <div className="field">
        <label htmlFor="dt-title_field">{i18n.t('settings.doctype.titleField')}</label>
        <select
          id="dt-title_field"
          name="title_field"
          value={header.title_field}
          disabled={readOnly}
          aria-invalid={place.field === 'title_field' || undefined}
          onChange={(e) => setHeader((h) => ({ ...h, title_field: e.target.value }))}
        >
          <option value="">{i18n.t('settings.doctype.noTitleField')}</option>
          {!fieldnames.includes(header.title_field) && header.title_field && (
            <option value={header.title_field}>{header.title_field}</option>
          )}
          {fieldnames.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        {headerError('title_field')}
      </div>

      <fieldset className="doctype-fields">
        <legend>{i18n.t('settings.doctype.fields')}</legend>
        {place.field === 'fields' && place.row === undefined && (
          <p className="field-error" id="dt-fields-error">
            {errorText(error, i18n)}
          </p>
        )}
        {rows.length === 0 ? <p className="hint">{i18n.t('settings.doctype.noFields')}</p> : null}
        <datalist id="dt-doctypes">
          {doctypes.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{i18n.t('settings.doctype.col.label')}</th>
                <th scope="col">{i18n.t('settings.doctype.col.fieldname')}</th>
                <th scope="col">{i18n.t('settings.doctype.col.fieldtype')}</th>
                <th scope="col">{i18n.t('settings.doctype.col.options')}</th>
                {CHECKS.map((c) => (
                  <th scope="col" key={c}>
                    {i18n.t(CHECK_LABELS[c])}
                  </th>
                ))}
                <th scope="col">{i18n.t('settings.doctype.col.default')}</th>
                {!readOnly && <th scope="col">{i18n.t('settings.doctype.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                const rowLabel = i18n.t('settings.doctype.row', { row: n });
                const cellLabel = (key: MessageKey) => `${i18n.t(key)} (${rowLabel})`;
                const rowHasError = place.row === n;
                const errorId = `dt-fields-${n}-error`;
                const cellProps = (column: string) => ({
                  id: cellId(n, column),
                  disabled: readOnly,
                  'aria-invalid': (rowHasError && (place.column === column || (!place.column && column === 'fieldname'))) || undefined,
                  'aria-describedby': rowHasError ? errorId : undefined,
                });
                const optionsKind =
                  row.fieldtype === 'Select' ? 'select' : row.fieldtype === 'Link' || row.fieldtype === 'Table' ? 'target' : 'other';
                return [
                  <tr key={row.key} className={rowHasError ? 'has-error' : undefined}>
                    <th scope="row">{n}</th>
                    <td>
                      <input
                        {...cellProps('label')}
                        aria-label={cellLabel('settings.doctype.col.label')}
                        value={row.label}
                        onChange={(e) =>
                          setRow(index, (r) => ({
                            ...r,
                            label: e.target.value,
                            fieldname: r.autoFieldname ? fieldnameOf(e.target.value) : r.fieldname,
                          }))
                        }
                      />
                    </td>
                    <td>
                      <input
                        {...cellProps('fieldname')}
                        aria-label={cellLabel('settings.doctype.col.fieldname')}
                        value={row.fieldname}
                        spellCheck={false}
                        disabled={readOnly || row.rest.name !== undefined}
                        onChange={(e) => setRow(index, (r) => ({ ...r, fieldname: e.target.value, autoFieldname: false }))}
                      />
                    </td>
                    <td>
                      <select
                        {...cellProps('fieldtype')}
                        aria-label={cellLabel('settings.doctype.col.fieldtype')}
                        value={row.fieldtype}
                        onChange={(e) => setRow(index, (r) => ({ ...r, fieldtype: e.target.value }))}
                      >
                        {FIELD_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {t}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {optionsKind === 'select' ? (
                        <textarea
                          {...cellProps('options')}
                          aria-label={`${cellLabel('settings.doctype.col.options')}: ${i18n.t('settings.doctype.optionsSelect')}`}
                          placeholder={i18n.t('settings.doctype.optionsSelect')}
                          rows={3}
                          value={row.options}
                          onChange={(e) => setRow(index, (r) => ({ ...r, options: e.target.value }))}
                        />
                      ) : (
                        <input
                          {...cellProps('options')}
                          aria-label={
                            optionsKind === 'target'
                              ? `${cellLabel('settings.doctype.col.options')}: ${i18n.t(row.fieldtype === 'Table' ? 'settings.doctype.optionsTable' : 'settings.doctype.optionsLink')}`
                              : cellLabel('settings.doctype.col.options')
                          }
                          placeholder={
                            optionsKind === 'target'
                              ? i18n.t(row.fieldtype === 'Table' ? 'settings.doctype.optionsTable' : 'settings.doctype.optionsLink')
                              : undefined
                          }
                          list={optionsKind === 'target' ? 'dt-doctypes' : undefined}
                          value={row.options}
                          onChange={(e) => setRow(index, (r) => ({ ...r, options: e.target.value }))}
                        />
                      )}
                    </td>
                    {CHECKS.map((c) => (
                      <td key={c} className="check-cell">
                        <input
                          {...cellProps(c)}
                          type="checkbox"
                          aria-label={cellLabel(CHECK_LABELS[c])}
                          checked={row.checks[c]}
                          onChange={(e) => setRow(index, (r) => ({ ...r, checks: { ...r.checks, [c]: e.target.checked } }))}
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        {...cellProps('default')}
                        aria-label={cellLabel('settings.doctype.col.default')}
                        value={row.default}
                        onChange={(e) => setRow(index, (r) => ({ ...r, default: e.target.value }))}
                      />
                    </td>
                    {!readOnly && (
                      <td className="row-actions">
                        <button
                          type="button"
                          aria-label={i18n.t('settings.doctype.up', { row: n })}
                          title={i18n.t('settings.doctype.up', { row: n })}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          aria-label={i18n.t('settings.doctype.down', { row: n })}
                          title={i18n.t('settings.doctype.down', { row: n })}
                          disabled={index === rows.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          aria-label={i18n.t('settings.doctype.remove', { row: n })}
                          title={i18n.t('settings.doctype.remove', { row: n })}
                          onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                        >
                          ✕
                        </button>
                      </td>
                    )}
                  </tr>,
                  rowHasError ? (
                    <tr key={`${row.key}-error`} className="row-error">
                      <td colSpan={readOnly ? 11 : 12}>
                        <p className="field-error" id={errorId}>
                          {i18n.t('settings.doctype.rowError', { row: n, message: errorText(error, i18n) })}
                        </p>
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
        {!readOnly && (
          <button type="button" onClick={() => setRows((current) => [...current, newRow()])}>
            {i18n.t('settings.doctype.addField')}
          </button>
        )}
      </fieldset>

      {!readOnly && <FormActions error={error} savedText={saved ? i18n.t('form.saved') : null} saving={saving} />}
    </form>
  );
}
