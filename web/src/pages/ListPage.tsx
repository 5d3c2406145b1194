import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type DocField } from '../api.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { deskPath, loadMeta } from '../doctypes.ts';
import { displayValue, fieldLabel } from '../format.ts';
import { ListFilters, filtersOf, orderOf, type Filter } from '../forms/ListFilters.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { setPageTitle } from '../site.ts';
import { useAsync } from '../use-async.ts';

export const PAGE_LENGTH = 20;

/** The columns of a list: the fields marked `in_list_view`. */
function listColumns(fields: DocField[]): DocField[] {
  return fields.filter((f) => f.in_list_view && !f.hidden && f.fieldtype !== 'Table');
}

/** Fields a list can filter and sort on: the name and every field with a column. */
function filterableFields(fields: DocField[], i18n: ReturnType<typeof useI18n>): DocField[] {
  const name = { fieldname: 'name', label: i18n.t('list.name'), fieldtype: 'Data' } as DocField;
  return [name, ...fields.filter((f) => !f.hidden && !['Table', 'JSON', 'Password'].includes(f.fieldtype))];
}

/**
 * /app/{slug}: the doctype's documents, newest first, 20 a page; filters (`?filters=`) and the sort
 * (`?order_by=field asc|desc`, by a column header) are kept in the URL.
 */
export function ListPage({ doctype }: { doctype: string }) {
  const i18n = useI18n();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const filtersParam = search.get('filters');
  const orderParam = search.get('order_by');
  const title = i18n.term(doctype);
  useEffect(() => setPageTitle(title), [title]);

  const list = useAsync(async () => {
    const meta = await loadMeta(doctype);
    const columns = listColumns(meta.fields);
    const filterable = filterableFields(meta.fields, i18n);
    const names = [...filterable.map((f) => f.fieldname), 'modified', 'creation'];
    const filters = filtersOf(filtersParam).filter((f) => names.includes(f[0]));
    const order = orderOf(orderParam, names);
    const start = (page - 1) * PAGE_LENGTH;
    const [rows, total] = await Promise.all([
      api.list(doctype, {
        fields: ['name', ...columns.map((c) => c.fieldname)],
        start,
        pageLength: PAGE_LENGTH,
        filters: filters.length ? filters : undefined,
        orderBy: order ? `${order.field} ${order.dir}` : undefined,
      }),
      api.count(doctype, filters),
    ]);
    return { columns, filterable, filters, order, rows, total, start };
  }, [doctype, page, filtersParam, orderParam, i18n]);

  /** A new URL query: the page, filters and sort, each left out when at its default. */
  const navigate = (next: { page?: number; filters?: Filter[]; order?: string | null }) => {
    const query: Record<string, string> = {};
    const p = next.page ?? 1;
    if (p !== 1) query.page = String(p);
    const filters = next.filters ?? filtersOf(filtersParam);
    if (filters.length) query.filters = JSON.stringify(filters);
    const order = next.order === undefined ? orderParam : next.order;
    if (order) query.order_by = order;
    setSearch(query);
  };
  const goTo = (next: number) => navigate({ page: next });
  const sortBy = (field: string) => {
    const current = data?.order;
    navigate({ order: `${field} ${current?.field === field && current.dir === 'asc' ? 'desc' : 'asc'}` });
  };
  const data = list.data;

  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        <Link className="button primary" to={deskPath(doctype, 'new')}>
          {i18n.newButton(doctype)}
        </Link>
      </div>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data && (
        <>
          <ListFilters fields={data.filterable} filters={data.filters} onChange={(filters) => navigate({ filters })} />
          {data.rows.length === 0 ? (
            <p>{i18n.t('list.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="list">
                <thead>
                  <tr>
                    <SortHeader field="name" label={i18n.t('list.name')} order={data.order} onSort={sortBy} />
                    {data.columns.map((c) => (
                      <SortHeader key={c.fieldname} field={c.fieldname} label={fieldLabel(c, i18n)} order={data.order} onSort={sortBy} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={String(row.name)}>
                      <th scope="row">
                        <Link to={deskPath(doctype, String(row.name))}>{String(row.name)}</Link>
                      </th>
                      {data.columns.map((c) => (
                        <td key={c.fieldname}>{displayValue(c, row[c.fieldname], i18n)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} total={data.total} shown={data.rows.length} start={data.start} onGo={goTo} />
        </>
      )}
    </>
  );
}

function SortHeader(props: {
  field: string;
  label: string;
  order: { field: string; dir: 'asc' | 'desc' } | undefined;
  onSort(field: string): void;
}) {
  const { field, label, order, onSort } = props;
  const i18n = useI18n();
  const dir = order?.field === field ? order.dir : undefined;
  return (
    <th scope="col" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(field)} title={i18n.t('forms.sort.by', { field: label })}>
        {label}
        {dir ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </button>
    </th>
  );
}

function Pager(props: { page: number; total: number; shown: number; start: number; onGo(page: number): void }) {
  const i18n = useI18n();
  const { page, total, shown, start, onGo } = props;
  if (total === 0 && page === 1) return null;
  const last = Math.max(1, Math.ceil(total / PAGE_LENGTH));
  return (
    <nav className="pager" aria-label={i18n.t('list.pages')}>
      <button type="button" onClick={() => onGo(page - 1)} disabled={page <= 1}>
        {i18n.t('list.previous')}
      </button>
      <span aria-live="polite">{i18n.t('list.range', { from: shown ? start + 1 : 0, to: start + shown, total })}</span>
      <button type="button" onClick={() => onGo(page + 1)} disabled={page >= last}>
        {i18n.t('list.next')}
      </button>
    </nav>
  );
}
