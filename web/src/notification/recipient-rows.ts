import type { Doc } from '../api.ts';

/** The fields of a recipient row this form edits (the others are kept as they are). */
export const RECIPIENT_FIELDS = ['receiver_by_document_field', 'receiver_by_role', 'cc', 'bcc'] as const;

/** Columns the server fills in itself: left out of what is sent. */
const SERVER_COLUMNS = ['parent', 'parenttype', 'parentfield', 'owner', 'creation', 'modified', 'modified_by', 'doctype'];

/** The recipient rows as the API takes them: without the server's columns, and without rows that name nobody. */
export const cleanRows = (rows: Doc[]): Doc[] =>
  rows
    .map((row) => {
      const clean: Doc = {};
      for (const [k, v] of Object.entries(row)) if (!SERVER_COLUMNS.includes(k)) clean[k] = v;
      return clean;
    })
    .filter((row) => RECIPIENT_FIELDS.some((f) => typeof row[f] === 'string' && row[f] !== '') || row.receiver_by_user);
