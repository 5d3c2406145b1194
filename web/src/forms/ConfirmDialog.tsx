import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import './forms.css';

interface Props {
  title: string;
  text: string;
  /** The confirming button's label (the action's verb). */
  confirm: string;
  danger?: boolean;
  onConfirm(): void;
  onClose(): void;
}

/** A modal question before an action that cannot be undone (Escape or "Keep it" closes it). */
export function ConfirmDialog({ title, text, confirm, danger, onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const i18n = useI18n();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="confirm-dialog-title" onClose={onClose}>
      <h2 id="confirm-dialog-title">{title}</h2>
      <p>{text}</p>
      <div className="form-actions">
        <button type="button" className={danger ? 'primary danger' : 'primary'} onClick={onConfirm}>
          {i18n.t('forms.confirm.yes', { action: confirm.toLowerCase() })}
        </button>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          {i18n.t('forms.confirm.no')}
        </button>
      </div>
    </dialog>
  );
}
