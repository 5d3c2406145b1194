import { Link } from 'react-router';
import { api, type Doc, type DocTypeMeta } from '../api.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { deskPath, loadMeta } from '../doctypes.ts';
import { parseStoredDate } from '../format.ts';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { useAsync } from '../use-async.ts';
import './forms.css';

interface VersionData {
  action?: string;
  changed?: [string, unknown, unknown][];
  added?: [string, unknown][];
  removed?: [string, unknown][];
  row_changed?: [string, number, string, [string, unknown, unknown][]][];
}

/**
 * A saved document's history: its Version documents (who, when, which fields changed from → to), and the
 * Notification Delivery rows about it with a link to each delivery's page. `refresh` changes after a write.
 */
export function HistoryPanel({ doctype, name, refresh }: { doctype: string; name: string; refresh: number }) {
  const i18n = useI18n();
  const versions = useAsync(
    () =>
      api.list('Version', {
        fields: ['name', 'owner', 'creation', 'data'],
        filters: [
          ['ref_doctype', '=', doctype],
          ['docname', '=', name],
        ],
        orderBy: 'creation desc',
        pageLength: 50,
      }),
    [doctype, name, refresh],
  );
  const labels = useAsync(() => fieldLabels(doctype), [doctype]);
  const deliveries = useAsync(
    () =>
      api.list('Notification Delivery', {
        fields: ['name', 'notification', 'destination', 'status', 'creation'],
        filters: [
          ['reference_doctype', '=', doctype],
          ['reference_name', '=', name],
        ],
        orderBy: 'creation desc',
        pageLength: 50,
      }),
    [doctype, name, refresh],
  );
  const when = (value: unknown) => {
    const date = parseStoredDate(String(value ?? ''));
    return date ? i18n.formatDateTime(date) : String(value ?? '');
  };

  return (
    <section className="history-panel" aria-labelledby="history-title">
      <h2 id="history-title">{i18n.t('forms.history.title')}</h2>
      <h3>{i18n.t('forms.history.versions')}</h3>
      {versions.error ? <ErrorMessage error={versions.error} /> : null}
      {versions.loading && !versions.data ? <Loading /> : null}
      {versions.data &&
        (versions.data.length === 0 ? (
          <p>{i18n.t('forms.history.noVersions')}</p>
        ) : (
          <ol className="versions">
            {versions.data.map((version) => (
              <VersionItem
                key={String(version.name)}
                version={version}
                when={when(version.creation)}
                i18n={i18n}
                labels={labels.data ?? NO_LABELS}
              />
            ))}
          </ol>
        ))}
      <h3>{i18n.t('forms.history.notifications')}</h3>
      {deliveries.error ? <ErrorMessage error={deliveries.error} /> : null}
      {deliveries.loading && !deliveries.data ? <Loading /> : null}
      {deliveries.data &&
        (deliveries.data.length === 0 ? (
          <p>{i18n.t('forms.history.noNotifications')}</p>
        ) : (
          <div className="table-scroll">
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{i18n.t('forms.history.delivery')}</th>
                  <th scope="col">{i18n.t('forms.history.notification')}</th>
                  <th scope="col">{i18n.t('forms.history.destination')}</th>
                  <th scope="col">{i18n.t('forms.history.deliveryStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.map((d) => (
                  <tr key={String(d.name)}>
                    <td>
                      <Link to={deskPath('Notification Delivery', String(d.name))}>{when(d.creation)}</Link>
                    </td>
                    <td>{String(d.notification ?? '')}</td>
                    <td>{String(d.destination ?? '')}</td>
                    <td>{i18n.term(String(d.status ?? ''))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

const shown = (value: unknown, i18n: I18n) =>
  value === null || value === undefined || value === ''
    ? i18n.t('forms.history.empty')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A doctype's field labels by fieldname, and its tables' column labels by `table.column`. */
type FieldLabels = ReadonlyMap<string, string>;
const NO_LABELS: FieldLabels = new Map();

async function fieldLabels(doctype: string): Promise<FieldLabels> {
  const labels = new Map<string, string>();
  const add = (meta: DocTypeMeta, prefix: string) => {
    for (const field of meta.fields) if (field.label) labels.set(prefix + field.fieldname, field.label);
  };
  const meta = await loadMeta(doctype);
  add(meta, '');
  const tables = meta.fields.filter((field) => field.fieldtype === 'Table' && field.options);
  // A child doctype that cannot be read leaves its columns named by fieldname.
  const children = await Promise.all(tables.map((table) => loadMeta(String(table.options)).catch(() => null)));
  tables.forEach((table, i) => children[i] && add(children[i], `${table.fieldname}.`));
  return labels;
}

function VersionItem({ version, when, i18n, labels }: { version: Doc; when: string; i18n: I18n; labels: FieldLabels }) {
  /** A changed field named by its label (translated), as the form shows it; else by its fieldname. */
  const label = (key: string) => {
    const english = labels.get(key);
    return english ? i18n.term(english) : key.split('.').pop()!;
  };
  let data: VersionData = {};
  try {
    data = (typeof version.data === 'string' ? JSON.parse(version.data) : (version.data ?? {})) as VersionData;
  } catch {
    // an unreadable record still shows who and when
  }
  const lines: string[] = [];
  for (const [field, from, to] of data.changed ?? [])
    lines.push(i18n.t('forms.history.changed', { field: label(field), from: shown(from, i18n), to: shown(to, i18n) }));
  const count = (rows: [string, unknown][] | undefined) => {
    const byField = new Map<string, number>();
    for (const [field] of rows ?? []) byField.set(field, (byField.get(field) ?? 0) + 1);
    return byField;
  };
  for (const [field, n] of count(data.added)) lines.push(i18n.t('forms.history.rowsAdded', { field: label(field), count: n }));
  for (const [field, n] of count(data.removed)) lines.push(i18n.t('forms.history.rowsRemoved', { field: label(field), count: n }));
  for (const [field, idx, , changes] of data.row_changed ?? [])
    for (const [column, from, to] of changes ?? [])
      lines.push(
        i18n.t('forms.history.rowChanged', {
          field: label(field),
          row: idx,
          column: label(`${field}.${column}`),
          from: shown(from, i18n),
          to: shown(to, i18n),
        }),
      );
  return (
    <li>
      <strong>{i18n.valueText('forms.history.action', data.action ?? 'save')}</strong>{' '}
      <span className="hint">{i18n.t('forms.history.by', { user: String(version.owner ?? ''), when })}</span>
      {lines.length > 0 && (
        <ul>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
