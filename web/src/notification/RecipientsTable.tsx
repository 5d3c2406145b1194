import type { Doc } from '../api.ts';
import { LinkInput } from '../components/LinkInput.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { RECIPIENT_FIELDS } from './recipient-rows.ts';

const LABELS: Record<(typeof RECIPIENT_FIELDS)[number], string> = {
  receiver_by_document_field: 'Receiver By Document Field',
  receiver_by_role: 'Receiver By Role',
  cc: 'CC',
  bcc: 'BCC',
};

/** The recipient rows: by document field, by role, cc and bcc; rows added and removed here. */
export function RecipientsTable({ rows, onChange }: { rows: Doc[]; onChange(rows: Doc[]): void }) {
  const i18n = useI18n();
  const edit = (index: number, fieldname: string, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [fieldname]: value } : row)));
  return (
    <div className="recipients">
      {rows.length ? (
        <table className="child-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              {RECIPIENT_FIELDS.map((f) => (
                <th key={f} scope="col">
                  {i18n.term(LABELS[f])}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">{i18n.t('notif.recipients.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>{index + 1}</td>
                {RECIPIENT_FIELDS.map((f) => (
                  <td key={f}>
                    {f === 'receiver_by_role' ? (
                      <LinkInput
                        id={`recipient-${index}-${f}`}
                        target="Role"
                        aria-label={`${i18n.term(LABELS[f])} ${index + 1}`}
                        value={typeof row[f] === 'string' ? (row[f] as string) : ''}
                        onChange={(e) => edit(index, f, e.target.value)}
                      />
                    ) : (
                      <input
                        id={`recipient-${index}-${f}`}
                        aria-label={`${i18n.term(LABELS[f])} ${index + 1}`}
                        value={typeof row[f] === 'string' ? (row[f] as string) : ''}
                        onChange={(e) => edit(index, f, e.target.value)}
                      />
                    )}
                  </td>
                ))}
                <td>
                  <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    {i18n.t('notif.recipients.remove', { row: index + 1 })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{i18n.t('form.noRows')}</p>
      )}
      <button type="button" onClick={() => onChange([...rows, {}])}>
        {i18n.t('notif.recipients.add')}
      </button>
    </div>
  );
}
