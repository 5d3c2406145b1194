import { useI18n } from '../i18n/i18n.tsx';

/** The id of a form's input for `fieldname` (tests and error focus find fields by it). */
export const inputId = (fieldname: string) => `field-${fieldname}`;

/** The name of a new document, for doctypes whose names the user gives. */
export function DocNameField(props: { value: string; onChange(value: string): void; invalid: boolean }) {
  const i18n = useI18n();
  return (
    <div className="field">
      <label htmlFor={inputId('name')}>{i18n.t('form.docName')}</label>
      <input
        id={inputId('name')}
        name="name"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid || undefined}
      />
    </div>
  );
}
