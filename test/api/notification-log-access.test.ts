/**
 * The bell's read rule: a user who is not a System Manager lists and reads only the Notification Log
 * rows addressed to them, may mark them read (and change nothing else), and never sees anyone else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { ADMIN_AUTH, startTestApp, type TestApp } from '../support/test-app.ts';

const LOG = '/api/resource/Notification%20Log';

describe.each(await testDatabases())('Notification Log for its own user on $name', (db) => {
  let t: TestApp;
  let aliceSid = '';
  const names: Record<string, string> = {};

  function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, sid?: string, payload?: unknown) {
    return t.server.inject({
      method,
      url,
      headers: sid ? {} : { authorization: ADMIN_AUTH },
      cookies: sid ? { sid } : undefined,
      payload: payload as never,
    });
  }

  beforeAll(async () => {
    t = await startTestApp(db);
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const res = await send('POST', '/api/resource/User', undefined, {
        email,
        first_name: email.split('@')[0],
        new_password: 'Secret-pass-123',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const [key, forUser] of [
      ['alice1', 'alice@example.com'],
      ['alice2', 'alice@example.com'],
      ['bob1', 'bob@example.com'],
    ]) {
      const res = await send('POST', LOG, undefined, {
        subject: `For ${key}`,
        for_user: forUser,
        document_type: 'User',
        document_name: forUser,
      });
      expect(res.statusCode, res.body).toBe(200);
      names[key] = res.json().data.name;
    }
    const login = await send('POST', '/api/method/login', undefined, { usr: 'alice@example.com', pwd: 'Secret-pass-123' });
    expect(login.statusCode, login.body).toBe(200);
    aliceSid = login.cookies.find((c) => c.name === 'sid')!.value;
  });
  afterAll(() => t.close());

  it('lists and counts only the rows addressed to the user, whatever the filters', async () => {
    const res = await send('GET', `${LOG}?fields=${encodeURIComponent('["name","subject","for_user"]')}`, aliceSid);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .data.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual([names.alice1, names.alice2].sort());
    const asked = await send('GET', `${LOG}?filters=${encodeURIComponent('[["for_user","=","bob@example.com"]]')}`, aliceSid);
    expect(asked.json().data).toEqual([]);
    const count = await send('GET', '/api/method/frappe.client.get_count?doctype=Notification%20Log', aliceSid);
    expect(count.json().message).toBe(2);
    const all = await send('GET', LOG);
    expect(all.json().data).toHaveLength(3); // the System Manager sees every row
  });

  it("reads its own row and answers another's as not found", async () => {
    const own = await send('GET', `${LOG}/${names.alice1}`, aliceSid);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().data.subject).toBe('For alice1');
    const other = await send('GET', `${LOG}/${names.bob1}`, aliceSid);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('DOCUMENT_NOT_FOUND');
    const missing = await send('GET', `${LOG}/no-such-log`, aliceSid);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    const otherPut = await send('PUT', `${LOG}/${names.bob1}`, aliceSid, { read: 1 });
    expect([otherPut.statusCode, otherPut.json().error.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
  });

  it('marks its own row read, and may change no other field, create or delete', async () => {
    const put = await send('PUT', `${LOG}/${names.alice1}`, aliceSid, { read: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data.read).toBe(1);
    const subject = await send('PUT', `${LOG}/${names.alice1}`, aliceSid, { subject: 'changed', read: 1 });
    expect(subject.statusCode, subject.body).toBe(403);
    expect(subject.json().error).toMatchObject({ code: 'PERMISSION_DENIED', details: { field: 'subject' } });
    const moved = await send('PUT', `${LOG}/${names.alice1}`, aliceSid, { for_user: 'bob@example.com' });
    expect(moved.statusCode).toBe(403);
    const created = await send('POST', LOG, aliceSid, { subject: 'mine', for_user: 'alice@example.com' });
    expect([created.statusCode, created.json().error.code]).toEqual([403, 'PERMISSION_DENIED']);
    const deleted = await send('DELETE', `${LOG}/${names.alice2}`, aliceSid);
    expect([deleted.statusCode, deleted.json().error.code]).toEqual([403, 'PERMISSION_DENIED']);
    const stored = await send('GET', `${LOG}/${names.alice1}`);
    expect(stored.json().data).toMatchObject({ subject: 'For alice1', for_user: 'alice@example.com', read: 1 });
  });

  it('relais.notification_log.mark_read marks only the current user’s rows', async () => {
    const byName = await send('POST', '/api/method/relais.notification_log.mark_read', aliceSid, { names: [names.alice2, names.bob1] });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().message).toEqual({ count: 1 });
    const bob = await send('GET', `${LOG}/${names.bob1}`);
    expect(bob.json().data.read).toBe(0);
    const unread = await send(
      'POST',
      `${LOG.replace('/api/resource/Notification%20Log', '/api/method/frappe.client.get_count')}`,
      aliceSid,
      {
        doctype: 'Notification Log',
        filters: { read: 0 },
      },
    );
    expect(unread.json().message).toBe(0);
    const all = await send('POST', '/api/method/relais.notification_log.mark_read', undefined, { all: true });
    expect(all.json().message).toEqual({ count: 0 }); // the Administrator has no rows of its own
    expect((await send('GET', `${LOG}/${names.bob1}`)).json().data.read).toBe(0);
    const bad = await send('POST', '/api/method/relais.notification_log.mark_read', aliceSid, {});
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});
