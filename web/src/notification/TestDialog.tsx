import { useEffect, useRef, useState } from 'react';
import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { notificationApi, type DeliveryState } from './notification-api.ts';

const POLL_MS = 400;
const WAIT_MS = 8000;
const FINAL = new Set(['Sent', 'Dead', 'Failed', 'Cancelled']);

interface Props {
  notification: string;
  /** Names of recent documents of the notification's doctype. */
  documents: string[];
  onClose(): void;
}

type Outcome =
  { state: 'idle' } | { state: 'sending' } | { state: 'done'; deliveries: DeliveryState[] } | { state: 'error'; error: unknown };

/**
 * "Test this notification": a modal dialog (Escape closes it) to pick a document; sends for real through
 * `relais.notification.send_test`, then follows each delivery until it is sent, dead, or a few seconds pass.
 */
export function TestDialog({ notification, documents, onClose }: Props) {
  const i18n = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(documents[0] ?? '');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const alive = useRef(true);

  useEffect(() => {
    dialog.current?.showModal();
    return () => {
      alive.current = false;
    };
  }, []);

  async function send() {
    setOutcome({ state: 'sending' });
    try {
      const names = await notificationApi.sendTest(notification, name);
      const deadline = Date.now() + WAIT_MS;
      let deliveries: DeliveryState[] = [];
      for (;;) {
        deliveries = await Promise.all(names.map((n) => notificationApi.delivery(n)));
        if (!alive.current) return;
        if (deliveries.every((d) => FINAL.has(d.status)) || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      setOutcome({ state: 'done', deliveries });
    } catch (err) {
      if (alive.current) setOutcome({ state: 'error', error: err });
    }
  }

  const describe = (d: DeliveryState): string => {
    if (d.status === 'Sent') return i18n.t('notif.test.sent', { destination: d.destination });
    const reason = [d.errorCode, d.httpStatus ? `HTTP ${d.httpStatus}` : null, d.error].filter(Boolean).join(' — ');
    if (FINAL.has(d.status)) return i18n.t('notif.test.failed', { destination: d.destination, status: i18n.term(d.status), reason });
    return i18n.t('notif.test.pending', { destination: d.destination, status: i18n.term(d.status), reason: reason || '—' });
  };

  return (
    <dialog ref={dialog} className="test-dialog" aria-labelledby="test-dialog-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <h2 id="test-dialog-title">{i18n.t('notif.test.title')}</h2>
        <div className="field">
          <label htmlFor="test-document">{i18n.t('notif.test.document')}</label>
          {documents.length ? (
            <select id="test-document" value={name} onChange={(e) => setName(e.target.value)}>
              {documents.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          ) : (
            <input id="test-document" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </div>
        <div role="status" className="test-outcome" aria-live="polite">
          {outcome.state === 'sending' && <p>{i18n.t('notif.test.sending')}</p>}
          {outcome.state === 'done' &&
            (outcome.deliveries.length ? (
              <ul>
                {outcome.deliveries.map((d) => (
                  <li key={d.name} className={d.status === 'Sent' ? 'saved' : 'error'}>
                    {describe(d)}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{i18n.t('notif.test.nothing')}</p>
            ))}
        </div>
        {outcome.state === 'error' && (
          <p role="alert" className="error">
            {i18n.t('notif.test.refused', { message: errorText(outcome.error, i18n) })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!name || outcome.state === 'sending'}>
            {i18n.t('notif.test.send')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {i18n.t('notif.test.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
