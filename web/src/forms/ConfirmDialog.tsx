import { useEffect, useRef } from 'react';
import { useFormText } from './text.ts';
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
  const t = useFormText();
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
          {t('confirm.yes', { action: confirm.toLowerCase() })}
        </button>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          {t('confirm.no')}
        </button>
      </div>
    </dialog>
  );
}
