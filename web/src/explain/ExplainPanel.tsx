import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type Doc } from '../api.ts';
import { deskPath } from '../doctypes.ts';
import { errorText } from '../errors.ts';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { explainApi, type Explanation, type NotificationSummary } from './explain-api.ts';
import './explain.css';

interface Props {
  doctype: string;
  name: string;
}

interface Loaded {
  explanations: Explanation[];
  notifications: Map<string, NotificationSummary>;
  /** The document as it is now: its values word a false condition. */
  doc: Doc;
}

/**
 * "Explain notifications" on a document's form (System Manager only): for every notification on the
 * doctype, whether it would be sent for this document now and, if not, why — in plain words, from
 * `relais.notification.explain`.
 */
export function ExplainPanel({ doctype, name }: Props) {
  const i18n = useI18n();
  const [allowed, setAllowed] = useState(false);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ loaded?: Loaded; error?: unknown }>({});
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    explainApi.isSystemManager().then(
      (yes) => current && setAllowed(yes),
      () => current && setAllowed(false),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setBusy(true);
    Promise.all([explainApi.explain(doctype, name), explainApi.notifications(doctype), api.get(doctype, name)])
      .then(
        ([explanations, notifications, doc]) => current && setResult({ loaded: { explanations, notifications, doc } }),
        (error: unknown) => current && setResult({ error }),
      )
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [open, doctype, name, generation]);

  if (!allowed) return null;
  const loaded = result.loaded;
  return (
    <section className="explain-panel" aria-labelledby="explain-title" aria-busy={busy}>
      <div className="explain-actions">
        <button type="button" id="explain-toggle" aria-expanded={open} aria-controls="explain-body" onClick={() => setOpen(!open)}>
          {open ? i18n.t('explain.hide') : i18n.t('explain.button')}
        </button>
        {open && (
          <button type="button" onClick={() => setGeneration((g) => g + 1)} disabled={busy}>
            {i18n.t('explain.refresh')}
          </button>
        )}
      </div>
      {open && (
        <div id="explain-body">
          <h2 id="explain-title">{i18n.t('explain.title')}</h2>
          <p className="hint">{i18n.t('explain.intro', { doctype: i18n.term(doctype) })}</p>
          {result.error ? (
            <p role="alert" className="error">
              {errorText(result.error, i18n)}
            </p>
          ) : null}
          {loaded && loaded.explanations.length === 0 && <p id="explain-none">{i18n.t('explain.none', { doctype: i18n.term(doctype) })}</p>}
          {loaded && loaded.explanations.length > 0 && (
            <ul id="explain-results" className="explain-results">
              {loaded.explanations.map((e, i) => (
                <li key={e.notification} id={`explain-${i}`} className={e.would_fire ? 'explain-fires' : 'explain-not-fires'}>
                  <p className="explain-head">
                    <Link to={deskPath('Notification', e.notification)}>{e.notification}</Link>{' '}
                    <strong className="explain-verdict">
                      {e.would_fire ? i18n.t('explain.fires', { event: i18n.term(e.event) }) : i18n.t('explain.notFires')}
                    </strong>
                  </p>
                  {!e.would_fire && <Reason explanation={e} summary={loaded.notifications.get(e.notification)} doc={loaded.doc} />}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

const MARK = '\u0000';

/** `sentence` with its MARK replaced by `code` set as code. */
function withCode(sentence: string, code: string) {
  const [before, after = ''] = sentence.split(MARK);
  return (
    <>
      {before}
      <code>{code}</code>
      {after}
    </>
  );
}

/** The fields a condition reads (`doc.<field>`), in order, once each. */
function fieldsOf(condition: string): string[] {
  return [...new Set([...condition.matchAll(/\bdoc\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

function shown(value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return i18n.t('explain.empty');
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
}

function Reason({ explanation: e, summary, doc }: { explanation: Explanation; summary: NotificationSummary | undefined; doc: Doc }) {
  const i18n = useI18n();
  const problem = e.problem;
  let sentence: string;
  switch (e.reason) {
    case 'event':
      sentence = i18n.t('explain.reason.event', { event: i18n.term(e.event) });
      break;
    case 'value_unchanged':
      sentence = i18n.t('explain.reason.value_unchanged', { field: summary?.valueChanged || '?' });
      break;
    case 'condition_false':
      sentence = summary?.condition
        ? i18n.t('explain.reason.condition_false', { condition: summary.condition })
        : i18n.t('explain.reason.condition_falseNoText');
      break;
    case 'template_error':
      sentence = i18n.t('explain.reason.template_error', { stage: i18n.t(`explain.stage.${problem?.stage ?? 'message'}`) });
      break;
    case undefined:
      sentence = '';
      break;
    default:
      sentence = i18n.t(`explain.reason.${e.reason}`);
  }
  const fields = e.reason === 'condition_false' && summary?.condition ? fieldsOf(summary.condition) : [];
  return (
    <div className="explain-reason">
      <p className="explain-sentence">
        {e.reason === 'condition_false' && summary?.condition
          ? withCode(i18n.t('explain.reason.condition_false', { condition: MARK }), summary.condition)
          : sentence}
      </p>
      {fields.length > 0 && (
        <p className="explain-values">
          {i18n.t('explain.reason.values')}{' '}
          {fields.map((f, i) => (
            <span key={f}>
              {i > 0 ? ', ' : ''}
              <code>doc.{f}</code> = {shown(doc[f], i18n)}
            </span>
          ))}
        </p>
      )}
      {problem && (
        <>
          <p className="explain-problem">
            {problem.line !== null
              ? i18n.t('explain.problem.at', { line: problem.line, column: problem.column ?? 1, message: problem.message })
              : i18n.t('explain.problem.plain', { message: problem.message })}
          </p>
          {problem.excerpt && <pre className="code">{problem.excerpt}</pre>}
        </>
      )}
      {e.detail && <p className="hint">{i18n.t('explain.detail', { detail: e.detail })}</p>}
    </div>
  );
}
