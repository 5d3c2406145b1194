import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Doc } from '../api.ts';
import { deskPath } from '../doctypes.ts';
import { FormActions } from '../components/FormActions.tsx';
import { errorText } from '../errors.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import './doctype-editor.css';

/** Roles every user holds, or that only Administrator holds: not offered as checkboxes (kept as they are). */
const AUTOMATIC_ROLES = new Set(['All', 'Guest', 'Administrator']);

interface Props {
  /** The stored User; undefined for a new one. */
  doc: Doc | undefined;
  justCreated: boolean;
}

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const rolesOf = (doc: Doc | undefined) => (Array.isArray(doc?.roles) ? (doc.roles as Doc[]).map((r) => str(r.role)) : []);

/** A user: name, email, enabled, a new password (never read back) and their roles as checkboxes. */
export function UserForm({ doc: loadedDoc, justCreated }: Props) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [doc, setDoc] = useState(loadedDoc);
  const [firstName, setFirstName] = useState(str(loadedDoc?.first_name));
  const [lastName, setLastName] = useState(str(loadedDoc?.last_name));
  const [email, setEmail] = useState(str(loadedDoc?.email));
  const [enabled, setEnabled] = useState(loadedDoc ? Boolean(loadedDoc.enabled) : true);
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState(() => new Set(rolesOf(loadedDoc)));
  const [allRoles, setAllRoles] = useState<string[]>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [error, setError] = useState<unknown>();
  const errorField = error instanceof ApiError ? error.field : undefined;

  useEffect(() => {
    api.list('Role', { fields: ['name', 'disabled'], pageLength: 0, orderBy: 'name asc' }).then(
      (docs) => setAllRoles(docs.filter((d) => !d.disabled && !AUTOMATIC_ROLES.has(String(d.name))).map((d) => String(d.name))),
      (err: unknown) => {
        setAllRoles([]);
        setError(err);
      },
    );
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(undefined);
    const body: Doc = {
      first_name: firstName.trim(),
      last_name: lastName.trim() || null,
      enabled: enabled ? 1 : 0,
      roles: [...roles].map((role) => {
        const existing = Array.isArray(doc?.roles) ? (doc.roles as Doc[]).find((r) => r.role === role) : undefined;
        return existing ? { name: existing.name, role } : { role };
      }),
    };
    if (password) body.new_password = password;
    try {
      if (!doc) {
        const created = await api.insert('User', { email: email.trim(), ...body });
        navigate(deskPath('User', String(created.name)), { replace: true, state: { saved: true } });
        return;
      }
      const updated = await api.update('User', String(doc.name), { ...body, modified: doc.modified });
      setDoc(updated);
      setRoles(new Set(rolesOf(updated)));
      setPassword('');
      setSaved(true);
    } catch (err) {
      setError(err);
      const field = err instanceof ApiError ? err.field : undefined;
      if (field) document.getElementById(`user-${field}`)?.focus();
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (field: string) =>
    errorField === field ? (
      <p className="field-error" id={`user-${field}-error`}>
        {errorText(error, i18n)}
      </p>
    ) : null;
  const textInput = (
    field: string,
    label: MessageKey,
    value: string,
    set: (value: string) => void,
    options: { type?: string; required?: boolean; disabled?: boolean; hint?: MessageKey; autoComplete?: string } = {},
  ) => (
    <div className="field">
      <div className="label-line">
        <label htmlFor={`user-${field}`}>{i18n.t(label)}</label>
        {options.required && (
          <span className="required" aria-hidden="true" title={i18n.t('form.required')}>
            *
          </span>
        )}
      </div>
      <input
        id={`user-${field}`}
        name={field}
        type={options.type ?? 'text'}
        value={value}
        disabled={options.disabled}
        autoComplete={options.autoComplete}
        aria-required={options.required || undefined}
        aria-invalid={errorField === field || undefined}
        aria-describedby={
          [errorField === field ? `user-${field}-error` : '', options.hint ? `user-${field}-hint` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(e) => set(e.target.value)}
      />
      {fieldError(field)}
      {options.hint && (
        <p className="hint" id={`user-${field}-hint`}>
          {i18n.t(options.hint)}
        </p>
      )}
    </div>
  );

  return (
    <form className="doc-form user-form" onSubmit={save} noValidate>
      {textInput('email', 'settings.user.email', email, setEmail, {
        type: 'email',
        required: true,
        disabled: doc !== undefined,
        autoComplete: 'off',
      })}
      {textInput('first_name', 'settings.user.firstName', firstName, setFirstName, { required: true })}
      {textInput('last_name', 'settings.user.lastName', lastName, setLastName)}
      <div className="field check">
        <input id="user-enabled" name="enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor="user-enabled">{i18n.t('settings.user.enabled')}</label>
        {fieldError('enabled')}
      </div>
      {textInput('new_password', 'settings.user.newPassword', password, setPassword, {
        type: 'password',
        hint: 'settings.user.newPasswordHint',
        autoComplete: 'new-password',
      })}
      <fieldset className="user-roles" aria-invalid={errorField === 'roles' || undefined}>
        <legend>{i18n.t('settings.user.roles')}</legend>
        {allRoles && allRoles.length === 0 ? <p className="hint">{i18n.t('settings.user.noRoles')}</p> : null}
        <ul>
          {(allRoles ?? []).map((role) => (
            <li key={role}>
              <input
                type="checkbox"
                id={`user-role-${role.replace(/\W+/g, '-')}`}
                checked={roles.has(role)}
                onChange={(e) =>
                  setRoles((current) => {
                    const next = new Set(current);
                    if (e.target.checked) next.add(role);
                    else next.delete(role);
                    return next;
                  })
                }
              />
              <label htmlFor={`user-role-${role.replace(/\W+/g, '-')}`}>{i18n.term(role)}</label>
            </li>
          ))}
        </ul>
        {fieldError('roles')}
      </fieldset>
      <FormActions error={error} savedText={saved ? i18n.t('form.saved') : null} saving={saving} />
    </form>
  );
}
