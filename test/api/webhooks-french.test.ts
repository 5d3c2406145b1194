/**
 * Webhooks and deliveries in French. What the API answers (a refused URL, a test send's outcome, a
 * refused cancel) is said in the request's language; what Relais stores (a delivery's last_error and
 * attempt log, a Broken webhook's last_error, the System Managers' bell) in the site language,
 * RELAIS_LANGUAGE. A service's own answer is quoted as it came.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { FRENCH_TERMS } from '../../src/i18n/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { api, googleChatUrl, resourceUrl, serverMessages } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The language does not depend on the database: SQLite is enough. */
const [sqlite] = await testDatabases();
const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
const ENGLISH = { 'accept-language': 'en' };
/** A word stored in English (doctype, label, option) as the French answer shows it. */
const fr = (word: string) => FRENCH_TERMS[word] ?? word;
const WEBHOOKS = resourceUrl('Incoming Webhook URL');
const A = SYSTEM_ACTOR;

/** An origin nothing listens on: a send there is refused at once. */
async function closedOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('refused webhook URLs in the request language (site language English)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(sqlite);
  });
  afterAll(() => t.close());

  // The French walkthrough's step 1: a URL that is not Google Chat's.
  const wrong = {
    webhook_name: 'support-space',
    service: 'Google Chat',
    webhook_url: 'https://chat.example.com/v1/spaces/AAAA/messages?key=k&token=t',
  };

  it('says why a Google Chat URL is refused in French with Accept-Language: fr', async () => {
    const res = await api(t.server, 'POST', WEBHOOKS, wrong, { headers: FRENCH });
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'webhook_url' } });
    const french =
      `${fr('Incoming Webhook URL')} : ${fr('Webhook URL')} : une URL de webhook Google Chat est sur chat.googleapis.com, ` +
      `pas sur chat.example.com (pour ${fr('Google Chat')})`;
    expect(res.body.error.message).toBe(french);
    expect(serverMessages(res.body)[0].message).toBe(french);
  });

  it('says it in English without the header', async () => {
    const res = await api(t.server, 'POST', WEBHOOKS, wrong);
    expect(res.body.error.message).toBe(
      'Incoming Webhook URL: Webhook URL: a Google Chat webhook URL is on chat.googleapis.com, not chat.example.com (for Google Chat)',
    );
    expect(serverMessages(res.body)[0].message).toBe(res.body.error.message);
  });

  it('says why a private address is refused (the SSRF guard) in French', async () => {
    const ssrf = { webhook_name: 'ssrf', service: 'Mattermost', webhook_url: 'https://10.1.2.3/hooks/xk3qg6ue5pf8mc4bzjh1tnwr9a' };
    const res = await api(t.server, 'POST', WEBHOOKS, ssrf, { headers: FRENCH });
    expect(res.status).toBe(417);
    expect(res.body.error.message).toBe(
      `${fr('Incoming Webhook URL')} : ${fr('Webhook URL')} : 10.1.2.3, une adresse de type private : les webhooks ne peuvent ` +
        'joindre que des adresses publiques (définissez RELAIS_ALLOW_PRIVATE_WEBHOOKS=1 pour autoriser un réseau privé)',
    );
  });
});

describe('test sends and stored errors with RELAIS_LANGUAGE=fr', () => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  const TICKET = 'Relay Ticket';
  const DELIVERY = tableName('Notification Delivery');
  const sendTest = (name: string, headers: Record<string, string>) =>
    api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.send_test', { name }, { headers });
  const notifyOnSave = (name: string, webhook: string) =>
    t.app.documents.insert(
      'Notification',
      {
        name,
        document_type: TICKET,
        event: 'Save',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: webhook,
        subject: 'Ticket {{ doc.name }}',
        message: 'Ticket {{ doc.name }}',
      },
      A,
    );
  const deliveryOf = (ticket: string) =>
    t.app.store.db.selectFrom(DELIVERY).selectAll().where('reference_name', '=', ticket).executeTakeFirstOrThrow();

  beforeAll(async () => {
    chat = await startFakeGoogleChat();
    t = await startTestApp(sqlite, { RELAIS_LANGUAGE: 'fr', RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_PACING: '0' });
    await t.app.documents.insert(
      'DocType',
      { name: TICKET, autoname: 'RT-.####', fields: [{ fieldname: 'subject', fieldtype: 'Data' }] },
      A,
    );
    const closed = await closedOrigin();
    await t.app.documents.insert(
      'Incoming Webhook URL',
      { webhook_name: 'unreachable', service: 'Google Chat', webhook_url: googleChatUrl('NOBODY', closed) },
      A,
    );
    await t.app.documents.insert(
      'Incoming Webhook URL',
      { webhook_name: 'revoked', service: 'Google Chat', webhook_url: googleChatUrl('REVOKED', chat.origin) },
      A,
    );
  });
  afterAll(async () => {
    await t.close();
    await chat.close();
  });

  it("answers a test send's failure in the request's language", async () => {
    const french = await sendTest('unreachable', FRENCH);
    expect(french.body.message).toMatchObject({ status: 'Failed', outcome: 'retry', error_code: 'CONNECTION_REFUSED' });
    expect(french.body.message.error).toBe('connexion refusée (ECONNREFUSED)');
    const english = await sendTest('unreachable', ENGLISH);
    expect(english.body.message.error).toBe('connection refused (ECONNREFUSED)');
  });

  it('stores a delivery’s error in the site language, whoever reads it, and refuses a cancel in the reader’s', async () => {
    await notifyOnSave('to nobody', 'unreachable');
    const ticket = await t.app.documents.insert(TICKET, { subject: 'Imprimante' }, A);
    await t.app.delivery.worker.runUntilIdle();
    const row = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Retrying', error_code: 'CONNECTION_REFUSED', last_error: 'connexion refusée (ECONNREFUSED)' });
    const read = await api(t.server, 'GET', resourceUrl('Notification Delivery', String(row.name)), undefined, { headers: ENGLISH });
    expect(read.body.data.attempt_log[0]).toMatchObject({ outcome: 'Retry', error: 'connexion refusée (ECONNREFUSED)' });

    const cancel = (headers: Record<string, string>) =>
      api(t.server, 'POST', '/api/method/relais.delivery.cancel', { name: row.name }, { headers });
    expect((await cancel(FRENCH)).body.message).toEqual({ name: row.name, status: 'Cancelled' });
    const again = await cancel(FRENCH);
    expect(again.body.error.code).toBe('DELIVERY_STATE_CONFLICT');
    expect(again.body.error.message).toBe(`Impossible d'annuler ${row.name} (${fr('Notification Delivery')}) : il est déjà annulé`);
    expect((await cancel(ENGLISH)).body.error.message).toBe(`Cannot cancel Notification Delivery ${row.name}: it is cancelled already`);
    await t.app.documents.delete('Notification', 'to nobody', A);
  });

  it('writes a Broken webhook’s last_error and the System Managers’ bell in the site language', async () => {
    chat.revoke('REVOKED');
    await notifyOnSave('to a revoked space', 'revoked');
    await t.app.documents.insert(TICKET, { subject: 'Scanner' }, A);
    await t.app.delivery.worker.runUntilIdle();
    const hook = await t.app.documents.get('Incoming Webhook URL', 'revoked', A);
    expect(hook.status).toBe('Broken');
    // Google's answer stays as it came; Relais's words around it are French.
    expect(String(hook.last_error)).toMatch(/^HTTP 403 : PERMISSION_DENIED: .* \[HTTP_403\]$/);
    const bells = await t.app.store.db
      .selectFrom(tableName('Notification Log'))
      .select(['subject', 'email_content'])
      .where('document_name', '=', 'revoked')
      .execute();
    expect(bells.length).toBeGreaterThan(0);
    expect(bells[0].subject).toBe(`${fr('Incoming Webhook URL')} revoked ne fonctionne plus : ses messages attendent sa réparation`);
    expect(String(bells[0].email_content)).toMatch(/^HTTP_403: HTTP 403 : PERMISSION_DENIED: /);
  });
});
