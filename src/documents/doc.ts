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

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}
