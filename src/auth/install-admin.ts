import { documentExists } from '../documents/document-rows.ts';
import type { DocumentService } from '../documents/document-service.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { randomToken, setApiKeys } from './api-keys.ts';

export interface AdminSettings {
  /** RELAIS_ADMIN_PASSWORD: the Administrator's password on first start. */
  adminPassword?: string;
  /** RELAIS_API_KEY and RELAIS_API_SECRET: an API token for the Administrator, set at every start. */
  apiKey?: string;
  apiSecret?: string;
}

/**
 * Creates the Administrator on first start (with the given password, or a random one that is
 * returned so the caller can print it) and applies the configured API token.
 */
export async function ensureAdministrator(
  service: DocumentService,
  settings: AdminSettings,
): Promise<{ generatedPassword?: string; created: boolean }> {
  let generatedPassword: string | undefined;
  let created = false;
  if (!(await documentExists(service.store.db, 'User', 'Administrator'))) {
    const password = settings.adminPassword ?? (generatedPassword = randomToken(20));
    await service.insert(
      'User',
      {
        email: 'admin@example.com',
        first_name: 'Administrator',
        new_password: password,
        roles: [{ role: 'Administrator' }, { role: 'System Manager' }],
      },
      { ...SYSTEM_ACTOR, flags: { forceName: 'Administrator' } },
    );
    created = true;
  }
  if (settings.apiKey && settings.apiSecret) await setApiKeys(service, 'Administrator', settings.apiKey, settings.apiSecret);
  return { generatedPassword, created };
}
