import { Link } from 'react-router';
import { api } from '../api.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { countDocs } from '../delivery/api.ts';
import { shortName } from '../delivery/short-name.ts';
import { deskPath } from '../doctypes.ts';
import { parseStoredDate } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../use-async.ts';
import '../delivery/delivery.css';

const DELIVERY = 'Notification Delivery';
const RECENT = 20;

/**
 * The deliveries a notification produced, newest first (the last 20, and how many there are in all):
 * when, about which document, to which destination, their status and last error, each linking to its
 * page in the delivery log. `refresh` changes after a save or a test send.
 */
export function NotificationDeliveries({ notification, refresh }: { notification: string; refresh: number }) {
  const i18n = useI18n();
  const deliveries = useAsync(async () => {
    const filters: [string, string, unknown][] = [['notification', '=', notification]];
    const [rows, total] = await Promise.all([
      api.list(DELIVERY, {
        fields: ['name', 'destination', 'reference_doctype', 'reference_name', 'status', 'attempts', 'last_error', 'creation'],
        filters,
        orderBy: 'creation desc',
        pageLength: RECENT,
      }),
      countDocs(DELIVERY, filters),
    ]);
    return { rows, total };
  }, [notification, refresh]);
  const when = (value: unknown) => {
    const date = parseStoredDate(String(value ?? ''));
    return date ? i18n.formatDateTime(date) : String(value ?? '');
  };
  const data = deliveries.data;

  return (
    <section className="notification-deliveries" aria-labelledby="notification-deliveries-title">
      <div className="page-head">
        <h3 id="notification-deliveries-title">{i18n.t('notif.deliveries.title')}</h3>
        <button type="button" onClick={deliveries.reload}>
          {i18n.t('delivery.log.refresh')}
        </button>
      </div>
      {deliveries.error ? <ErrorMessage error={deliveries.error} /> : null}
      {deliveries.loading && !data ? <Loading /> : null}
      {data &&
        (data.rows.length === 0 ? (
          <p>{i18n.t('notif.deliveries.empty')}</p>
        ) : (
          <>
            <p className="hint">
              {data.total > data.rows.length
                ? i18n.t('notif.deliveries.latest', { shown: data.rows.length, total: data.total })
                : i18n.t('notif.deliveries.all', { total: data.total })}{' '}
              <Link to={deskPath(DELIVERY)}>{i18n.t('notif.deliveries.log')}</Link>
            </p>
            <div className="table-scroll">
              <table className="list">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('delivery.log.name')}</th>
                    <th scope="col">{i18n.t('notif.deliveries.created')}</th>
                    <th scope="col">{i18n.t('delivery.log.document')}</th>
                    <th scope="col">{i18n.t('delivery.log.destination')}</th>
                    <th scope="col">{i18n.t('delivery.log.status')}</th>
                    <th scope="col">{i18n.t('delivery.log.attempts')}</th>
                    <th scope="col">{i18n.t('delivery.log.lastError')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((d) => {
                    const status = String(d.status ?? '');
                    return (
                      <tr key={String(d.name)}>
                        <th scope="row">
                          <Link to={deskPath(DELIVERY, String(d.name))}>{shortName(String(d.name))}</Link>
                        </th>
                        <td>{when(d.creation)}</td>
                        <td>
                          {d.reference_doctype && d.reference_name ? (
                            <Link to={deskPath(String(d.reference_doctype), String(d.reference_name))}>
                              {i18n.term(String(d.reference_doctype))} {String(d.reference_name)}
                            </Link>
                          ) : null}
                        </td>
                        <td>{String(d.destination ?? '')}</td>
                        <td>
                          <span className={`badge status-${status}`}>{i18n.valueText('delivery.status', status)}</span>
                        </td>
                        <td>{i18n.formatNumber(Number(d.attempts ?? 0))}</td>
                        <td>{String(d.last_error ?? '')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}
