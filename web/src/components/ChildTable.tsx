import type { DocField } from '../api.ts';
import { childFields, newChildRow, type ChildRow } from '../forms/child-rows.ts';
import { fieldLabel } from '../format.ts';
import type { InputValue } from '../field-values.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FieldInput } from './FieldInput.tsx';

interface Props {
  field: DocField;
  /** The child doctype's fields. */
  childMeta: DocField[];
  rows: ChildRow[];
  labelId: string;
  disabled: boolean;
  onChange(rows: ChildRow[]): void;
}

/** The rows of a Table field: one input per child field and row (by the field's type), add and remove rows. */
export function ChildTable({ field, childMeta, rows, labelId, disabled, onChange }: Props) {
  const i18n = useI18n();
  const columns = childFields(childMeta);
  const set = (index: number, fieldname: string, value: InputValue) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, values: { ...row.values, [fieldname]: value } } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const add = () => onChange([...rows, newChildRow(childMeta)]);

  return (
    <>
      {rows.length === 0 ? (
        <p className="hint">{i18n.t('form.noRows')}</p>
      ) : (
        <div className="table-scroll">
          <table className="child-table" aria-labelledby={labelId}>
            <thead>
              <tr>
                <th scope="col">#</th>
                {columns.map((c) => (
                  <th scope="col" key={c.fieldname}>
                    {fieldLabel(c, i18n)}
                    {c.reqd ? (
                      <span className="required" aria-hidden="true">
                        {' '}
                        *
                      </span>
                    ) : null}
                  </th>
                ))}
                {!disabled && (
                  <th scope="col">
                    <span className="sr-only">{i18n.t('forms.table.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.key}>
                  <td>{i + 1}</td>
                  {columns.map((c) => {
                    const id = `field-${field.fieldname}-${i}-${c.fieldname}`;
                    return (
                      <td key={c.fieldname}>
                        <label className="sr-only" htmlFor={id}>
                          {`${fieldLabel(c, i18n)} (${i18n.t('forms.table.row', { row: i + 1 })})`}
                        </label>
                        <FieldInput
                          field={c}
                          id={id}
                          value={row.values[c.fieldname] ?? ''}
                          disabled={disabled || Boolean(c.read_only)}
                          invalid={false}
                          onChange={(value) => set(i, c.fieldname, value)}
                        />
                      </td>
                    );
                  })}
                  {!disabled && (
                    <td>
                      <button type="button" onClick={() => remove(i)} aria-label={i18n.t('forms.table.remove', { row: i + 1 })}>
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!disabled && (
        <button type="button" onClick={add}>
          {i18n.t('forms.table.add')}
        </button>
      )}
    </>
  );
}
