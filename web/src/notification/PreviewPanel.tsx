import { useEffect, useRef, useState } from 'react';
import type { Doc } from '../api.ts';
import { errorText } from '../errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { notificationApi, type PreviewProblem, type PreviewResult } from './notification-api.ts';

const DEBOUNCE_MS = 400;

interface Props {
  /** The form's values, unsaved, as the API takes them. */
  notification: Doc;
  doctype: string;
  /** Names of recent documents of `doctype`. */
  documents: string[];
  /** Told each answer's template or condition problem (undefined when there is none) and what it checked. */
  onProblem?(problem: PreviewProblem | undefined, checked: Doc): void;
}

/**
 * What the notification would send for a document picked here: the condition, the rendered subject and
 * message, and each webhook's exact request body; refreshed 400 ms after the last change.
 */
export function PreviewPanel({ notification, doctype, documents, onProblem }: Props) {
  const i18n = useI18n();
  const [picked, setPicked] = useState('');
  const name = documents.includes(picked) ? picked : (documents[0] ?? '');
  const [result, setResult] = useState<{ preview?: PreviewResult; error?: unknown }>({});
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(notification);
  const onProblemRef = useRef(onProblem);
  onProblemRef.current = onProblem;

  useEffect(() => {
    if (!doctype || !name) {
      setResult({});
      onProblemRef.current?.(undefined, notification);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setBusy(true);
      notificationApi
        .preview(notification, name)
        .then(
          (preview) => {
            if (!current) return;
            setResult({ preview });
            onProblemRef.current?.(preview.error, notification);
          },
          (error: unknown) => {
            if (!current) return;
            setResult({ error });
            onProblemRef.current?.(undefined, notification);
          },
        )
        .finally(() => current && setBusy(false));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, name, doctype]);

  const preview = result.preview;
  const problem = preview?.error;
  return (
    <section className="preview-panel" aria-labelledby="preview-title" aria-busy={busy}>
      <h3 id="preview-title">{i18n.t('notif.preview.title')}</h3>
      {!doctype ? (
        <p className="hint">{i18n.t('notif.preview.chooseDoctype')}</p>
      ) : !documents.length ? (
        <p className="hint">{i18n.t('notif.preview.noDocuments', { doctype: i18n.term(doctype) })}</p>
      ) : (
        <div className="field">
          <label htmlFor="preview-document">{i18n.t('notif.preview.document')}</label>
          <select id="preview-document" value={name} onChange={(e) => setPicked(e.target.value)}>
            {documents.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      )}
      {result.error ? (
        <p role="alert" className="error" id="preview-failure">
          {errorText(result.error, i18n)}
        </p>
      ) : null}
      {problem && (
        <div className="preview-error error" id="preview-error" role="alert">
          <p>
            {problem.line !== null
              ? i18n.t('notif.preview.problemAt', {
                  stage: i18n.t(`notif.stage.${problem.stage}`),
                  line: problem.line,
                  column: problem.column ?? 1,
                  message: problem.message,
                })
              : i18n.t('notif.preview.problem', { stage: i18n.t(`notif.stage.${problem.stage}`), message: problem.message })}
          </p>
          {problem.excerpt && <pre className="code">{problem.excerpt}</pre>}
        </div>
      )}
      {preview && (
        <dl className="preview-result">
          <dt>{i18n.t('notif.preview.condition')}</dt>
          <dd id="preview-condition">
            {preview.condition_holds === null
              ? '—'
              : preview.condition_holds
                ? i18n.t('notif.preview.conditionHolds')
                : i18n.t('notif.preview.conditionFails')}
          </dd>
          <dt>{i18n.term('Subject')}</dt>
          <dd id="preview-subject">{preview.subject ?? '—'}</dd>
          <dt>{i18n.term('Message')}</dt>
          <dd>
            <pre id="preview-message" className="code">
              {preview.message ?? '—'}
            </pre>
          </dd>
          {preview.destinations.map((d, i) => (
            <div key={`${d.destination}-${i}`}>
              <dt>{i18n.t('notif.preview.payload', { destination: d.destination })}</dt>
              <dd>
                {d.payload ? (
                  <pre
                    id={`preview-payload-${i}`}
                    className="code"
                    aria-label={i18n.t('notif.preview.payload', { destination: d.destination })}
                  >
                    {JSON.stringify(d.payload.body, null, 2)}
                  </pre>
                ) : (
                  <p className="hint">{d.note}</p>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
