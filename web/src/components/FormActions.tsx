import type { ReactNode } from 'react';
import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The foot of every form: a refused save in the server's words (role="alert"), the "Saved" status,
 * the Save button, and whatever other actions the form adds after it (Submit, Cancel, Delete…).
 */
export function FormActions(props: {
  error: unknown;
  /** The status to show once saved (null or undefined: none). */
  savedText: string | null | undefined;
  saving: boolean;
  /** False when nothing in the form can be saved. */
  showSave?: boolean;
  children?: ReactNode;
}) {
  const i18n = useI18n();
  const { error, savedText, saving, showSave = true, children } = props;
  return (
    <div className="form-actions">
      {error ? (
        <p role="alert" className="error">
          {i18n.t('form.notSaved', { message: errorText(error, i18n) })}
        </p>
      ) : null}
      {savedText && !saving ? (
        <p role="status" className="saved">
          {savedText}
        </p>
      ) : null}
      {showSave && (
        <button type="submit" className="primary" disabled={saving}>
          {saving ? i18n.t('form.saving') : i18n.t('form.save')}
        </button>
      )}
      {children}
    </div>
  );
}
