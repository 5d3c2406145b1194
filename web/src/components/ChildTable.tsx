import type { Doc, DocField } from '../api.ts';
import { loadMeta } from '../doctypes.ts';
import { displayValue, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../use-async.ts';

/** The rows of a Table field, read-only for now: the child doctype's list columns. */
export function ChildTable({ field, rows, labelId }: { field: DocField; rows: Doc[]; labelId: string }) {
  const i18n = useI18n();
  const meta = useAsync(() => loadMeta(field.options ?? ''), [field.options]);
  if (rows.length === 0) return <p className="hint">{i18n.t('form.noRows')}</p>;
  const fields = meta.data?.fields.filter((f) => f.fieldtype !== 'Table') ?? [];
  const listed = fields.filter((f) => f.in_list_view);
  const columns = listed.length ? listed : fields.slice(0, 3);
  return (
    <div className="table-scroll">
      <table className="child-table" aria-labelledby={labelId}>
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((c) => (
              <th scope="col" key={c.fieldname}>
                {fieldLabel(c, i18n)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={String(row.name ?? i)}>
              <td>{i + 1}</td>
              {columns.map((c) => (
                <td key={c.fieldname}>{displayValue(c, row[c.fieldname], i18n)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
