import crypto from 'node:crypto';
import type { Executor } from '../store/store.ts';
import { nowDatetime } from '../documents/doc.ts';
import { digestSecret } from './password-hash.ts';

/** How long a login session lasts without use (Frappe's default session expiry is 240 hours). */
export const SESSION_TTL_MS = 10 * 24 * 3600 * 1000;

/** Opens a session for `user`; returns the session id for the `sid` cookie (stored only as a digest). */
export async function createSession(db: Executor, user: string): Promise<string> {
  const sid = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await db
    .insertInto('__sessions')
    .values({
      sid_hash: digestSecret(sid),
      user,
      created: nowDatetime(now),
      expires: nowDatetime(new Date(now.getTime() + SESSION_TTL_MS)),
    })
    .execute();
  return sid;
}

/** The user of a live session, or undefined for an unknown or expired one. */
export async function sessionUser(db: Executor, sid: string): Promise<string | undefined> {
  const row = await db.selectFrom('__sessions').select(['user', 'expires']).where('sid_hash', '=', digestSecret(sid)).executeTakeFirst();
  if (!row || String(row.expires) < nowDatetime()) return undefined;
  return String(row.user);
}

export async function deleteSession(db: Executor, sid: string): Promise<void> {
  await db.deleteFrom('__sessions').where('sid_hash', '=', digestSecret(sid)).execute();
}

/** Ends every session of a user (disabled, deleted or renamed users). */
export async function deleteUserSessions(db: Executor, user: string): Promise<void> {
  await db.deleteFrom('__sessions').where('user', '=', user).execute();
}
