import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { ADMIN_AUTH, ADMIN_KEY, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Credentials {
  auth?: string;
  sid?: string;
}

const TICKET = 'Support Ticket';

describe.each(await testDatabases())('authentication and permissions on $name', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(() => t.close());

  function send(method: Method, url: string, who: Credentials = {}, payload?: unknown) {
    const headers: Record<string, string> = {};
    if (who.auth) headers.authorization = who.auth;
    return t.server.inject({ method, url, headers, cookies: who.sid ? { sid: who.sid } : undefined, payload: payload as never });
  }
  const admin: Credentials = { auth: ADMIN_AUTH };

  async function login(usr: string, pwd: string): Promise<string> {
    const res = await send('POST', '/api/method/login', {}, { usr, pwd });
    expect(res.statusCode, res.body).toBe(200);
    return res.cookies.find((c) => c.name === 'sid')!.value;
  }
  async function loggedUser(who: Credentials) {
    return send('GET', '/api/method/frappe.auth.get_logged_user', who);
  }
  function expectError(res: { statusCode: number; json(): any }, status: number, code: string, excType: string) {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().exc_type).toBe(excType);
  }
  async function createUser(email: string, password: string, roles: string[]) {
    const res = await send('POST', '/api/resource/User', admin, {
      email,
      first_name: email.split('@')[0],
      new_password: password,
      roles: roles.map((role) => ({ role })),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  }

  describe('authentication', () => {
    it('answers 401 NOT_AUTHENTICATED on every route but the public ones', async () => {
      const routes: Array<[Method, string, unknown?]> = [
        ['GET', '/api/resource/DocType'],
        ['POST', '/api/resource/Role', { role_name: 'X' }],
        ['GET', '/api/resource/User/Administrator'],
        ['PUT', '/api/resource/User/Administrator', { last_name: 'X' }],
        ['DELETE', '/api/resource/Role/System%20Manager'],
        ['GET', '/api/method/frappe.auth.get_logged_user'],
        ['GET', '/api/method/frappe.client.get_count?doctype=User'],
        ['POST', '/api/method/frappe.client.get_list', { doctype: 'User' }],
        ['POST', '/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'Administrator' }],
        ['POST', '/api/method/frappe.client.set_value', { doctype: 'User', name: 'Administrator', fieldname: 'last_name', value: 'X' }],
        ['GET', '/api/method/no.such.method'],
      ];
      for (const [method, url, payload] of routes) {
        const res = await send(method, url, {}, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json()).toMatchObject({ exc_type: 'AuthenticationError', error: { code: 'NOT_AUTHENTICATED' } });
      }
      expect((await send('GET', '/healthz')).json()).toEqual({ status: 'ok', database: db.name });
      expect((await send('GET', '/api/method/ping')).json()).toEqual({ message: 'pong' });
      expect((await send('POST', '/api/method/logout')).statusCode).toBe(200);
      expect((await send('POST', '/api/method/login', {}, { usr: 'Administrator', pwd: 'wrong' })).statusCode).toBe(401);
    });

    it('refuses a wrong token with 401 INVALID_CREDENTIALS', async () => {
      for (const auth of [`token ${ADMIN_KEY}:wrong-secret`, 'token nokey:nosecret', 'token garbage', 'Digest abc']) {
        expectError(await loggedUser({ auth }), 401, 'INVALID_CREDENTIALS', 'AuthenticationError');
      }
    });

    it('uses RELAIS_ADMIN_PASSWORD and RELAIS_API_KEY/SECRET for the Administrator', async () => {
      expect((await loggedUser(admin)).json()).toEqual({ message: 'Administrator' });
      const sid = await login('Administrator', ADMIN_PASSWORD);
      expect((await loggedUser({ sid })).json()).toEqual({ message: 'Administrator' });
    });

    it('logs in with a JSON body or a form, sets an httpOnly sid cookie, and logs out', async () => {
      const bodies = [
        { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ usr: 'Administrator', pwd: ADMIN_PASSWORD }) },
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `usr=Administrator&pwd=${encodeURIComponent(ADMIN_PASSWORD)}`,
        },
      ];
      for (const body of bodies) {
        const res = await t.server.inject({ method: 'POST', url: '/api/method/login', ...body });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ message: 'Logged In', full_name: 'Administrator' });
        const sid = res.cookies.find((c) => c.name === 'sid')!;
        expect(sid.httpOnly).toBe(true);
        expect(sid.value.length).toBeGreaterThan(20);
        expect((await loggedUser({ sid: sid.value })).json()).toEqual({ message: 'Administrator' });
        const out = await send('POST', '/api/method/logout', { sid: sid.value });
        expect(out.statusCode).toBe(200);
        expectError(await loggedUser({ sid: sid.value }), 401, 'NOT_AUTHENTICATED', 'AuthenticationError');
      }
    });

    it('refuses a wrong password, an unknown user and a disabled user', async () => {
      await createUser('alice@example.com', 'alice-password-1', []);
      expectError(
        await send('POST', '/api/method/login', {}, { usr: 'alice@example.com', pwd: 'nope' }),
        401,
        'INVALID_CREDENTIALS',
        'AuthenticationError',
      );
      expectError(
        await send('POST', '/api/method/login', {}, { usr: 'nobody@example.com', pwd: 'x' }),
        401,
        'INVALID_CREDENTIALS',
        'AuthenticationError',
      );
      const sid = await login('alice@example.com', 'alice-password-1');
      expect((await loggedUser({ sid })).json()).toEqual({ message: 'alice@example.com' });
      expect((await send('PUT', '/api/resource/User/alice@example.com', admin, { enabled: 0 })).statusCode).toBe(200);
      expectError(
        await send('POST', '/api/method/login', {}, { usr: 'alice@example.com', pwd: 'alice-password-1' }),
        401,
        'INVALID_CREDENTIALS',
        'AuthenticationError',
      );
      expectError(await loggedUser({ sid }), 401, 'NOT_AUTHENTICATED', 'AuthenticationError');
    });

    it('stores passwords as scrypt hashes, never in clear', async () => {
      await createUser('bob@example.com', 'bob-password-1', []);
      const row = await t.app.store.db
        .selectFrom('__auth')
        .select('hash')
        .where('doctype', '=', 'User')
        .where('name', '=', 'bob@example.com')
        .where('fieldname', '=', 'new_password')
        .executeTakeFirstOrThrow();
      expect(row.hash).not.toContain('bob-password-1');
      expect(row.hash).toMatch(/^scrypt\$/);
      const user = (await send('GET', '/api/resource/User/bob@example.com', admin)).json().data;
      expect(JSON.stringify(user)).not.toContain('bob-password-1');
    });

    it('generates API keys whose secret is shown once and stored as a digest', async () => {
      await createUser('carol@example.com', 'carol-password-1', []);
      const res = await send('POST', '/api/method/frappe.core.doctype.user.user.generate_keys', admin, { user: 'carol@example.com' });
      expect(res.statusCode, res.body).toBe(200);
      const { api_key: key, api_secret: secret } = res.json().message;
      expect(key).toMatch(/^\w{15}$/);
      expect(secret).toMatch(/^\w{15}$/);
      const rows = await t.app.store.db.selectFrom('__auth').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(secret);
      const userRow = await t.app.store.db
        .selectFrom('tabUser')
        .selectAll()
        .where('name', '=', 'carol@example.com')
        .executeTakeFirstOrThrow();
      expect(userRow.api_key).toBe(key);
      expect(JSON.stringify(userRow)).not.toContain(secret);
      const userDoc = (await send('GET', '/api/resource/User/carol@example.com', admin)).json().data;
      expect(userDoc.api_key).toBe(key);
      expect(JSON.stringify(userDoc)).not.toContain(secret);

      const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
      for (const auth of [`token ${key}:${secret}`, `Bearer ${key}:${secret}`, basic]) {
        expect((await loggedUser({ auth })).json(), auth).toEqual({ message: 'carol@example.com' });
      }
      // Generating again replaces the secret: the old one stops working.
      const again = (
        await send('POST', '/api/method/frappe.core.doctype.user.user.generate_keys', admin, { user: 'carol@example.com' })
      ).json().message;
      expect(again.api_key).toBe(key);
      expect(again.api_secret).not.toBe(secret);
      expectError(await loggedUser({ auth: `token ${key}:${secret}` }), 401, 'INVALID_CREDENTIALS', 'AuthenticationError');
      expect((await loggedUser({ auth: `token ${key}:${again.api_secret}` })).json()).toEqual({ message: 'carol@example.com' });
      // A plain user may not generate keys for someone else.
      const sid = await login('carol@example.com', 'carol-password-1');
      expectError(
        await send('POST', '/api/method/frappe.core.doctype.user.user.generate_keys', { sid }, { user: 'Administrator' }),
        403,
        'PERMISSION_DENIED',
        'PermissionError',
      );
    });
  });

  describe('roles and permissions', () => {
    const agent: Credentials = {};
    const plain: Credentials = {};
    const manager: Credentials = {};

    beforeAll(async () => {
      expect((await send('POST', '/api/resource/Role', admin, { role_name: 'Support Agent' })).statusCode).toBe(200);
      await createUser('agent@example.com', 'agent-password-1', ['Support Agent']);
      await createUser('plain@example.com', 'plain-password-1', []);
      await createUser('manager@example.com', 'manager-password-1', ['System Manager']);
      const res = await send('POST', '/api/resource/DocType', admin, {
        name: TICKET,
        module: 'Support',
        is_submittable: 1,
        autoname: 'hash',
        fields: [{ fieldname: 'subject', label: 'Subject', fieldtype: 'Data', reqd: 1 }],
        permissions: [{ role: 'Support Agent', read: 1, write: 1, create: 1, delete: 0, submit: 0, cancel: 0 }],
      });
      expect(res.statusCode, res.body).toBe(200);
      agent.sid = await login('agent@example.com', 'agent-password-1');
      plain.sid = await login('plain@example.com', 'plain-password-1');
      manager.sid = await login('manager@example.com', 'manager-password-1');
    });

    const ticketUrl = (name = '') => `/api/resource/${encodeURIComponent(TICKET)}${name ? `/${encodeURIComponent(name)}` : ''}`;
    async function newTicket(who: Credentials, subject: string) {
      const res = await send('POST', ticketUrl(), who, { subject });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data.name as string;
    }

    it('lets a role holder create, read, update and list, but not delete, submit or cancel', async () => {
      const name = await newTicket(agent, 'Printer on fire');
      expect((await send('GET', ticketUrl(name), agent)).json().data).toMatchObject({
        subject: 'Printer on fire',
        owner: 'agent@example.com',
      });
      expect((await send('PUT', ticketUrl(name), agent, { subject: 'Printer smoking' })).json().data.subject).toBe('Printer smoking');
      expect((await send('GET', ticketUrl(), agent)).json().data).toEqual([{ name }]);

      expectError(await send('DELETE', ticketUrl(name), agent), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(await send('PUT', ticketUrl(name), agent, { docstatus: 1 }), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(
        await send('POST', '/api/method/frappe.client.submit', agent, { doc: { doctype: TICKET, name } }),
        403,
        'PERMISSION_DENIED',
        'PermissionError',
      );
      expect((await send('PUT', ticketUrl(name), admin, { docstatus: 1 })).statusCode).toBe(200);
      expectError(await send('PUT', ticketUrl(name), agent, { docstatus: 2 }), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(
        await send('POST', '/api/method/frappe.client.cancel', agent, { doctype: TICKET, name }),
        403,
        'PERMISSION_DENIED',
        'PermissionError',
      );
      const stored = (await send('GET', ticketUrl(name), admin)).json().data;
      expect(stored.docstatus).toBe(1);
    });

    it('refuses a user without the role to read, list, create or count', async () => {
      const name = await newTicket(agent, 'Keyboard missing');
      expectError(await send('GET', ticketUrl(name), plain), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(await send('GET', ticketUrl(), plain), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(await send('POST', ticketUrl(), plain, { subject: 'x' }), 403, 'PERMISSION_DENIED', 'PermissionError');
      expectError(
        await send('GET', `/api/method/frappe.client.get_count?doctype=${encodeURIComponent(TICKET)}`, plain),
        403,
        'PERMISSION_DENIED',
        'PermissionError',
      );
      expectError(await send('PUT', ticketUrl(name), plain, { subject: 'x' }), 403, 'PERMISSION_DENIED', 'PermissionError');
    });

    it('lets only System Manager create or change DocType, User and Role documents', async () => {
      for (const who of [agent, plain]) {
        expectError(
          await send('POST', '/api/resource/DocType', who, { name: 'Sneaky', fields: [] }),
          403,
          'PERMISSION_DENIED',
          'PermissionError',
        );
        expectError(
          await send('PUT', `/api/resource/DocType/${encodeURIComponent(TICKET)}`, who, { description: 'x' }),
          403,
          'PERMISSION_DENIED',
          'PermissionError',
        );
        expectError(await send('POST', '/api/resource/Role', who, { role_name: 'Sneaky' }), 403, 'PERMISSION_DENIED', 'PermissionError');
        expectError(
          await send('PUT', '/api/resource/Role/Support%20Agent', who, { disabled: 1 }),
          403,
          'PERMISSION_DENIED',
          'PermissionError',
        );
        expectError(
          await send('POST', '/api/resource/User', who, { email: 'sneaky@example.com', first_name: 'S' }),
          403,
          'PERMISSION_DENIED',
          'PermissionError',
        );
        expectError(
          await send('PUT', '/api/resource/User/plain@example.com', who, { roles: [{ role: 'System Manager' }] }),
          403,
          'PERMISSION_DENIED',
          'PermissionError',
        );
        expectError(await send('GET', '/api/resource/User', who), 403, 'PERMISSION_DENIED', 'PermissionError');
      }
      const rolesOfPlain = (await send('GET', '/api/resource/User/plain@example.com', admin)).json().data.roles;
      expect(rolesOfPlain).toEqual([]);
      expect((await send('GET', '/api/resource/DocType/Sneaky', admin)).statusCode).toBe(404);
    });

    it('lets Administrator and System Manager do everything', async () => {
      for (const [who, tag] of [
        [admin, 'admin'],
        [manager, 'manager'],
      ] as const) {
        expect((await send('POST', '/api/resource/Role', who, { role_name: `Role by ${tag}` })).statusCode).toBe(200);
        const doctype = await send('POST', '/api/resource/DocType', who, {
          name: `Made by ${tag}`,
          fields: [{ fieldname: 'x', fieldtype: 'Data' }],
        });
        expect(doctype.statusCode, doctype.body).toBe(200);
        expect((await send('PUT', `/api/resource/DocType/Made%20by%20${tag}`, who, { description: 'changed' })).statusCode).toBe(200);
        const user = await send('POST', '/api/resource/User', who, {
          email: `made-by-${tag}@example.com`,
          first_name: 'M',
          roles: [{ role: `Role by ${tag}` }],
        });
        expect(user.statusCode, user.body).toBe(200);
        expect((await send('PUT', `/api/resource/User/made-by-${tag}@example.com`, who, { last_name: 'Changed' })).statusCode).toBe(200);

        const name = await newTicket(who, `By ${tag}`);
        expect((await send('PUT', ticketUrl(name), who, { docstatus: 1 })).json().data.docstatus).toBe(1);
        expect((await send('PUT', ticketUrl(name), who, { docstatus: 2 })).json().data.docstatus).toBe(2);
        expect((await send('DELETE', ticketUrl(name), who)).json()).toEqual({ message: 'ok' });
        expect((await send('GET', ticketUrl(), who)).statusCode).toBe(200);
      }
    });
  });
});
