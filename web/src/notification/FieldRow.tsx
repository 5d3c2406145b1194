import type { ReactNode } from 'react';
import type { DocField } from '../api.ts';
import { inputId } from '../components/DocNameField.tsx';
import { fieldDescription, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  field: DocField;
  error: string | undefined;
  hint?: ReactNode;
  /** The control is a code editor: the label names it by id (`<id>-label`) and a click on it focuses it. */
  editor?: boolean;
  children(describedBy: string | undefined, invalid: boolean): ReactNode;
}

/** A field's label, control, hint (its own, or the description) and the server's complaint. */
export function FieldRow({ field, error, hint, editor, children }: Props) {
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
