import type { DocField } from '../api.ts';
import type { InputValue } from '../field-values.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DateInput } from './DateInput.tsx';
import { LinkInput } from './LinkInput.tsx';

export interface FieldInputProps {
  field: DocField;
  id: string;
  value: InputValue;
  disabled: boolean;
  /** ids of the hint and error paragraphs describing the input */
  describedBy?: string;
  invalid: boolean;
  onChange(value: InputValue): void;
}

const TEXTAREA_TYPES = new Set(['Small Text', 'Text', 'Long Text', 'Text Editor', 'Code', 'JSON']);
const INPUT_TYPES: Record<string, string> = {
  Int: 'number',
  Float: 'number',
  Currency: 'number',
  Percent: 'number',
  Password: 'password',
};

/** The input of one field, by its type. The label is the caller's (a `<label for={id}>`). */
export function FieldInput({ field, id, value, disabled, describedBy, invalid, onChange }: FieldInputProps) {
  const i18n = useI18n();
  const common = {
    id,
    name: field.fieldname,
    disabled,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': field.reqd ? true : undefined,
  };
  const text = typeof value === 'string' ? value : '';

  if (field.fieldtype === 'Check')
    return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;

  if (field.fieldtype === 'Select') {
    const options = (field.options ?? '').split('\n');
    if (!options.includes(text)) options.unshift(text); // an empty choice, or a value no longer offered
    return (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {i18n.term(option)}
          </option>
        ))}
      </select>
    );
  }

  if (field.fieldtype === 'Link' && field.options)
    return <LinkInput {...common} target={field.options} value={text} onChange={(e) => onChange(e.target.value)} />;

  if (field.fieldtype === 'Date' || field.fieldtype === 'Datetime' || field.fieldtype === 'Time')
    return (
      <DateInput
        kind={field.fieldtype}
        id={id}
        name={field.fieldname}
        value={text}
        disabled={disabled}
        describedBy={describedBy}
        invalid={invalid}
        required={Boolean(field.reqd)}
        onChange={onChange}
      />
    );

  if (TEXTAREA_TYPES.has(field.fieldtype))
    return (
      <textarea
        {...common}
        value={text}
        rows={field.fieldtype === 'Small Text' ? 2 : 6}
        spellCheck={field.fieldtype === 'Code' || field.fieldtype === 'JSON' ? false : undefined}
        className={field.fieldtype === 'Code' || field.fieldtype === 'JSON' ? 'code' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );

  const type = INPUT_TYPES[field.fieldtype] ?? 'text';
  return (
    <input
      {...common}
      type={type}
      value={text}
      step={field.fieldtype === 'Int' ? 1 : type === 'number' ? 'any' : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
