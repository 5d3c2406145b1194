import type { Transaction } from 'kysely';
import type { Actor } from './permissions.ts';

/** A document as the API shows it: standard fields, its own fields, child rows under table fields. */
export type Doc = Record<string, unknown> & {
  name: string;
  doctype: string;
  docstatus: number;
};

/** Who is acting, and optionally the transaction to act in (hooks writing with the document). */
export interface ActContext extends Actor {
  trx?: Transaction<any>;
  /** Flags that travel with a write to its hooks (Frappe's `doc.flags`). */
  flags?: WriteFlags;
}

/** Flags of one write, seen by its hooks. Parts may add their own keys. */
export interface WriteFlags {
  /** Relais is installing or upgrading its own doctypes: core definitions may be written. */
  installing?: boolean;
  /** Give a new document exactly this name, whatever its DocType's naming rule (system inserts only). */
  forceName?: string;
  [key: string]: unknown;
}

/** Frappe's datetime format: `YYYY-MM-DD HH:MM:SS.ffffff`, in UTC. Sorts as text. */
export function nowDatetime(date = new Date()): string {
  const iso = date.toISOString(); // 2026-11-27T18:41:16.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

let lastWriteStamp = '';

/**
 * The timestamp of a write (`modified`, Versions, queued deliveries): now, but always after the last
 * one this process handed out and after `previous` (the document's current `modified`), 1 µs later
 * when the clock has not moved. Each write of a document thus has its own `modified` — a delivery's
 * idempotency key is built from it, and two writes in the same millisecond must not look like one —
 * and Versions sort in the order they were written.
 */
export function writeTimestamp(previous?: unknown): string {
  const floor = typeof previous === 'string' && previous > lastWriteStamp ? previous : lastWriteStamp;
  let stamp = nowDatetime();
  if (stamp <= floor) stamp = nextMicrosecond(floor);
  lastWriteStamp = stamp;
  return stamp;
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` plus one microsecond. */
function nextMicrosecond(stamp: string): string {
  const seconds = stamp.slice(0, 19);
  const micros = Number((/^\.(\d{1,6})/.exec(stamp.slice(19))?.[1] ?? '').padEnd(6, '0')) + 1;
  if (micros < 1_000_000) return `${seconds}.${String(micros).padStart(6, '0')}`;
  const next = new Date(Date.parse(`${seconds.slice(0, 10)}T${seconds.slice(11)}Z`) + 1000);
  return `${nowDatetime(next).slice(0, 19)}.000000`;
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}
