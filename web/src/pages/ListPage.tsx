import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type DocField } from '../api.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { deskPath, loadMeta } from '../doctypes.ts';
import { displayValue, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { setPageTitle } from '../site.ts';
import { useAsync } from '../use-async.ts';

export const PAGE_LENGTH = 20;

/** The columns of a list: the fields marked `in_list_view`. */
function listColumns(fields: DocField[]): DocField[] {
  return fields.filter((f) => f.in_list_view && !f.hidden && f.fieldtype !== 'Table');
}

/** /app/{slug}: the doctype's documents, newest first, 20 a page. */
export function ListPage({ doctype }: { doctype: string }) {
  const i18n = useI18n();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const title = i18n.term(doctype);
  useEffect(() => setPageTitle(title), [title]);

  const list = useAsync(async () => {
    const meta = await loadMeta(doctype);
    const columns = listColumns(meta.fields);
    const start = (page - 1) * PAGE_LENGTH;
    const [rows, total] = await Promise.all([
      api.list(doctype, { fields: ['name', ...columns.map((c) => c.fieldname)], start, pageLength: PAGE_LENGTH }),
      api.count(doctype),
    ]);
    return { columns, rows, total, start };
  }, [doctype, page]);

  const goTo = (next: number) => setSearch(next === 1 ? {} : { page: String(next) });
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
          {data.rows.length === 0 ? (
            <p>{i18n.t('list.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="list">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('list.name')}</th>
                    {data.columns.map((c) => (
                      <th scope="col" key={c.fieldname}>
                        {fieldLabel(c, i18n)}
                      </th>
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
