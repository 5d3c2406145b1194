import { useId, useState, type FormEvent } from 'react';
import type { DocField } from '../api.ts';
import { displayValue, fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FILTER_OPERATORS, defaultFilterValue, filterKind, filterValueReady } from './filter-kinds.ts';
import { FilterValueInput } from './FilterValueInput.tsx';
import './forms.css';

export type Filter = [string, string, string];

export const OPERATORS = ['=', '!=', 'like', '>', '<'] as const;

/** The filters kept in the URL (`?filters=[["field","op","value"]]`); malformed ones are ignored. */
export function filtersOf(param: string | null): Filter[] {
  if (!param) return [];
  try {
    const parsed: unknown = JSON.parse(param);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (f): f is Filter =>
        Array.isArray(f) && f.length === 3 && typeof f[0] === 'string' && OPERATORS.includes(f[1]) && typeof f[2] === 'string',
    );
  } catch {
    return [];
  }
}

/** `field asc|desc` when `field` is one of `fields` (or a standard column), else undefined. */
export function orderOf(param: string | null, fields: string[]): { field: string; dir: 'asc' | 'desc' } | undefined {
  const m = /^(\w+) (asc|desc)$/.exec(param ?? '');
  if (!m || !fields.includes(m[1])) return undefined;
  return { field: m[1], dir: m[2] as 'asc' | 'desc' };
}

interface Props {
  fields: DocField[];
  filters: Filter[];
  onChange(filters: Filter[]): void;
}

/**
 * A row to add a filter (field, operator, value), and the filters in force, each removable. The value's
 * input and the operators follow the field's type (filter-kinds.ts); values stay as the URL keeps them.
 */
export function ListFilters({ fields, filters, onChange }: Props) {
  const i18n = useI18n();
  const valueId = useId();
  const [field, setField] = useState(fields[0]?.fieldname ?? 'name');
  const [operator, setOperator] = useState<string>('=');
  const [value, setValue] = useState(() => defaultFilterValue(fields[0]));
  const fieldOf = (fieldname: string) => fields.find((x) => x.fieldname === fieldname);
  const chosen = fieldOf(field);
  const operators = FILTER_OPERATORS[filterKind(chosen)];
  const labelOf = (fieldname: string) => {
    const f = fieldOf(fieldname);
    return f ? fieldLabel(f, i18n) : fieldname;
  };
  /** A filter in force as people read it: Yes/No, the translated option, the date in the language's format. */
  const describe = ([f, op, v]: Filter) => {
    const known = fieldOf(f);
    return `${labelOf(f)} ${op} ${known && op !== 'like' ? displayValue(known, v, i18n) : v}`;
  };

  function choose(fieldname: string) {
    const next = fieldOf(fieldname);
    setField(fieldname);
    if (!FILTER_OPERATORS[filterKind(next)].includes(operator)) setOperator('=');
    setValue(defaultFilterValue(next));
  }

  function add(event: FormEvent) {
    event.preventDefault();
    if (!filterValueReady(chosen, value)) {
      document.getElementById(valueId)?.focus(); // the date input says what is wrong with it
      return;
    }
    onChange([...filters, [field, operator, operator === 'like' && !value.includes('%') ? `%${value}%` : value]]);
    setValue(defaultFilterValue(chosen));
  }

  return (
    <section className="list-filters" aria-label={i18n.t('forms.filter.label')}>
      <form className="filter-row" onSubmit={add}>
        <label>
          <span className="label">{i18n.t('forms.filter.field')}</span>
          <select value={field} onChange={(e) => choose(e.target.value)}>
            {fields.map((f) => (
              <option key={f.fieldname} value={f.fieldname}>
                {fieldLabel(f, i18n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="label">{i18n.t('forms.filter.operator')}</span>
          <select value={operator} onChange={(e) => setOperator(e.target.value)}>
            {operators.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-value">
          <label htmlFor={valueId} className="label">
            {i18n.t('forms.filter.value')}
          </label>
          <FilterValueInput key={field} field={chosen} id={valueId} value={value} onChange={setValue} />
        </div>
        <button type="submit">{i18n.t('forms.filter.add')}</button>
      </form>
      {filters.length > 0 && (
        <ul className="active-filters">
          {filters.map(([f, op, v], i) => (
            <li key={`${f}-${op}-${v}-${i}`}>
              <span>{describe([f, op, v])}</span>{' '}
              <button
                type="button"
                aria-label={i18n.t('forms.filter.remove', { row: describe([f, op, v]) })}
                onClick={() => onChange(filters.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => onChange([])}>
              {i18n.t('forms.filter.clear')}
            </button>
          </li>
        </ul>
      )}
    </section>
  );
}
