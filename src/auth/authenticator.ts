import type { DocumentService } from '../documents/document-service.ts';
import { tableName } from '../documents/meta.ts';
import { readSecretHash } from '../documents/document-secrets.ts';
import type { Actor } from '../documents/permissions.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';
import { userForApiKey } from './api-keys.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { rolesOf } from './roles.ts';
import { createSession, deleteSession, sessionUser } from './sessions.ts';

/** The credentials a request may carry. */
export interface RequestCredentials {
  authorization?: string;
  sid?: string;
}

let dummyHash: Promise<string> | undefined;

/** Resolves who a request is from (API token or session cookie), and logs users in and out. */
export class Authenticator {
  constructor(private readonly service: DocumentService) {}

  private get db() {
    return this.service.store.db;
  }

  /**
   * The actor behind a request, or undefined when it carries no credentials. Credentials that are
   * present but wrong throw INVALID_CREDENTIALS (a client with a bad token must hear so).
   */
  async authenticate(credentials: RequestCredentials): Promise<Actor | undefined> {
    const header = credentials.authorization?.trim();
    if (header) {
      const user = await this.userFromHeader(header);
      if (!user) throw new RelaisError('INVALID_CREDENTIALS', tr`Invalid API key or secret in the Authorization header`);
      return { user, roles: await rolesOf(this.db, user) };
    }
    if (credentials.sid && credentials.sid !== 'Guest') {
      const user = await sessionUser(this.db, credentials.sid);
      if (user && (await this.isEnabled(user))) return { user, roles: await rolesOf(this.db, user) };
    }
    return undefined;
  }

  private async userFromHeader(header: string): Promise<string | undefined> {
    const [scheme, ...rest] = header.split(/\s+/);
    let token = rest.join(' ');
    if (/^basic$/i.test(scheme)) token = Buffer.from(token, 'base64').toString('utf8');
    else if (!/^(token|bearer)$/i.test(scheme)) return undefined;
    const colon = token.indexOf(':');
    if (colon <= 0) return undefined;
    return userForApiKey(this.db, token.slice(0, colon), token.slice(colon + 1));
  }

  private async isEnabled(user: string): Promise<boolean> {
    const row = await this.db.selectFrom(tableName('User')).select('enabled').where('name', '=', user).executeTakeFirst();
    return Boolean(row?.enabled);
  }

  /** Checks a user name (or e-mail) and password; opens a session. INVALID_CREDENTIALS otherwise. */
  async login(usr: unknown, pwd: unknown): Promise<{ user: string; fullName: string; sid: string }> {
    if (typeof usr !== 'string' || typeof pwd !== 'string' || usr === '' || pwd === '') {
      throw new RelaisError('INVALID_CREDENTIALS', tr`Incomplete login details: send usr and pwd`, { field: usr ? 'pwd' : 'usr' });
    }
    const row = await this.db
      .selectFrom(tableName('User'))
      .select(['name', 'full_name', 'enabled'])
      .where((eb) => eb.or([eb('name', '=', usr), eb('email', '=', usr.toLowerCase())]))
      .executeTakeFirst();
    const stored = row ? await readSecretHash(this.db, 'User', String(row.name), 'new_password') : undefined;
    // Verify against a dummy hash when the user is unknown, so timing does not tell which users exist.
    dummyHash ??= hashPassword('relais-dummy-password');
    const ok = await verifyPassword(pwd, stored ?? (await dummyHash));
    if (!row || !stored || !ok) throw new RelaisError('INVALID_CREDENTIALS', tr`Invalid login credentials`);
    if (!row.enabled) throw new RelaisError('INVALID_CREDENTIALS', tr`User disabled or missing`, { user: row.name });
    const sid = await createSession(this.db, String(row.name));
    return { user: String(row.name), fullName: String(row.full_name ?? row.name), sid };
  }

  async logout(sid: string | undefined): Promise<void> {
    if (sid) await deleteSession(this.db, sid);
  }
}
