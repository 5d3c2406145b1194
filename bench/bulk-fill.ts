import type { RelaisApp } from '../src/app.ts';
import { nowDatetime } from '../src/documents/doc.ts';
import { tableName } from '../src/documents/meta.ts';
import { DOCTYPE, rng, ticketValues } from './bench-doctype.ts';

/** Rows per multi-row INSERT: 1,000 × 17 columns stays under both databases' bind-parameter limits. */
const BATCH = 1000;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Tops `tab<DocType>` up to `total` documents with multi-row INSERTs in one transaction, straight
 * into the table (no child rows, no versions): the list benchmark measures reading, not writing.
 * `modified` and `creation` are spread over a year. Returns the number of rows added.
 */
export async function fillTo(app: RelaisApp, total: number): Promise<number> {
  const table = tableName(DOCTYPE);
  const { db } = app.store;
  const existing = Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const missing = Math.max(0, total - existing);
  const random = rng(7);
  const base = Date.parse('2025-06-01T00:00:00Z');
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < missing; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(missing, start + BATCH); i++) {
        const modified = base + Math.floor(random() * YEAR_MS);
        rows.push({
          name: `bulk${String(i).padStart(7, '0')}`,
          owner: 'Administrator',
          creation: nowDatetime(new Date(modified - Math.floor(random() * 86_400_000))),
          modified: nowDatetime(new Date(modified)),
          modified_by: 'Administrator',
          docstatus: 0,
          idx: 0,
          ...ticketValues(i, random),
        });
      }
      await trx.insertInto(table).values(rows).execute();
    }
  });
  return missing;
}
