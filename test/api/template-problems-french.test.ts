/**
 * Template and condition problems in French. Relais's own words about them (an unknown name and its
 * suggestion, a helper's refusal, the fuel limit) come back from the render worker as texts: the API
 * says them in the request's language (a refused save, a preview, an explanation), and a Failed
 * delivery stores them in the site language, RELAIS_LANGUAGE. minijinja's own words stay as it says them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { FRENCH_TERMS } from '../../src/i18n/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, api, apiOk, createIssueDoctypes, resourceUrl, serverMessages } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The language does not depend on the database: SQLite is enough. */
const [sqlite] = await testDatabases();
const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
/** A word stored in English (doctype, label) as a French answer shows it. */
const fr = (word: string) => FRENCH_TERMS[word] ?? word;

const notification = (name: string, extra: Record<string, unknown>) => ({
  name,
  channel: 'System Notification',
  subject: 'Issue {{ doc.name }} saved',
  document_type: ISSUE,
  event: 'Save',
  recipients: [{ receiver_by_document_field: 'owner' }],
  ...extra,
});

describe('template problems in the request language (site language English)', () => {
  let t: TestApp;
  let issue: string;
  const call = (method: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    apiOk(t.server, 'POST', `/api/method/relais.notification.${method}`, payload, { headers });

  beforeAll(async () => {
    t = await startTestApp(sqlite);
    await createIssueDoctypes(t.server);
    issue = (await apiOk(t.server, 'POST', resourceUrl(ISSUE), { subject: 'Printer' })).data.name;
  });
  afterAll(() => t.close());

  it('refuses a condition with an unknown name and its suggestion in French, in English without the header', async () => {
    const bad = notification('Misspelt', { condition: 'dco.status == "Open"' });
    const french = await api(t.server, 'POST', resourceUrl('Notification'), bad, { headers: FRENCH });
    expect(french.status).toBe(417);
    expect(french.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { problem: 'TEMPLATE_UNKNOWN_NAME', line: 1, column: 1 } });
    expect(french.body.error.message).toMatch(/ : nom inconnu 'dco' \(vouliez-vous dire 'doc' \?\) \(ligne 1, colonne 1\)$/);
    expect(serverMessages(french.body)[0].message).toBe(french.body.error.message);

    const english = await api(t.server, 'POST', resourceUrl('Notification'), bad);
    expect(english.body.error.message).toBe("Notification: condition: unknown name 'dco' (did you mean 'doc'?) (line 1, column 1)");
    expect(serverMessages(english.body)[0].message).toBe(english.body.error.message);
  });

  it("says a preview's unknown name, a helper's refusal and the fuel limit in French", async () => {
    const preview = (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
      call('preview', { notification: notification('Preview', fields), name: issue }, headers);

    const unknown = { subject: 'For {{ doc.custmer }}' };
    expect((await preview(unknown, FRENCH)).message.error).toMatchObject({
      stage: 'subject',
      code: 'TEMPLATE_UNKNOWN_NAME',
      message: 'valeur indéfinie (une variable, un champ ou un attribut inconnu)',
      line: 1,
    });
    expect((await preview(unknown)).message.error.message).toBe('undefined value (an unknown variable, field or attribute)');

    // The refusal is made in the worker, the doctype named as a term: both cross to the main thread as data.
    const missing = { message: 'Line 1\n{{ frappe.get_doc("Issue", "NOPE-1").subject }}' };
    expect((await preview(missing, FRENCH)).message.error).toMatchObject({
      stage: 'message',
      code: 'TEMPLATE_RUNTIME',
      message: `frappe.get_doc() : ${fr('Issue')} NOPE-1 introuvable`,
    });
    expect((await preview(missing)).message.error.message).toBe('frappe.get_doc(): Issue NOPE-1 not found');

    const endless = { message: '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}' };
    expect((await preview(endless, FRENCH)).message.error).toMatchObject({
      code: 'TEMPLATE_FUEL_EXHAUSTED',
      message: 'le modèle a demandé trop de calculs (fuel épuisé) : vérifiez ses boucles',
    });
    expect((await preview(endless)).message.error.message).toBe('the template did too much work (fuel exhausted): check its loops');
  });

  it("keeps minijinja's own words in a French preview", async () => {
    const answer = await call('preview', { notification: notification('Preview', { condition: '10 // 0 > 1' }), name: issue }, FRENCH);
    expect(answer.message.error).toMatchObject({ stage: 'condition', code: 'TEMPLATE_RUNTIME' });
    expect(answer.message.error.message).toMatch(/^[\x20-\x7e]+$/); // the engine's English, untranslated
  });

  it("says an explanation's template problem in French", async () => {
    await apiOk(t.server, 'POST', resourceUrl('Notification'), notification('Broken subject', { subject: '{{ doc.custmer }}' }));
    const explain = { doctype: ISSUE, name: issue, event: 'Save' };
    const said = (answer: any) => answer.message.find((e: any) => e.notification === 'Broken subject');
    expect(said(await call('explain', explain, FRENCH))).toMatchObject({
      reason: 'template_error',
      problem: { stage: 'subject', message: 'valeur indéfinie (une variable, un champ ou un attribut inconnu)' },
    });
    expect(said(await call('explain', explain)).problem.message).toBe('undefined value (an unknown variable, field or attribute)');
    await t.app.documents.delete('Notification', 'Broken subject', SYSTEM_ACTOR);
  });
});

describe('template problems stored in the site language (RELAIS_LANGUAGE=fr)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(sqlite, { RELAIS_LANGUAGE: 'fr' });
    await createIssueDoctypes(t.server);
  });
  afterAll(() => t.close());

  it("stores a Failed delivery's template problem in French, whoever reads it", async () => {
    await apiOk(t.server, 'POST', resourceUrl('Notification'), notification('Broken subject', { subject: 'Hello\n{{ doc.custmer }}' }));
    const saved = await apiOk(t.server, 'POST', resourceUrl(ISSUE), { subject: 'Scanner' }, { headers: { 'accept-language': 'en' } });
    const failed = await t.app.store.db
      .selectFrom(tableName('Notification Delivery'))
      .select(['status', 'error_code', 'last_error', 'error_line'])
      .where('reference_name', '=', saved.data.name)
      .where('notification', '=', 'Broken subject')
      .execute();
    expect(failed).toEqual([
      {
        status: 'Failed',
        error_code: 'TEMPLATE_UNKNOWN_NAME',
        last_error: `${fr('Subject')} : valeur indéfinie (une variable, un champ ou un attribut inconnu) (ligne 2, colonne 4)`,
        error_line: 2,
      },
    ]);
  });
});
