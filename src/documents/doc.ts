/** A document as the API shows it: standard fields, its own fields, child rows under table fields. */
export type Doc = Record<string, unknown> & {
  name: string;
  doctype: string;
  docstatus: number;
};

/** Who is acting, and optionally the transaction to act in. */
export interface ActContext {
  user: string;
  /** Skip permission checks (system writes: install, hooks acting for the system). */
  ignorePermissions?: boolean;
  /** Run inside this transaction instead of opening one (hooks writing with the document). */
  trx?: import('kysely').Transaction<any>;
}

/** Frappe's datetime format: `YYYY-MM-DD HH:MM:SS.ffffff`, in UTC. Sorts as text. */
export function nowDatetime(date = new Date()): string {
  const iso = date.toISOString(); // 2026-11-27T18:41:16.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}
