import type { DocField } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { LinkInput } from '../components/LinkInput.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { DateKind } from '../locale-dates.ts';
import { filterKind, selectOptions } from './filter-kinds.ts';

interface Props {
  /** The filtered field; undefined for `name`, which is text. */
  field: DocField | undefined;
  id: string;
  /** As the URL keeps it: `1`/`0` for a Check, the stored option, ISO for a date. */
  value: string;
  onChange(value: string): void;
}

/** A list filter's value, input the way its field is: options, Yes/No, Link suggestions, a date, a number. */
export function FilterValueInput({ field, id, value, onChange }: Props) {
  const i18n = useI18n();
  const text = <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />;
  if (!field) return text;
  switch (filterKind(field)) {
    case 'check':
      return (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="1">{i18n.t('value.yes')}</option>
          <option value="0">{i18n.t('value.no')}</option>
        </select>
      );
    case 'select':
      return (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {selectOptions(field).map((option) => (
            <option key={option} value={option}>
              {i18n.term(option)}
            </option>
          ))}
        </select>
      );
    case 'link':
      return <LinkInput id={id} target={field.options ?? ''} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'date':
      return <DateInput kind={field.fieldtype as DateKind} id={id} value={value} onChange={onChange} />;
    case 'number':
      return (
        <input
          id={id}
          type="number"
          step={field.fieldtype === 'Int' ? 1 : 'any'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return text;
  }
}
