import { afterAll, describe, expect, it } from 'vitest';
import type { DocTypeMeta } from '../documents/meta.ts';
import { zonedNow } from './date-helpers.ts';
import { createTemplateEngine } from './template-engine.ts';
import type { RenderOutcome, TemplateContext, TemplateDataSource, TemplateProblem } from './template-types.ts';

const engine = createTemplateEngine({ siteUrl: 'https://erp.example.com', timeZone: 'Europe/Paris' });
afterAll(() => engine.close());

/** A problem with its message in English (a `Text` says itself in English as a string), as tests compare it. */
const english = (problem: TemplateProblem | null) => problem && { ...problem, message: String(problem.message) };
const englishOutcome = (outcome: RenderOutcome) => (outcome.ok ? outcome : { ...outcome, problem: english(outcome.problem) });

async function template(source: string, context: TemplateContext = { doc: {} }, dataSource?: TemplateDataSource) {
  const [outcome] = await engine.render([{ kind: 'template', source, context }], dataSource);
  return outcome;
}

async function condition(source: string, doc: Record<string, unknown>): Promise<RenderOutcome> {
  const [outcome] = await engine.render([{ kind: 'condition', source, context: { doc } }]);
  return outcome;
}

const issueMeta: DocTypeMeta = {
  name: 'Issue',
  fields: [
    { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed' },
    { fieldname: 'total', fieldtype: 'Currency' },
    { fieldname: 'due_date', fieldtype: 'Date' },
    { fieldname: 'customer', fieldtype: 'Link', options: 'Customer' },
    { fieldname: 'items', fieldtype: 'Table', options: 'Issue Item' },
  ],
  permissions: [],
};

describe('rendering templates', () => {
  it('renders the Dokos Google Chat example exactly', async () => {
    const source = [
      '*Nouveau ticket*',
      '',
      'Nouvelle demande n° {{ doc.name }}.',
      '',
      '*Détails*',
      '',
      '• Client : {{ doc.customer }}',
      '• Sujet : {{ doc.subject }}',
      '• Message : {{ doc.description }}',
    ].join('\n');
    const doc = { name: 'ISS-2024-00042', customer: 'Dupont SA', subject: 'Imprimante', description: "Elle n'imprime plus." };
    expect(await template(source, { doc })).toEqual({
      ok: true,
      value:
        "*Nouveau ticket*\n\nNouvelle demande n° ISS-2024-00042.\n\n*Détails*\n\n• Client : Dupont SA\n• Sujet : Imprimante\n• Message : Elle n'imprime plus.",
    });
  });

  it('sees child rows, doc_before_save, alert and comments, with Python string methods', async () => {
    const context = {
      doc: {
        name: 'SO-1',
        items: [
          { item: 'Pen', qty: 2 },
          { item: 'Ink', qty: 1 },
        ],
      },
      doc_before_save: { status: 'Draft' },
      alert: { name: 'Big order' },
      comments: [{ comment: 'ok', by: 'a@x.test' }],
    };
    const source =
      '{{ alert.name|upper }}: {% for row in doc.items %}{{ row.item }}×{{ row.qty }} {% endfor %}' +
      '{{ doc_before_save.status.lower() }} {{ comments[-1].by.split("@")[0] }} {{ "a-b".replace("-", "+") }}';
    expect(await template(source, context)).toEqual({ ok: true, value: 'BIG ORDER: Pen×2 Ink×1 draft a a+b' });
  });

  it('offers the Frappe helpers', async () => {
    const today = zonedNow('Europe/Paris').date;
    const source = [
      '{{ nowdate() == frappe.utils.nowdate() }} {{ now()[:10] == nowdate() }}',
      '{{ frappe.utils.add_days("2024-01-30", 2) }} {{ frappe.utils.add_months("2024-01-31", 1) }}',
      '{{ frappe.utils.date_diff("2024-03-01", "2024-02-01") }} {{ frappe.utils.getdate("2024-05-06 10:00:00") }}',
      '{{ frappe.utils.fmt_money(1234.5, currency="EUR") }} {{ frappe.utils.flt("2.345", 2) }} {{ frappe.utils.cint("7.9") }}',
      '{{ frappe.utils.format_date("2024-05-06") }} {{ frappe.utils.format_datetime("2024-05-06 07:08:09") }}',
      '{{ frappe.utils.get_url_to_form("Issue", "ISS-1") }} {{ frappe.utils.get_link_to_form("Issue", "ISS-1") }}',
      '{{ frappe.utils.strip_html("<b>x</b>") }} {{ frappe.utils.escape_html("<x>") }} {{ frappe.utils.cstr(none) }}|{{ _("Hi") }}',
      '{{ frappe.utils.get_datetime("2024-05-06") }} {{ frappe.utils.getdate() == "' + today + '" }}',
    ].join('\n');
    expect(await template(source)).toEqual({
      ok: true,
      value: [
        'true true',
        '2024-02-01 2024-02-29',
        '29 2024-05-06',
        '€ 1,234.50 2.35 7',
        '06-05-2024 06-05-2024 07:08:09',
        'https://erp.example.com/app/issue/ISS-1 <a href="https://erp.example.com/app/issue/ISS-1">ISS-1</a>',
        'x &lt;x&gt; |Hi',
        '2024-05-06 00:00:00 true',
      ].join('\n'),
    });
  });

  it('escapes per chat service', async () => {
    const doc = { subject: 'a <b> & *c* _d_' };
    const source =
      '{{ doc.subject|google_chat_escape }}|{{ doc.subject|slack_escape }}|{{ doc.subject|markdown_escape }}|{{ doc.subject|html_escape }}';
    expect(await template(source, { doc })).toEqual({
      ok: true,
      value: 'a &lt;b&gt; &amp; *c* _d_|a &lt;b&gt; &amp; *c* _d_|a \\<b\\> & \\*c\\* \\_d\\_|a &lt;b&gt; &amp; *c* _d_',
    });
  });

  it('reads other documents through an asynchronous data source', async () => {
    const customers = new Map([['Dupont SA', { name: 'Dupont SA', territory: 'France', credit_limit: 5000 }]]);
    const calls: string[] = [];
    const dataSource: TemplateDataSource = {
      async getValue(doctype, filters, fieldnames) {
        calls.push(`${doctype}:${JSON.stringify(filters)}:${fieldnames.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const name = typeof filters === 'string' ? filters : String((filters as Record<string, unknown>).name);
        const row = customers.get(name);
        return row ? Object.fromEntries(fieldnames.map((f) => [f, (row as Record<string, unknown>)[f]])) : null;
      },
      async getDoc(doctype, name) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return doctype === 'Customer' ? (customers.get(name) ?? null) : null;
      },
    };
    const source =
      '{{ frappe.db.get_value("Customer", doc.customer, "territory") }} ' +
      '{{ frappe.db.get_value("Customer", {"name": doc.customer}, ["territory", "credit_limit"]) }} ' +
      '{{ frappe.db.get_value("Customer", doc.customer, "credit_limit", as_dict=True).credit_limit }} ' +
      '{{ frappe.db.get_value("Customer", "Nobody", "territory") }} {{ frappe.get_doc("Customer", doc.customer).territory }}';
    expect(await template(source, { doc: { customer: 'Dupont SA' } }, dataSource)).toEqual({
      ok: true,
      value: 'France ["France", 5000] 5000 none France',
    });
    expect(calls[0]).toBe('Customer:"Dupont SA":territory');
    const missing = await template('{{ frappe.get_doc("Customer", "Nobody").name }}', { doc: {} }, dataSource);
    expect(englishOutcome(missing)).toMatchObject({
      ok: false,
      problem: { code: 'TEMPLATE_RUNTIME', message: 'frappe.get_doc(): Customer Nobody not found' },
    });
    const noSource = await template('{{ frappe.db.get_value("Customer", "x", "name") }}');
    expect(englishOutcome(noSource)).toMatchObject({ ok: false, problem: { message: expect.stringContaining('no data source') } });
  });

  it('reports runtime errors with their line and keeps the rest of the batch', async () => {
    const outcomes = await engine.render([
      { kind: 'template', source: 'line 1\n{{ doc.nope }}', context: { doc: {} } },
      { kind: 'template', source: '{{ frappe.utils.add_days("soon", 1) }}', context: { doc: {} } },
      { kind: 'template', source: 'still {{ doc.x }}', context: { doc: { x: 'fine' } } },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, problem: { code: 'TEMPLATE_UNKNOWN_NAME', line: 2 } });
    expect(englishOutcome(outcomes[1])).toMatchObject({
      ok: false,
      problem: { code: 'TEMPLATE_RUNTIME', message: 'add_days(): "soon" is not a date (expected YYYY-MM-DD)' },
    });
    expect(outcomes[2]).toEqual({ ok: true, value: 'still fine' });
  });
});

describe('evaluating conditions', () => {
  it('follows the Frappe examples and Python truthiness', async () => {
    const today = zonedNow('Europe/Paris').date;
    const doc = { status: 'Open', due_date: today, total: 50000, tags: [], note: '', zero: 0, missing: null, owner: 'a@x.test' };
    const cases: [string, boolean][] = [
      ['doc.status=="Open"', true],
      ['doc.due_date==nowdate()', true],
      ['doc.total > 40000', true],
      ['doc.total > 40000 and not doc.status == "Closed"', true],
      ['doc.status == "Closed" or doc.total < 10', false],
      ['doc.status in ["Open", "Replied"]', true],
      ['"@x.test" in doc.owner', true],
      ['doc.missing is none', true],
      ['doc.missing is None', true],
      ['doc.status is not None', true],
      ['doc.missing == None', true],
      ['doc.tags', false],
      ['doc.note', false],
      ['doc.zero', false],
      ['doc.missing', false],
      ['doc.status', true],
      ['(doc.missing or 0) > 3', false],
    ];
    const outcomes = await engine.render(cases.map(([source]) => ({ kind: 'condition' as const, source, context: { doc } })));
    expect(outcomes.map((o) => (o.ok ? o.value : String(o.problem.message)))).toEqual(cases.map(([, expected]) => expected));
  });

  it('fails a condition on an unknown variable at runtime', async () => {
    expect(await condition('dco.status == "Open"', {})).toMatchObject({ ok: false, problem: { code: 'TEMPLATE_UNKNOWN_NAME', line: 1 } });
  });
});

describe('checks at save time', () => {
  it('checkTemplate reports syntax errors with line and column, and only syntax', async () => {
    expect(await engine.checkTemplate('Hello {{ doc.unknown_field }}')).toBeNull();
    expect(await engine.checkTemplate('line 1\nline 2 {{ doc.name + }}')).toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      line: 2,
      column: 22,
      excerpt: 'line 2 {{ doc.name + }}\n                     ^',
    });
    // An unclosed block is reported where it opens.
    expect(await engine.checkTemplate('a\n{% if doc.x %}\nb')).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 2 });
  });

  it('checkCondition accepts conditions on empty fields, rejects unknown names and bad syntax', async () => {
    for (const ok of [
      'doc.total > 100',
      'doc.due_date == nowdate()',
      'doc.status == "Open" and doc.items',
      'doc.customer.startswith("A")',
    ]) {
      expect(await engine.checkCondition(ok, issueMeta), ok).toBeNull();
    }
    expect(await engine.checkCondition('dco.status == "Open"', issueMeta)).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_NAME',
      line: 1,
      column: 1,
    });
    expect(english(await engine.checkCondition('doc.statsu == "Open"', issueMeta))).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_NAME',
      message: "unknown field 'statsu' of doc (did you mean 'status'?)",
      column: 5,
    });
    expect(await engine.checkCondition('doc.total >\n', issueMeta)).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 1 });
    expect(await engine.checkCondition('doc.status == "Open" )', issueMeta)).toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      line: 1,
      column: 22,
    });
    expect(await engine.checkCondition('doc.total + "x"', issueMeta)).toMatchObject({ code: 'TEMPLATE_RUNTIME' });
  });
});
