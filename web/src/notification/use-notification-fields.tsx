import { useMemo, type ReactNode } from 'react';
import type { DocField, DocTypeMeta } from '../api.ts';
import { inputId } from '../components/DocNameField.tsx';
import { FieldInput } from '../components/FieldInput.tsx';
import { errorText } from '../errors.ts';
import { fieldLabel } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FieldRow } from './FieldRow.tsx';
import type { DocumentType } from './use-document-type.ts';
import type { NotificationDraft } from './use-notification-draft.ts';

/** Rows for fields of the Notification doctype, by fieldname; a field the doctype lacks renders nothing. */
export interface NotificationFields {
  field(fieldname: string): DocField | undefined;
  /** The server's complaint, worded for the Desk, when it is about `fieldname`. */
  errorOf(fieldname: string): string | undefined;
  /** One field of the Notification doctype, with the generic input of its type. */
  plain(fieldname: string, hint?: ReactNode): ReactNode;
  /** A field naming a field of the chosen document type: a select of its fields (of `types` when given). */
  fieldPicker(fieldname: string, types?: string[]): ReactNode;
}

export function useNotificationFields(meta: DocTypeMeta, draft: NotificationDraft, documentType: DocumentType): NotificationFields {
  const i18n = useI18n();
  const byName = useMemo(() => new Map(meta.fields.map((f) => [f.fieldname, f])), [meta]);
  const errorOf = (fieldname: string) => (draft.errorField === fieldname ? errorText(draft.error, i18n) : undefined);

  const plain = (fieldname: string, hint?: ReactNode) => {
    const field = byName.get(fieldname);
    if (!field) return null;
    return (
      <FieldRow field={field} error={errorOf(fieldname)} hint={hint}>
        {(describedBy, invalid) => (
          <FieldInput
            field={field}
            id={inputId(fieldname)}
            value={draft.inputs[fieldname] ?? ''}
            disabled={Boolean(field.read_only)}
            describedBy={describedBy}
            invalid={invalid}
            onChange={draft.set(fieldname)}
          />
        )}
      </FieldRow>
    );
  };

  const fieldPicker = (fieldname: string, types?: string[]) => {
    const field = byName.get(fieldname);
    if (!field) return null;
    const choices = documentType.fields.filter((f) => !types || types.includes(f.fieldtype));
    const value = draft.text(fieldname);
    return (
      <FieldRow field={field} error={errorOf(fieldname)}>
        {(describedBy, invalid) => (
          <select
            id={inputId(fieldname)}
            name={fieldname}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => draft.set(fieldname)(e.target.value)}
          >
            <option value="">{documentType.name ? i18n.t('notif.chooseField') : i18n.t('notif.chooseDoctypeFirst')}</option>
            {value && !choices.some((f) => f.fieldname === value) && <option value={value}>{value}</option>}
            {choices.map((f) => (
              <option key={f.fieldname} value={f.fieldname}>
                {fieldLabel(f, i18n)} ({f.fieldname})
              </option>
            ))}
          </select>
        )}
      </FieldRow>
    );
  };

  return { field: (fieldname) => byName.get(fieldname), errorOf, plain, fieldPicker };
}
