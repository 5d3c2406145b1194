import type { Kysely } from 'kysely';
import type { Doc } from '../documents/doc.ts';
import { tableName } from '../documents/meta.ts';
import type { NotificationRule } from './notification-rule.ts';

/** Who a rule addresses for one document: users (for the bell) and e-mail addresses. */
export interface Recipients {
  users: string[];
  emails: string[];
  cc: string[];
  bcc: string[];
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function split(list: string | null): string[] {
  return (list ?? '')
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => EMAIL.test(s));
}

/** Values a `receiver_by_document_field` names: `owner`, a field, or `field,child_table` across rows. */
function valuesOf(doc: Doc, spec: string): unknown[] {
  const [field, table] = spec.split(',').map((s) => s.trim());
  if (table) return ((doc[table] as Record<string, unknown>[] | undefined) ?? []).map((row) => row[field]);
  return [doc[field]];
}

/**
 * Resolves a rule's recipient rows (those whose own condition held, per `rowPassed`): document fields
 * naming users or addresses, enabled users holding a role, named users; cc and bcc addresses (`lists`:
 * each row's cc and bcc after Jinja rendering). Users are those named, holding a role, or whose
 * address is in cc or bcc (Frappe's bell goes to `recipients + cc + bcc`).
 */
export async function resolveRecipients(
  trx: Kysely<any>,
  rule: NotificationRule,
  doc: Doc,
  rowPassed: readonly boolean[],
  lists: ReadonlyArray<{ cc: string | null; bcc: string | null }> = rule.recipients,
): Promise<Recipients> {
  const named = new Set<string>();
  const cc: string[] = [];
  const bcc: string[] = [];
  const roles: string[] = [];
  rule.recipients.forEach((row, i) => {
    if (!rowPassed[i]) return;
    if (row.receiverByDocumentField) for (const v of valuesOf(doc, row.receiverByDocumentField)) if (v) named.add(String(v));
    if (row.receiverByUser) named.add(row.receiverByUser);
    if (row.receiverByRole) roles.push(row.receiverByRole);
    cc.push(...split(lists[i].cc));
    bcc.push(...split(lists[i].bcc));
  });
  const users = new Set<string>();
  const to = new Set<string>();
  if (named.size > 0) {
    const lowered = [...named].map((n) => n.toLowerCase());
    const rows = await enabledUsers(trx)
      .where((eb) => eb.or([eb('name', 'in', [...named]), eb('email', 'in', lowered)]))
      .execute();
    const matched = new Set<string>();
    for (const r of rows) {
      users.add(String(r.name));
      to.add(String(r.email));
      matched.add(String(r.name)).add(String(r.email).toLowerCase());
    }
    for (const n of named) if (EMAIL.test(n) && !matched.has(n) && !matched.has(n.toLowerCase())) to.add(n);
  }
  if (roles.length > 0) {
    const rows = await trx
      .selectFrom(`${tableName('Has Role')} as r`)
      .innerJoin(`${tableName('User')} as u`, 'u.name', 'r.parent')
      .select(['u.name as name', 'u.email as email'])
      .where('r.parenttype', '=', 'User')
      .where('r.role', 'in', roles)
      .where('u.enabled', '=', 1)
      .execute();
    for (const r of rows) {
      users.add(String(r.name));
      to.add(String(r.email));
    }
  }
  // Users whose address is copied get the bell too (Frappe's bell goes to to + cc + bcc).
  const copied = [...new Set([...cc, ...bcc].map((address) => address.toLowerCase()))];
  if (copied.length > 0) for (const r of await enabledUsers(trx).where('email', 'in', copied).execute()) users.add(String(r.name));
  return { users: [...users], emails: [...to], cc: [...new Set(cc)], bcc: [...new Set(bcc)] };
}

function enabledUsers(trx: Kysely<any>) {
  return trx.selectFrom(tableName('User')).select(['name', 'email']).where('enabled', '=', 1);
}
