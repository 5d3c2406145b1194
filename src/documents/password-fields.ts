import type { Transaction } from 'kysely';
import { hashPassword } from '../auth/password-hash.ts';
import type { Executor } from '../store/store.ts';

/** Stores the scrypt hashes of a document's Password fields in `__auth` (never in its own table). */
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
export async function storeSecretHash(db: Executor, doctype: string, name: string, fieldname: string, hash: string): Promise<void> {
  await db
    .insertInto('__auth')
    .values({ doctype, name, fieldname, hash })
    .onConflict((oc) => oc.columns(['doctype', 'name', 'fieldname']).doUpdateSet({ hash }))
    .execute();
}

/** The stored hash of a secret, or undefined. */
export async function readSecretHash(db: Executor, doctype: string, name: string, fieldname: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('__auth')
    .select('hash')
    .where('doctype', '=', doctype)
    .where('name', '=', name)
    .where('fieldname', '=', fieldname)
    .executeTakeFirst();
  return row?.hash as string | undefined;
}

/** Upserts a secret Relais reads back (a webhook URL), kept out of the document's own table. */
export async function storeSecretValue(db: Executor, doctype: string, name: string, fieldname: string, value: string): Promise<void> {
  await db
    .insertInto('__secrets')
    .values({ doctype, name, fieldname, value })
    .onConflict((oc) => oc.columns(['doctype', 'name', 'fieldname']).doUpdateSet({ value }))
    .execute();
}

/** A stored secret value, or undefined. */
export async function readSecretValue(db: Executor, doctype: string, name: string, fieldname: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('__secrets')
    .select('value')
    .where('doctype', '=', doctype)
    .where('name', '=', name)
    .where('fieldname', '=', fieldname)
    .executeTakeFirst();
  return row?.value as string | undefined;
}

/** Moves or deletes a document's secrets (hashes and values) when it is renamed or deleted. */
export async function renameSecrets(trx: Transaction<any>, doctype: string, oldName: string, newName: string | null): Promise<void> {
  for (const table of ['__auth', '__secrets']) {
    if (newName === null) await trx.deleteFrom(table).where('doctype', '=', doctype).where('name', '=', oldName).execute();
    else await trx.updateTable(table).set({ name: newName }).where('doctype', '=', doctype).where('name', '=', oldName).execute();
  }
}
