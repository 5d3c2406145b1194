import crypto from 'node:crypto';
import type { DocumentService } from '../documents/document-service.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { readSecretHash, storeSecretHash } from '../documents/document-secrets.ts';
import { tableName } from '../documents/meta.ts';
import type { Executor } from '../store/store.ts';
import { digestSecret } from './password-hash.ts';

/** A random key or secret of Frappe's length (15 characters), from an unambiguous alphabet. */
export function randomToken(length = 15): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Gives `user` an API key and a new secret (Frappe's `generate_keys`). The secret is returned once
 * and stored only as a digest; calling again replaces the secret (the key stays when given).
 */
export async function setApiKeys(
  service: DocumentService,
  user: string,
  key?: string,
  secret?: string,
): Promise<{ api_key: string; api_secret: string }> {
  const apiSecret = secret ?? randomToken();
  return service.store.transaction(undefined, async (trx) => {
    const current = await service.get('User', user, { ...SYSTEM_ACTOR, trx });
    const apiKey = key ?? (current.api_key as string | null) ?? randomToken();
    if (current.api_key !== apiKey) await service.update('User', user, { api_key: apiKey }, { ...SYSTEM_ACTOR, trx });
    await storeSecretHash(trx, 'User', user, 'api_secret', digestSecret(apiSecret));
    return { api_key: apiKey, api_secret: apiSecret };
  });
}

/** The enabled user holding this API key and secret, or undefined. */
export async function userForApiKey(db: Executor, apiKey: string, apiSecret: string): Promise<string | undefined> {
  const row = await db.selectFrom(tableName('User')).select(['name', 'enabled']).where('api_key', '=', apiKey).executeTakeFirst();
  if (!row || !row.enabled) return undefined;
  const stored = await readSecretHash(db, 'User', String(row.name), 'api_secret');
  if (!stored) return undefined;
  const given = Buffer.from(digestSecret(apiSecret));
  const expected = Buffer.from(stored);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? String(row.name) : undefined;
}
