import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Doc } from '../api.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { deskPath } from '../doctypes.ts';
import { errorText } from '../errors.ts';
import { parseStoredDate } from '../format.ts';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { setPageTitle } from '../site.ts';
import { useAsync } from '../use-async.ts';
import { callMethod, countDocs } from './api.ts';
import './delivery.css';
import { shortName } from './short-name.ts';

const DOCTYPE = 'Notification Delivery';
const WEBHOOK = 'Incoming Webhook URL';
const PAGE_LENGTH = 20;
const FILTERS = ['Queued', 'Sent', 'Retrying', 'Dead', 'Failed', 'Cancelled'] as const;
const RETRYABLE = ['Queued', 'Retrying', 'Dead', 'Cancelled'];
const CANCELLABLE = ['Queued', 'Retrying'];
/** Statuses in which a delivery waits for its next attempt (`run_at`). */
const WAITING = new Set(['Queued', 'Retrying', 'Sending']);

/** The webhooks marked Broken, read once per page (and again on Refresh), not once per row. */
function useBrokenWebhooks(): { broken: Set<string>; reload(): void } {
  const webhooks = useAsync(() => api.list(WEBHOOK, { fields: ['name', 'status'], pageLength: 0 }), []);
  const broken = new Set((webhooks.data ?? []).filter((w) => w.status === 'Broken').map((w) => String(w.name)));
  return { broken, reload: webhooks.reload };
}

function when(value: unknown, i18n: I18n): string {
  const date = parseStoredDate(String(value ?? ''));
  return date ? i18n.formatDateTime(date) : '';
}

function StatusBadge({ status }: { status: string }) {
  const i18n = useI18n();
  return <span className={`badge status-${status}`}>{i18n.valueText('delivery.status', status)}</span>;
}

function BrokenBadge({ webhook }: { webhook: string }) {
  const i18n = useI18n();
  return (
    <Link className="badge broken" to={deskPath(WEBHOOK, webhook)}>
      {i18n.t('delivery.log.broken')}
    </Link>
  );
}

function DocumentLink({ doc }: { doc: Doc }) {
  if (!doc.reference_doctype || !doc.reference_name) return null;
  return (
    <Link to={deskPath(String(doc.reference_doctype), String(doc.reference_name))}>
      {String(doc.reference_doctype)} {String(doc.reference_name)}
    </Link>
  );
}

/** /app/notification-delivery and /app/notification-delivery/{name}. */
export function DeliveryPage() {
  const { name } = useParams();
  return name === undefined ? <DeliveryLog /> : <DeliveryDetail key={name} name={name} />;
}

/** The delivery log: every delivery, newest first, filtered by status; Broken webhooks stand out. */
function DeliveryLog() {
  const i18n = useI18n();
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') ?? '';
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const { broken, reload: reloadWebhooks } = useBrokenWebhooks();
  const title = i18n.t('delivery.log.title');
  useEffect(() => setPageTitle(title), [title]);

  const list = useAsync(async () => {
    const filters: [string, string, unknown][] = status ? [['status', '=', status]] : [];
    const start = (page - 1) * PAGE_LENGTH;
    const [rows, total] = await Promise.all([
      api.list(DOCTYPE, {
        fields: [
          'name',
          'notification',
          'destination',
          'reference_doctype',
          'reference_name',
          'status',
          'attempts',
          'last_error',
          'modified',
        ],
        filters,
        start,
        pageLength: PAGE_LENGTH,
        orderBy: 'modified desc',
      }),
      countDocs(DOCTYPE, filters),
    ]);
    return { rows, total, start };
  }, [status, page]);

  const choose = (next: string) => setSearch(next ? { status: next } : {});
  const goTo = (next: number) => setSearch({ ...(status ? { status } : {}), ...(next > 1 ? { page: String(next) } : {}) });
  const data = list.data;

  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        <button
          type="button"
          onClick={() => {
            reloadWebhooks();
            list.reload();
          }}
        >
          {i18n.t('delivery.log.refresh')}
        </button>
      </div>
      <div className="status-filters" role="group" aria-label={i18n.t('delivery.log.filters')}>
        <button type="button" aria-pressed={status === ''} onClick={() => choose('')}>
          {i18n.t('delivery.log.all')}
        </button>
        {FILTERS.map((s) => (
          <button type="button" key={s} aria-pressed={status === s} onClick={() => choose(s)}>
            {i18n.valueText('delivery.filter', s)}
          </button>
        ))}
      </div>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data &&
        (data.rows.length === 0 ? (
          <p>{i18n.t('delivery.log.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="list delivery-log">
              <thead>
                <tr>
                  <th scope="col">{i18n.t('delivery.log.name')}</th>
                  <th scope="col">{i18n.t('delivery.log.notification')}</th>
                  <th scope="col">{i18n.t('delivery.log.destination')}</th>
                  <th scope="col">{i18n.t('delivery.log.document')}</th>
                  <th scope="col">{i18n.t('delivery.log.status')}</th>
                  <th scope="col">{i18n.t('delivery.log.attempts')}</th>
                  <th scope="col">{i18n.t('delivery.log.lastError')}</th>
                  <th scope="col">{i18n.t('delivery.log.modified')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => {
                  const destination = String(row.destination ?? '');
                  const isBroken = broken.has(destination);
                  return (
                    <tr key={String(row.name)} className={isBroken ? 'broken-row' : undefined}>
                      <th scope="row">
                        <Link to={deskPath(DOCTYPE, String(row.name))}>{shortName(String(row.name))}</Link>
                      </th>
                      <td>{String(row.notification ?? '')}</td>
                      <td>
                        {destination}
                        {isBroken ? <BrokenBadge webhook={destination} /> : null}
                      </td>
                      <td>
                        <DocumentLink doc={row} />
                      </td>
                      <td>
                        <StatusBadge status={String(row.status ?? '')} />
                      </td>
                      <td>{i18n.formatNumber(Number(row.attempts ?? 0))}</td>
                      <td>{String(row.last_error ?? '')}</td>
                      <td>{when(row.modified, i18n)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      {data && data.total > 0 ? (
        <nav className="pager" aria-label={i18n.t('delivery.log.pages')}>
          <button type="button" onClick={() => goTo(page - 1)} disabled={page <= 1}>
            {i18n.t('delivery.log.previous')}
          </button>
          <span aria-live="polite">
            {i18n.t('delivery.log.range', {
              from: data.rows.length ? data.start + 1 : 0,
              to: data.start + data.rows.length,
              total: data.total,
            })}
          </span>
          <button type="button" onClick={() => goTo(page + 1)} disabled={data.start + data.rows.length >= data.total}>
            {i18n.t('delivery.log.next')}
          </button>
        </nav>
      ) : null}
    </>
  );
}

/** One delivery: what it is, its attempts, Retry and Cancel. */
function DeliveryDetail({ name }: { name: string }) {
  const i18n = useI18n();
  const { broken } = useBrokenWebhooks();
  const doc = useAsync(() => api.get(DOCTYPE, name), [name]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  useEffect(() => setPageTitle(`${i18n.t('delivery.log.title')} · ${name}`), [i18n, name]);

  const act = async (method: 'relais.delivery.retry' | 'relais.delivery.cancel') => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await callMethod<{ status: string }>(method, { name });
      setDone(i18n.t('delivery.detail.done', { status: i18n.valueText('delivery.status', result.status) }));
      doc.reload();
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  const d = doc.data;
  const status = String(d?.status ?? '');
  const destination = String(d?.destination ?? '');
  const attempts = ((d?.attempt_log as Doc[] | undefined) ?? []).slice().sort((a, b) => Number(a.attempt) - Number(b.attempt));
  return (
    <>
      <p>
        <Link to={deskPath(DOCTYPE)}>{i18n.t('delivery.detail.back')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {i18n.t('delivery.log.name')} {shortName(name)}
        </h1>
        {d ? <StatusBadge status={status} /> : null}
      </div>
      {doc.error ? <ErrorMessage error={doc.error} /> : null}
      {doc.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <div className="delivery-actions">
            <button
              type="button"
              className="primary"
              disabled={busy || !RETRYABLE.includes(status)}
              onClick={() => void act('relais.delivery.retry')}
            >
              {i18n.t('delivery.detail.retry')}
            </button>
            <button type="button" disabled={busy || !CANCELLABLE.includes(status)} onClick={() => void act('relais.delivery.cancel')}>
              {i18n.t('delivery.detail.cancel')}
            </button>
          </div>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          {done ? <p role="status">{done}</p> : null}
          <dl className="delivery-facts">
            <dt>{i18n.t('delivery.log.status')}</dt>
            <dd>
              <StatusBadge status={status} />
            </dd>
            <dt>{i18n.t('delivery.log.notification')}</dt>
            <dd>{d.notification ? <Link to={deskPath('Notification', String(d.notification))}>{String(d.notification)}</Link> : null}</dd>
            <dt>{i18n.t('delivery.detail.channel')}</dt>
            <dd>{i18n.term(String(d.channel ?? ''))}</dd>
            <dt>{i18n.t('delivery.log.destination')}</dt>
            <dd>
              {destination}
              {broken.has(destination) ? <BrokenBadge webhook={destination} /> : null}
            </dd>
            <dt>{i18n.t('delivery.log.document')}</dt>
            <dd>
              <DocumentLink doc={d} />
            </dd>
            <dt>{i18n.t('delivery.detail.subject')}</dt>
            <dd>{String(d.subject ?? '')}</dd>
            <dt>{i18n.t('delivery.log.attempts')}</dt>
            <dd>
              {i18n.formatNumber(Number(d.attempts ?? 0))} / {i18n.formatNumber(Number(d.max_attempts ?? 0))}
            </dd>
            {/* The next attempt only means something while the delivery waits for one. */}
            {WAITING.has(status) ? (
              <>
                <dt>{i18n.t('delivery.detail.runAt')}</dt>
                <dd>{when(d.run_at, i18n)}</dd>
              </>
            ) : null}
            {d.sent_at ? (
              <>
                <dt>{i18n.t('delivery.detail.sentAt')}</dt>
                <dd>{when(d.sent_at, i18n)}</dd>
              </>
            ) : null}
            {d.error_code || d.last_error ? (
              <>
                <dt>{i18n.t('delivery.detail.errorCode')}</dt>
                <dd>{String(d.error_code ?? '')}</dd>
                <dt>{i18n.t('delivery.log.lastError')}</dt>
                <dd>{String(d.last_error ?? '')}</dd>
              </>
            ) : null}
          </dl>
          <h2>{i18n.t('delivery.detail.attemptLog')}</h2>
          {attempts.length === 0 ? (
            <p>{i18n.t('delivery.detail.noAttempts')}</p>
          ) : (
            <div className="table-scroll">
              <table className="list attempts">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('delivery.attempt.attempt')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.startedAt')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.outcome')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.httpStatus')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.latency')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.errorCode')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.error')}</th>
                    <th scope="col">{i18n.t('delivery.attempt.response')}</th>
                  </tr>
                </thead>
                <tbody>
                  {attempts.map((a) => (
                    <tr key={String(a.name)}>
                      <th scope="row">{String(a.attempt ?? '')}</th>
                      <td>{when(a.started_at, i18n)}</td>
                      <td>{i18n.valueText('delivery.outcome', String(a.outcome ?? ''))}</td>
                      <td>{a.http_status ? String(a.http_status) : ''}</td>
                      <td>{a.latency_ms === null || a.latency_ms === undefined ? '' : i18n.formatNumber(Number(a.latency_ms))}</td>
                      <td>{String(a.error_code ?? '')}</td>
                      <td>{String(a.error ?? '')}</td>
                      <td>
                        <code className="response-snippet">{String(a.response ?? '').slice(0, 300)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
