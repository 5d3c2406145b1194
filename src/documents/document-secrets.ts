/**
 * A document's secrets, kept out of its own table so that no read, list, template or Version sees
 * them: one-way hashes in `__auth` (Password fields, API secrets) and values Relais must read back in
 * `__secrets` (a webhook URL). Both are keyed by (doctype, name, fieldname).
 */
import type { Transaction } from 'kysely';
import { hashPassword } from '../auth/password-hash.ts';
import type { Executor } from '../store/store.ts';

const SECRET_TABLES = { hash: { table: '__auth', column: 'hash' }, value: { table: '__secrets', column: 'value' } } as const;
type SecretKind = keyof typeof SECRET_TABLES;

async function storeSecret(
  db: Executor,
  kind: SecretKind,
  doctype: string,
  name: string,
  fieldname: string,
  secret: string,
): Promise<void> {
  const { table, column } = SECRET_TABLES[kind];
  await db
    .insertInto(table)
    .values({ doctype, name, fieldname, [column]: secret })
    .onConflict((oc) => oc.columns(['doctype', 'name', 'fieldname']).doUpdateSet({ [column]: secret }))
    .execute();
}

async function readSecret(db: Executor, kind: SecretKind, doctype: string, name: string, fieldname: string): Promise<string | undefined> {
  const { table, column } = SECRET_TABLES[kind];
  const row = await db
    .selectFrom(table)
    .select(column)
    .where('doctype', '=', doctype)
    .where('name', '=', name)
    .where('fieldname', '=', fieldname)
    .executeTakeFirst();
  return row?.[column] as string | undefined;
}

/** Stores the scrypt hashes of a document's Password fields. */
export async function storePasswords(
  trx: Transaction<any>,
  doctype: string,
  name: string,
  passwords: Record<string, string>,
): Promise<void> {
  for (const [fieldname, plain] of Object.entries(passwords)) {
    await storeSecretHash(trx, doctype, name, fieldname, await hashPassword(plain));
  }
}

/** Upserts one secret hash (a password hash, or an API secret digest). */
export const storeSecretHash = (db: Executor, doctype: string, name: string, fieldname: string, hash: string) =>
  storeSecret(db, 'hash', doctype, name, fieldname, hash);

/** The stored hash of a secret, or undefined. */
export const readSecretHash = (db: Executor, doctype: string, name: string, fieldname: string) =>
  readSecret(db, 'hash', doctype, name, fieldname);

/** Upserts a secret Relais reads back (a webhook URL). */
export const storeSecretValue = (db: Executor, doctype: string, name: string, fieldname: string, value: string) =>
  storeSecret(db, 'value', doctype, name, fieldname, value);

/** A stored secret value, or undefined. */
export const readSecretValue = (db: Executor, doctype: string, name: string, fieldname: string) =>
  readSecret(db, 'value', doctype, name, fieldname);

/** Moves or deletes a document's secrets (hashes and values) when it is renamed or deleted. */
export async function renameSecrets(trx: Transaction<any>, doctype: string, oldName: string, newName: string | null): Promise<void> {
  for (const { table } of Object.values(SECRET_TABLES)) {
    if (newName === null) await trx.deleteFrom(table).where('doctype', '=', doctype).where('name', '=', oldName).execute();
    else await trx.updateTable(table).set({ name: newName }).where('doctype', '=', doctype).where('name', '=', oldName).execute();
  }
}
