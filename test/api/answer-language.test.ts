import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, api, apiOk, createIssueDoctypes, resourceUrl } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The language does not depend on the database: SQLite is enough. */
const [sqlite] = await testDatabases();
const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };

/** The message of an error answer, as `error.message`, `_server_messages` and `exception` say it (all three agree). */
function messageOf(body: any): string {
  const serverMessage = JSON.parse(JSON.parse(body._server_messages)[0]).message as string;
  expect(serverMessage).toBe(body.error.message);
  expect(body.exception).toBe(`frappe.exceptions.${body.exc_type}: ${body.error.message}`);
  return body.error.message;
}

describe('errors and method answers in the request language', () => {
  let t: TestApp;
  const notification = (name: string, extra: Record<string, unknown>) => ({
    name,
    channel: 'System Notification',
    subject: 'Issue {{ doc.name }} saved',
    document_type: ISSUE,
    event: 'Save',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp(sqlite);
    await createIssueDoctypes(t.server);
  });
  afterAll(() => t.close());

  it('refuses a wrong password in French with Accept-Language: fr, in English without it', async () => {
    const login = { usr: 'Administrator', pwd: 'wrong' };
    const fr = await api(t.server, 'POST', '/api/method/login', login, { auth: null, headers: FRENCH });
    expect(fr.status).toBe(401);
    expect(fr.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(messageOf(fr.body)).toBe('Identifiants de connexion invalides');

    const en = await api(t.server, 'POST', '/api/method/login', login, { auth: null });
    expect(messageOf(en.body)).toBe('Invalid login credentials');
  });

  it('names an unknown method in French, and in English without the header', async () => {
    const fr = await api(t.server, 'POST', '/api/method/no.such.method', {}, { headers: FRENCH });
    expect(fr.status).toBe(404);
    expect(messageOf(fr.body)).toBe('Méthode "no.such.method" introuvable');

    const en = await api(t.server, 'POST', '/api/method/no.such.method', {});
    expect(messageOf(en.body)).toBe('No method "no.such.method"');
  });

  it("refuses a condition's syntax error in French around the engine's own (English) words", async () => {
    const bad = notification('Bad condition', { condition: 'doc.status == "Open" )' });
    const fr = await api(t.server, 'POST', resourceUrl('Notification'), bad, { headers: FRENCH });
    expect(fr.status).toBe(417);
    expect(fr.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'condition', line: 1, column: 22 } });
    // minijinja's "syntax error: …" stays as the engine says it; Relais's words around it are French.
    expect(messageOf(fr.body)).toMatch(/^Notification : condition : syntax error: .* \(ligne 1, colonne 22\)$/);

    const en = await api(t.server, 'POST', resourceUrl('Notification'), bad);
    expect(messageOf(en.body)).toMatch(/^Notification: condition: syntax error: .* \(line 1, column 22\)$/);
  });

  it("says a preview's notes and an explanation's details in the request language", async () => {
    const owner = [{ receiver_by_document_field: 'owner' }];
    await apiOk(
      t.server,
      'POST',
      resourceUrl('Notification'),
      notification('On submit', { channel: 'Email', event: 'Submit', recipients: owner }),
    );
    const issue = (await apiOk(t.server, 'POST', resourceUrl(ISSUE), { subject: 'Printer' })).data;
    const call = (method: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      apiOk(t.server, 'POST', `/api/method/relais.notification.${method}`, payload, { headers });

    const preview = { notification: 'On submit', name: issue.name };
    expect((await call('preview', preview, FRENCH)).message.destinations[0].note).toMatch(
      / est envoyé avec le sujet et le message ci-dessus$/,
    );
    expect((await call('preview', preview)).message.destinations[0].note).toBe('Email is sent as the subject and message above');

    const explain = { doctype: ISSUE, name: issue.name, event: 'Save' };
    const said = (answer: any) => answer.message.find((e: any) => e.notification === 'On submit');
    expect(said(await call('explain', explain, FRENCH))).toMatchObject({ reason: 'event' });
    expect(said(await call('explain', explain, FRENCH)).detail).toMatch(/^la notification est envoyée sur l'événement /);
    expect(said(await call('explain', explain)).detail).toBe('the notification is sent on Submit');
  });
});
