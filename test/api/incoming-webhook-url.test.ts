import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { testDatabases } from '../support/databases.ts';
import { api, apiOk, googleChatUrl, resourceUrl } from '../support/fixtures.ts';
import { ADMIN_AUTH, startTestApp, type TestApp } from '../support/test-app.ts';
import { SIGNING_SECRET_MASK, signingSecretOf } from '../../src/integrations/webhook-url-controller.ts';
import { renderWebhookBody, sampleWebhookBodyContext } from '../../src/integrations/webhook-body.ts';

const WEBHOOKS = resourceUrl('Incoming Webhook URL');
const MASKED = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=…&token=••••';

describe.each(await testDatabases())('Incoming Webhook URL on $name', (db) => {
  let t: TestApp;
  const reveal = (name: string, auth = ADMIN_AUTH) =>
    api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.reveal', { name }, { auth });
  const count = async () =>
    Number(
      (await apiOk(t.server, 'GET', '/api/method/frappe.client.get_count', undefined, { query: { doctype: 'Incoming Webhook URL' } }))
        .message,
    );

  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(() => t.close());

  it('keeps the URL byte-exact but shows it masked in every read, list and Version; a System Manager can reveal it', async () => {
    const url = googleChatUrl();
    const created = await apiOk(t.server, 'POST', WEBHOOKS, { webhook_name: 'support-space', service: 'Google Chat', webhook_url: url });
    expect(created.data).toMatchObject({
      name: 'support-space',
      webhook_url: MASKED,
      status: 'Active',
      show_document_link: 1,
      thread_by_document: 1,
      message_format: 'Text',
    });
    expect((await apiOk(t.server, 'GET', resourceUrl('Incoming Webhook URL', 'support-space'))).data.webhook_url).toBe(MASKED);
    const list = await apiOk(t.server, 'GET', WEBHOOKS, undefined, { query: { fields: ['name', 'webhook_url'] } });
    expect(list.data).toEqual([{ name: 'support-space', webhook_url: MASKED }]);
    const versions = await t.app.store.db.selectFrom(tableName('Version')).select('data').where('docname', '=', 'support-space').execute();
    for (const v of versions) expect(String(v.data)).not.toContain('fake-token');
    const revealed = await reveal('support-space');
    expect(revealed.status).toBe(200);
    expect(revealed.body.message.webhook_url).toBe(url); // %3D kept, nothing escaped
  });

  it('keeps the stored URL when a form sends the masked value back, and refuses a client setting status or counters', async () => {
    await apiOk(t.server, 'POST', WEBHOOKS, { webhook_name: 'kept', service: 'Google Chat', webhook_url: googleChatUrl('KEPT') });
    const saved = await apiOk(t.server, 'PUT', resourceUrl('Incoming Webhook URL', 'kept'), {
      webhook_url: 'https://chat.googleapis.com/v1/spaces/KEPT/messages?key=…&token=••••',
      message_format: 'Card',
      status: 'Broken',
      sent_count: 99,
    });
    expect(saved.data).toMatchObject({ message_format: 'Card', status: 'Active', sent_count: 0 });
    expect((await reveal('kept')).body.message.webhook_url).toBe(googleChatUrl('KEPT'));
    const replaced = await apiOk(t.server, 'PUT', resourceUrl('Incoming Webhook URL', 'kept'), { webhook_url: googleChatUrl('NEW') });
    expect(replaced.data.webhook_url).toBe(MASKED.replace('AAAA', 'NEW'));
    expect((await reveal('kept')).body.message.webhook_url).toBe(googleChatUrl('NEW'));
  });

  it.each([
    ['a look-alike host', googleChatUrl('AAAA', 'https://chat.googleapis.com.evil.example'), /is on chat\.googleapis\.com/],
    ['plain http', googleChatUrl('AAAA', 'http://chat.googleapis.com'), /https:\/\//],
    [
      'a missing token',
      'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI',
      /token parameter is missing/,
    ],
    ['a loopback fake server without RELAIS_ALLOW_PRIVATE_WEBHOOKS', googleChatUrl('AAAA', 'http://127.0.0.1:9999'), /https:\/\//],
  ])('refuses a Google Chat URL with %s, naming the field, and writes nothing', async (_, url, reason) => {
    const before = await count();
    const res = await api(t.server, 'POST', WEBHOOKS, { webhook_name: `bad-${before}`, service: 'Google Chat', webhook_url: url });
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'webhook_url' } });
    expect(res.body.error.message).toMatch(reason);
    expect(JSON.stringify(res.body)).not.toContain('fake-token'); // the secret is not echoed back
    expect(await count()).toBe(before);
  });

  it.each([
    ['loopback', 'https://127.0.0.1/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /127\.0\.0\.1, a loopback address/],
    ['a private network', 'https://10.1.2.3/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /private/],
    ['cloud metadata', 'https://169.254.169.254/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /linkLocal/],
    ['IPv6 loopback', 'https://[::1]/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /loopback/],
    ['an IPv4-mapped private address', 'https://[::ffff:192.168.1.10]/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /private/],
    ['localhost', 'https://localhost/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a', /this machine/],
  ])('refuses a webhook that reaches %s (SSRF guard)', async (_, url, reason) => {
    const res = await api(t.server, 'POST', WEBHOOKS, { webhook_name: 'ssrf', service: 'Mattermost', webhook_url: url });
    expect(res.status).toBe(417);
    expect(res.body.error.message).toMatch(reason);
    expect(res.body.error.message).toMatch(/RELAIS_ALLOW_PRIVATE_WEBHOOKS/);
  });

  it('reveals only to a System Manager, and the secret follows a rename and goes with a delete', async () => {
    await apiOk(t.server, 'POST', WEBHOOKS, {
      webhook_name: 'moving',
      service: 'Slack',
      webhook_url: 'https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/abcdEFGHijklMNOPqrstUVWX',
    });
    expect((await apiOk(t.server, 'GET', resourceUrl('Incoming Webhook URL', 'moving'))).data.webhook_url).toBe(
      'https://hooks.slack.com/services/T…/B…/••••',
    );
    await t.app.documents.insert('User', { email: 'clerk@example.com', first_name: 'Clerk' }, {
      user: 'Administrator',
      roles: ['System Manager'],
    } as never);
    const keys = await apiOk(t.server, 'POST', '/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'clerk@example.com' });
    const clerk = `token ${keys.message.api_key}:${keys.message.api_secret}`;
    expect((await reveal('moving', clerk)).status).toBe(403);
    await apiOk(t.server, 'POST', '/api/method/frappe.client.rename_doc', {
      doctype: 'Incoming Webhook URL',
      old_name: 'moving',
      new_name: 'moved',
    });
    expect((await reveal('moved')).body.message.webhook_url).toBe(
      'https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/abcdEFGHijklMNOPqrstUVWX',
    );
    await apiOk(t.server, 'DELETE', resourceUrl('Incoming Webhook URL', 'moved'));
    expect(await t.app.store.db.selectFrom('__secrets').selectAll().where('name', 'in', ['moving', 'moved']).execute()).toEqual([]);
    expect((await reveal('moved')).status).toBe(404);
  });
});

const RECEIVER = 'https://hooks.example.com/relais';
const newSecret = (bytes = 32) => `whsec_${crypto.randomBytes(bytes).toString('base64')}`;

describe.each(await testDatabases())('Incoming Webhook URL of the generic Webhook on $name', (db) => {
  let t: TestApp;
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    api(t.server, 'POST', WEBHOOKS, { webhook_name: name, service: 'Webhook', webhook_url: RECEIVER, ...extra });
  const fieldError = (res: { status: number; body: any }, field: string) => {
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field } });
    return String(res.body.error.message);
  };

  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(() => t.close());

  it('gets a generated Standard Webhooks secret, kept apart: reads, lists and Versions show only the mask', async () => {
    const created = await create('sink');
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ signing_secret: SIGNING_SECRET_MASK, webhook_url: 'https://hooks.example.com/••••' });
    const secret = (await signingSecretOf(t.app.store.db, 'sink'))!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const read = await apiOk(t.server, 'GET', resourceUrl('Incoming Webhook URL', 'sink'));
    const list = await apiOk(t.server, 'GET', WEBHOOKS, undefined, { query: { fields: ['name', 'signing_secret'] } });
    expect(read.data.signing_secret).toBe(SIGNING_SECRET_MASK);
    expect(list.data).toContainEqual({ name: 'sink', signing_secret: SIGNING_SECRET_MASK });
    const versions = await t.app.store.db.selectFrom(tableName('Version')).select('data').where('docname', '=', 'sink').execute();
    const key = secret.slice('whsec_'.length, 'whsec_'.length + 12);
    for (const text of [JSON.stringify(created.body), JSON.stringify(read), JSON.stringify(list), ...versions.map((v) => String(v.data))]) {
      expect(text).not.toContain(key);
    }
    // The receiver needs it: a System Manager reveals it with the URL.
    const revealed = await api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.reveal', { name: 'sink' });
    expect(revealed.body.message).toEqual({ webhook_url: RECEIVER, signing_secret: secret });
  });

  it('keeps the secret when the mask comes back, takes a valid one, and makes a new one when it is cleared', async () => {
    await create('kept-secret');
    const first = await signingSecretOf(t.app.store.db, 'kept-secret');
    const url = resourceUrl('Incoming Webhook URL', 'kept-secret');
    await apiOk(t.server, 'PUT', url, { signing_secret: SIGNING_SECRET_MASK, enabled: 0 });
    expect(await signingSecretOf(t.app.store.db, 'kept-secret')).toBe(first);
    const mine = newSecret(24);
    expect((await apiOk(t.server, 'PUT', url, { signing_secret: mine })).data.signing_secret).toBe(SIGNING_SECRET_MASK);
    expect(await signingSecretOf(t.app.store.db, 'kept-secret')).toBe(mine);
    await apiOk(t.server, 'PUT', url, { signing_secret: '' });
    const rotated = await signingSecretOf(t.app.store.db, 'kept-secret');
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(mine);
  });

  it.each([
    ['no whsec_ prefix', crypto.randomBytes(32).toString('base64')],
    ['not base64', 'whsec_not base64!'],
    ['too short (16 bytes)', newSecret(16)],
    ['too long (65 bytes)', newSecret(65)],
    ['the mask on a new webhook', SIGNING_SECRET_MASK],
  ])('refuses a signing secret with %s, naming the field, without echoing it', async (_, secret) => {
    const res = await create(`bad-secret-${crypto.randomUUID()}`, { signing_secret: secret });
    expect(fieldError(res, 'signing_secret')).toMatch(/Signing Secret: a Standard Webhooks secret is whsec_/);
    expect(JSON.stringify(res.body)).not.toContain(secret.slice(6, 20) || secret);
  });

  it('takes a body template that renders JSON, and refuses one that does not, naming the field and the problem', async () => {
    const good = '{"text": {{ message|tojson }}, "id": {{ delivery|tojson }}, "doc": {{ document.name|tojson }}}';
    expect((await create('templated', { body_template: good })).body.data.body_template).toBe(good);

    const unquoted = fieldError(await create('unquoted', { body_template: '{"text": "{{ message }}"}' }), 'body_template');
    expect(unquoted).toMatch(/Body Template: .*not render valid JSON: .+tojson/);
    const syntax = fieldError(await create('syntax', { body_template: '{"text": {{ message|tojson }' }), 'body_template');
    expect(syntax).toMatch(/Body Template: .*line 1/);
    const unknown = fieldError(await create('unknown', { body_template: '{"name": {{ doc.name|tojson }}}' }), 'body_template');
    expect(unknown).toMatch(/Body Template: .*unknown variable.*line 1, column 13.*it sees subject, message, document, event/);
    expect(fieldError(await create('not-json', { body_template: 'Hello {{ subject }}' }), 'body_template')).toMatch(/valid JSON/);
  });

  it('renders a body at send time, and fails with WEBHOOK_BODY_INVALID when it is not JSON', async () => {
    const context = { ...sampleWebhookBodyContext('https://erp.example.com'), message: 'Payée "vite"\nmerci' };
    const body = await renderWebhookBody(t.app.templates, '{"text": {{ message|tojson }}, "at": {{ occurred_at|tojson }}}', context);
    expect(JSON.parse(body)).toEqual({ text: 'Payée "vite"\nmerci', at: '2026-01-01T00:00:00.000Z' });
    await expect(renderWebhookBody(t.app.templates, '{"text": "{{ message }}"}', context)).rejects.toMatchObject({
      code: 'WEBHOOK_BODY_INVALID',
      status: 417,
    });
    await expect(renderWebhookBody(t.app.templates, '{{ nothing.here }}', context)).rejects.toMatchObject({ code: 'WEBHOOK_BODY_INVALID' });
  });

  it('refuses a signing secret or a body template on a Google Chat webhook, and forgets the secret when a Webhook changes service', async () => {
    const chat = { webhook_name: 'chat', service: 'Google Chat', webhook_url: googleChatUrl('CHAT') };
    const secret = await api(t.server, 'POST', WEBHOOKS, { ...chat, signing_secret: newSecret() });
    expect(fieldError(secret, 'signing_secret')).toMatch(/only a Webhook is signed/);
    const template = await api(t.server, 'POST', WEBHOOKS, { ...chat, body_template: '{"text": {{ message|tojson }}}' });
    expect(fieldError(template, 'body_template')).toMatch(/only a Webhook takes a body template/);
    expect((await apiOk(t.server, 'POST', WEBHOOKS, chat)).data.signing_secret).toBeNull();

    await create('switching');
    const url = resourceUrl('Incoming Webhook URL', 'switching');
    const switched = { service: 'Google Chat', webhook_url: googleChatUrl('SWITCHED') };
    expect(fieldError(await api(t.server, 'PUT', url, switched), 'signing_secret')).toMatch(/clear it for Google Chat/);
    await apiOk(t.server, 'PUT', url, { ...switched, signing_secret: null });
    expect(await signingSecretOf(t.app.store.db, 'switching')).toBeUndefined();
  });
});

describe.each(await testDatabases())('Incoming Webhook URL with RELAIS_ALLOW_PRIVATE_WEBHOOKS=1 on $name', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1' });
  });
  afterAll(() => t.close());

  it('accepts a loopback fake Google Chat server and a self-hosted service on a private network', async () => {
    const fake = googleChatUrl('AAAA', 'http://127.0.0.1:9999');
    const saved = await apiOk(t.server, 'POST', WEBHOOKS, { webhook_name: 'fake', service: 'Google Chat', webhook_url: fake });
    expect(saved.data.webhook_url).toBe('http://127.0.0.1:9999/v1/spaces/AAAA/messages?key=…&token=••••');
    await apiOk(t.server, 'POST', WEBHOOKS, {
      webhook_name: 'lan',
      service: 'Mattermost',
      webhook_url: 'http://10.0.0.5:8065/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a',
    });
  });
});
