import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRENCH_TERMS } from '../../src/i18n/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, api, apiOk, createIssueDoctypes, resourceUrl, sampleIssue, serverMessages, type ApiResponse } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** A word stored in English (doctype, label, option) as the French answer shows it. */
const fr = (word: string) => FRENCH_TERMS[word] ?? word;
const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
const NOTE = 'Prompt Note';

/** The refusals of src/documents/, each with its English and French message. */
interface Refusal {
  case: string;
  send: (t: TestApp, headers: Record<string, string>) => Promise<ApiResponse>;
  code: string;
  english: string;
  french: () => string;
}

const post = (doctype: string, body: unknown) => (t: TestApp, headers: Record<string, string>) =>
  api(t.server, 'POST', resourceUrl(doctype), body, { headers });
const list = (query: Record<string, unknown>) => (t: TestApp, headers: Record<string, string>) =>
  api(t.server, 'GET', resourceUrl(ISSUE), undefined, { query, headers });

const REFUSALS: Refusal[] = [
  {
    case: 'a missing mandatory field',
    send: post(ISSUE, sampleIssue({ subject: '' })),
    code: 'MANDATORY_MISSING',
    english: 'Error: Value missing for Issue: Subject',
    french: () => `Erreur : Valeur manquante pour ${fr('Issue')} : ${fr('Subject')}`,
  },
  {
    case: 'a missing mandatory field in a child row',
    send: post(ISSUE, sampleIssue({ items: [{ item: 'Toner' }, { qty: 2 }] })),
    code: 'MANDATORY_MISSING',
    english: 'Error: Value missing for Issue: items row 2: Item',
    french: () => `Erreur : Valeur manquante pour ${fr('Issue')} : items, ligne 2 : ${fr('Item')}`,
  },
  {
    case: 'an invalid Select option',
    send: post(ISSUE, sampleIssue({ status: 'Burning' })),
    code: 'INVALID_SELECT_OPTION',
    english: 'Issue: status cannot be "Burning". It should be one of "Open", "Replied", "Closed"',
    french: () =>
      `${fr('Issue')} : status ne peut pas être "Burning". La valeur doit être l'une des suivantes : ` +
      `"${fr('Open')}", "${fr('Replied')}", "${fr('Closed')}"`,
  },
  {
    case: 'a value of the wrong type in a child row',
    send: post(ISSUE, sampleIssue({ items: [{ item: 'Toner', qty: 'many' }] })),
    code: 'INVALID_VALUE',
    english: 'Issue: items row 1: qty (Int) expects a whole number, got "many"',
    french: () => `${fr('Issue')} : items, ligne 1 : qty (${fr('Int')}) attend un nombre entier, valeur reçue : "many"`,
  },
  {
    case: 'a misspelled field',
    send: post(ISSUE, sampleIssue({ subjet: 'x' })),
    code: 'UNKNOWN_FIELD',
    english: 'Issue: unknown field "subjet". Did you mean "subject"?',
    french: () => `${fr('Issue')} : champ inconnu "subjet". Vouliez-vous dire "subject" ?`,
  },
  {
    case: 'a duplicate name',
    send: post(NOTE, { name: 'Minutes', body: 'again' }),
    code: 'DUPLICATE_NAME',
    english: 'Prompt Note "Minutes" already exists',
    french: () => `${fr(NOTE)} "Minutes" existe déjà`,
  },
  {
    case: 'a filter on an unknown field',
    send: list({ filters: [['subjet', '=', 'x']] }),
    code: 'INVALID_FIELD_NAME',
    english: 'Filter 1 in filters: unknown field "subjet" in Issue (did you mean "subject"?)',
    french: () => `Filtre 1 dans filters : champ inconnu "subjet" dans ${fr('Issue')} (vouliez-vous dire "subject" ?)`,
  },
  {
    case: 'a filter with a value of the wrong kind',
    send: list({ filters: [['priority', '>', 'high']] }),
    code: 'INVALID_FILTER',
    english: 'Filter 1 in filters: ">" on priority expects a number, got "high"',
    french: () => 'Filtre 1 dans filters : ">" sur priority attend un nombre, valeur reçue : "high"',
  },
  {
    case: 'an unknown doctype',
    send: post('No Such Type', { subject: 'x' }),
    code: 'DOCTYPE_NOT_FOUND',
    english: 'DocType "No Such Type" not found',
    french: () => 'DocType "No Such Type" introuvable',
  },
];

describe.each(await testDatabases())('document errors in the reader’s language on $name', (db) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(db);
    await createIssueDoctypes(t.server);
    await apiOk(t.server, 'POST', resourceUrl('DocType'), {
      name: NOTE,
      module: 'Support',
      autoname: 'prompt',
      fields: [{ fieldname: 'body', label: 'Body', fieldtype: 'Text' }],
    });
    await apiOk(t.server, 'POST', resourceUrl(NOTE), { name: 'Minutes', body: 'first' });
  });
  afterAll(() => t.close());

  it.each(REFUSALS)('answers $case in French with Accept-Language: fr', async (refusal) => {
    const res = await refusal.send(t, FRENCH);
    expect(res.body.error?.code).toBe(refusal.code);
    expect(res.body.error.message).toBe(refusal.french());
    expect(serverMessages(res.body).map((m) => m.message)).toEqual([refusal.french()]);
    expect(res.body.exception).toBe(`frappe.exceptions.${res.body.exc_type}: ${refusal.french()}`);
  });

  it.each(REFUSALS)('answers $case in English without the header', async (refusal) => {
    const res = await refusal.send(t, {});
    expect(res.body.error?.code).toBe(refusal.code);
    expect(res.body.error.message).toBe(refusal.english);
    expect(serverMessages(res.body).map((m) => m.message)).toEqual([refusal.english]);
  });

  it('answers a refused DocType definition in French, its reason included', async () => {
    const definition = {
      name: 'Broken Type',
      module: 'Support',
      fields: [{ fieldname: 'when', label: 'When', fieldtype: 'Date', default: 'tomorrow' }],
    };
    const english = await api(t.server, 'POST', resourceUrl('DocType'), definition);
    expect(english.body.error.message).toBe(
      'DocType Broken Type: fields row 1: default of "when" is not valid: Broken Type: when (Date) expects a date YYYY-MM-DD, got "tomorrow"',
    );
    const french = await api(t.server, 'POST', resourceUrl('DocType'), definition, { headers: FRENCH });
    expect(french.body.error).toMatchObject({ code: 'INVALID_DOCTYPE_DEFINITION' });
    expect(french.body.error.message).toBe(
      `DocType ${fr('Broken Type')} : fields, ligne 1 : la valeur par défaut de "when" n'est pas valide : ` +
        `${fr('Broken Type')} : when (${fr('Date')}) attend une date AAAA-MM-JJ, valeur reçue : "tomorrow"`,
    );
  });
});
