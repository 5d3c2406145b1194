import type { Transaction } from 'kysely';
import type { Executor } from '../store/store.ts';
import { localDayAndTime, type Day } from './schedule.ts';

/** One row per scheduled reminder sent (migration 0002): the key is never sent twice. */
export const LEDGER_TABLE = '__notification_ledger';
/** The scheduler's progress (migration 0002): `key` → `value`. */
export const STATE_TABLE = '__scheduler_state';

/** What makes a scheduled reminder unique: rule, document, and the date or datetime it is about. */
export interface LedgerKey {
  notification: string;
  referenceDoctype: string;
  referenceName: string;
  /** The reference day (`YYYY-MM-DD`) of a Days rule, the document's datetime for a Minutes rule. */
  referenceDate: string;
}

const ledgerRow = (key: LedgerKey) => ({
  notification: key.notification,
  reference_doctype: key.referenceDoctype,
  reference_name: key.referenceName,
  reference_date: key.referenceDate,
});

export async function ledgerHas(db: Executor, key: LedgerKey): Promise<boolean> {
  const row = ledgerRow(key);
  const found = await db
    .selectFrom(LEDGER_TABLE)
    .select('notification')
    .where('notification', '=', row.notification)
    .where('reference_doctype', '=', row.reference_doctype)
    .where('reference_name', '=', row.reference_name)
    .where('reference_date', '=', row.reference_date)
    .executeTakeFirst();
  return found !== undefined;
}

/** Records a reminder as sent, in the transaction that queued it (a duplicate key violates the primary key). */
export async function recordInLedger(trx: Transaction<any>, key: LedgerKey, sentAt: string): Promise<void> {
  await trx
    .insertInto(LEDGER_TABLE)
    .values({ ...ledgerRow(key), sent_at: sentAt })
    .execute();
}

export async function readState(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom(STATE_TABLE).select('value').where('key', '=', key).executeTakeFirst();
  return row ? String(row.value) : null;
}

export async function writeState(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto(STATE_TABLE)
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (to the minute). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const { day, time } = localDayAndTime(new Date(instant), timeZone);
  return Date.parse(`${day}T${time}:00Z`) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant `day` begins in `timeZone` (its local midnight). Relais stores datetimes in UTC, so the
 * whole local day of a Datetime field is `[startOfLocalDay(day), startOfLocalDay(day + 1))`.
 */
export function startOfLocalDay(day: Day, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone); // the offset at the answer itself (DST days)
  return new Date(instant);
}
