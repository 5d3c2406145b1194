import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type Doc } from '../api.ts';
import { deskPath } from '../doctypes.ts';
import { errorText } from '../errors.ts';
import { parseStoredDate } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { callMethod, countDocs } from './api.ts';
import './delivery.css';

/** How often the bell asks for new notifications (and again whenever the window gets the focus). */
const POLL_MS = 30_000;
const RECENT = 10;

interface BellState {
  unread: number;
  recent: Doc[];
}

/** The header's bell: the user's unread system notifications (Notification Log), the recent ones, mark read. */
export function Bell({ user }: { user: string }) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [state, setState] = useState<BellState>({ unread: 0, recent: [] });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const mine: [string, string, unknown][] = [['for_user', '=', user]];
      const [unread, recent] = await Promise.all([
        countDocs('Notification Log', [...mine, ['read', '=', 0]]),
        api.list('Notification Log', {
          fields: ['name', 'subject', 'creation', 'from_user', 'document_type', 'document_name', 'read'],
          filters: mine,
          orderBy: 'creation desc',
          pageLength: RECENT,
        }),
      ]);
      setState({ unread, recent });
      setError(undefined);
    } catch (err) {
      setError(errorText(err, i18n));
    }
  }, [user, i18n]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const markRead = async (args: { names: string[] } | { all: true }) => {
    try {
      await callMethod('relais.notification_log.mark_read', args);
    } catch (err) {
      setError(errorText(err, i18n));
    }
    await load();
  };

  const openOne = async (doc: Doc) => {
    setOpen(false);
    if (!Number(doc.read)) await markRead({ names: [String(doc.name)] });
    if (doc.document_type && doc.document_name) navigate(deskPath(String(doc.document_type), String(doc.document_name)));
  };

  const label = state.unread > 0 ? i18n.plural('delivery.bell.unread', state.unread) : i18n.t('delivery.bell.label');

  return (
    <div className="bell" ref={wrapper}>
      <button
        type="button"
        ref={button}
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void load();
        }}
      >
        {/* An inline drawing: the 🔔 emoji needs a colour-emoji font many systems (and CI's Chromium) lack. */}
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {state.unread > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {state.unread > 99 ? '99+' : i18n.formatNumber(state.unread)}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" id={panelId} role="region" aria-label={i18n.t('delivery.bell.label')}>
          <div className="bell-panel-head">
            <strong>{i18n.t('delivery.bell.label')}</strong>
            <button type="button" onClick={() => void markRead({ all: true })} disabled={state.unread === 0}>
              {i18n.t('delivery.bell.markAll')}
            </button>
          </div>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          {state.recent.length === 0 ? (
            <p className="bell-empty">{i18n.t('delivery.bell.none')}</p>
          ) : (
            <ul className="bell-list">
              {state.recent.map((doc) => {
                const when = parseStoredDate(String(doc.creation ?? ''));
                return (
                  <li key={String(doc.name)} className={Number(doc.read) ? 'read' : 'unread'}>
                    <button type="button" onClick={() => void openOne(doc)}>
                      <span className="bell-subject">{String(doc.subject ?? doc.name)}</span>
                      <span className="bell-meta">
                        {when ? <time dateTime={when.toISOString()}>{i18n.formatDateTime(when)}</time> : null}
                        {doc.from_user ? <span> · {i18n.t('delivery.bell.from', { user: String(doc.from_user) })}</span> : null}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
