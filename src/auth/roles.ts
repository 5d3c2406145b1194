import type { Executor } from '../store/store.ts';
import { tableName } from '../documents/meta.ts';

/** The roles a user holds: their Has Role rows, plus `All`; Administrator holds every role. */
export async function rolesOf(db: Executor, user: string): Promise<string[]> {
  const rows = await db
    .selectFrom(tableName('Has Role'))
    .select('role')
    .where('parent', '=', user)
    .where('parenttype', '=', 'User')
    .execute();
  const roles = new Set(rows.map((r) => String(r.role)));
  roles.add('All');
  if (user === 'Administrator') {
    roles.add('Administrator');
    roles.add('System Manager');
  }
  return [...roles];
}
