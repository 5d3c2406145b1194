// The inline evaluator against minijinja itself: for generated documents, conditions and templates,
// whenever the inline path answers, minijinja (set up exactly as in the render worker) must give the
// same answer — and never an error.
import fc from 'fast-check';
import { Environment } from 'minijinja-js';
import { describe, expect, it } from 'vitest';
import { verbatim, type Text } from '../../i18n/text.ts';
import { registerHelpers } from '../template-globals.ts';
import type { RenderJob, RenderOutcome } from '../template-types.ts';
import { pythonTruthy } from '../truthiness.ts';
import { InlinePrograms } from './inline-programs.ts';

const env = new Environment();
env.enablePyCompat();
env.undefinedBehavior = 'strict';
let helperError: Text | null = null;
registerHelpers(env, {
  siteUrl: 'https://erp.example.com',
  timeZone: 'UTC',
  callMain: () => {
    throw new Error('no data source in this test');
  },
  onError: (message) => {
    helperError ??= message;
  },
});

/** What the render worker would answer for a job (see render-worker.ts). */
function minijinja(job: RenderJob): RenderOutcome {
  helperError = null;
  try {
    const value =
      job.kind === 'condition' ? pythonTruthy(env.evalExpr(job.source, job.context)) : (env.renderStr(job.source, job.context) as string);
    if (helperError !== null)
      return { ok: false, problem: { code: 'TEMPLATE_RUNTIME', message: helperError, line: null, column: null, excerpt: null } };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, problem: { code: 'TEMPLATE_RUNTIME', message: verbatim(String(error)), line: null, column: null, excerpt: null } };
  }
}

const inline = new InlinePrograms('UTC', 64 * 1024);
// A fixed seed keeps CI deterministic; RELAIS_FUZZ_RUNS=200000 (any seed) hunts for new differences.
const fuzz = process.env.RELAIS_FUZZ_RUNS ? { numRuns: Number(process.env.RELAIS_FUZZ_RUNS) } : { numRuns: 4000, seed: 20261127 };

// ---- generators ----

const FIELDS = ['status', 'total', 'customer', 'qty', 'flag', 'note', 'rate', 'items', 'owner', 'due_date'];

const text = fc.oneof(
  fc.constantFrom(
    '',
    'Open',
    'Closed',
    'open',
    '5',
    '10',
    'Dupont & Fils <SA>',
    'é',
    'Ünïcode ✓',
    '😀',
    '\uffff',
    'a"b',
    "l'été",
    '2026-11-27',
  ),
  fc.string({ maxLength: 6 }),
);
const number = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 5, 10, 40000, 100.5, 0.1, 3.25, -2.5, 1e-7, 1e21, 2 ** 53, 123456.789, 1e15 + 0.5),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ x: scalar, name: text }) },
);
const doc = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue).map((fields) => ({ name: 'ISS-0001', ...fields }));

const path = fc.oneof(
  fc.constantFrom(...FIELDS, 'name', 'missing').map((f) => `doc.${f}`),
  fc.constantFrom('doc.items.x', 'doc.note.name', 'doc_before_save.status', 'alert.subject', 'doc.constructor', 'doc.__proto__'),
);
const literal = fc.oneof(
  fc.constantFrom('"Open"', "'Closed'", '""', '"5"', '5', '0', '40000', '100.5', '2.0', '1', 'True', 'False', 'None', 'none', 'true'),
  fc.integer({ min: -50, max: 50000 }).map(String),
  text.filter((t) => !/["\\]/.test(t)).map((t) => `"${t}"`),
);
const atom = fc.oneof(
  { weight: 4, arbitrary: path },
  { weight: 3, arbitrary: literal },
  { weight: 1, arbitrary: fc.constant('nowdate()') },
);
const op = fc.constantFrom('==', '!=', '<', '<=', '>', '>=', 'in', 'not in');

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(atom, op, atom).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc
      .tuple(atom, fc.constantFrom('in', 'not in'), fc.array(literal, { maxLength: 3 }))
      .map(([a, o, xs]) => `${a} ${o} (${xs.join(', ')}${xs.length === 1 ? ',' : ''})`),
    fc.tuple(atom, fc.array(literal, { maxLength: 3 })).map(([a, xs]) => `${a} in [${xs.join(', ')}]`),
    fc.tuple(path, fc.constantFrom('is none', 'is None', 'is not none', 'is not None')).map(([p, t]) => `${p} ${t}`),
    tie('expr').map((e) => `not ${e}`),
    tie('expr').map((e) => `(${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr')).map(([a, o, b]) => `${a} ${o} ${b}`),
    // Outside the subset: must be left to the engine.
    fc.constantFrom(
      'doc.total * 2 > 10',
      'doc.customer|upper == "A"',
      'doc.note.upper()',
      'frappe.utils.nowdate()',
      '1 < 2 < 3',
      '-5 < doc.total',
    ),
  ),
})).expr;

const templateText = fc.constantFrom('', 'Ticket ', '\n', ' : ', '*Nouveau ticket*\n', '• Client : ', '}', '{ x }', '%', '\r\n', 'é ✓');
const template = fc
  .array(
    fc.oneof(
      templateText,
      expression.map((e) => `{{ ${e} }}`),
      fc.constantFrom('{{doc.name}}', '{{- doc.name }}', '{% if doc.status %}x{% endif %}'),
    ),
    {
      maxLength: 5,
    },
  )
  .chain((parts) => fc.constantFrom('', '\n', '\r\n', '\n\n').map((end) => parts.join('') + end));

const context = (d: Record<string, unknown>) => ({ doc: d, doc_before_save: null, alert: { subject: 'Alert {{ doc.name }}', name: 'A' } });

// ---- properties ----

describe('inline evaluator agrees with minijinja', () => {
  it('on conditions', () => {
    let answered = 0;
    fc.assert(
      fc.property(doc, expression, (d, source) => {
        const job: RenderJob = { kind: 'condition', source, context: context(d) };
        const fast = inline.run(job);
        if (fast === null) return;
        answered++;
        expect(minijinja(job), `${source} on ${JSON.stringify(d)}`).toEqual(fast);
      }),
      fuzz,
    );
    // The subset must cover a good share of ordinary conditions, or the test proves little.
    expect(answered).toBeGreaterThan(fuzz.numRuns / 4);
  });

  it('on templates', () => {
    let answered = 0;
    fc.assert(
      fc.property(doc, template, (d, source) => {
        const job: RenderJob = { kind: 'template', source, context: context(d) };
        const fast = inline.run(job);
        if (fast === null) return;
        answered++;
        expect(minijinja(job), `${JSON.stringify(source)} on ${JSON.stringify(d)}`).toEqual(fast);
      }),
      fuzz,
    );
    expect(answered).toBeGreaterThan(fuzz.numRuns / 6);
  });
});

describe('inline subset', () => {
  const ticket = { name: 'ISS-0042', customer: 'Dupont SA', subject: 'Imprimante', status: 'Open', total: 45000, due_date: '2026-11-27' };
  const run = (kind: RenderJob['kind'], source: string, d: Record<string, unknown> = ticket) =>
    inline.run({ kind, source, context: context(d) });

  it('renders the Dokos example message and the Frappe example conditions without the worker', () => {
    const message =
      '*Nouveau ticket*\n\nNouvelle demande n° {{ doc.name }}.\n\n*Détails*\n\n• Client : {{ doc.customer }}\n• Sujet : {{ doc.subject }}\n';
    expect(run('template', message)).toEqual({
      ok: true,
      value: '*Nouveau ticket*\n\nNouvelle demande n° ISS-0042.\n\n*Détails*\n\n• Client : Dupont SA\n• Sujet : Imprimante',
    });
    expect(run('condition', 'doc.status=="Open"')).toEqual({ ok: true, value: true });
    expect(run('condition', 'doc.total > 40000')).toEqual({ ok: true, value: true });
    expect(run('condition', 'doc.status in ("Open", "Replied") and not doc.customer is none')).toEqual({ ok: true, value: true });
    const today = new Date().toISOString().slice(0, 10);
    expect(run('condition', 'doc.due_date == nowdate()', { ...ticket, due_date: today })).toEqual({ ok: true, value: true });
  });

  it('leaves to the worker what it does not cover, and every case minijinja would refuse', () => {
    for (const source of [
      '{% for row in doc.items %}{{ row }}{% endfor %}',
      '{{ doc.customer|upper }}',
      '{{ doc.total * 2 }}',
      '{{- doc.name }}',
      '{{ "a\\"b" }}',
      '{{ doc.custmer }}', // unknown field: the worker reports it with its line
      '{{ doc.__proto__ }}',
      '{{ doc.constructor }}',
      '{{ 2.0 }}',
      '{# comment #}{{ doc.name }}',
      '{{ doc.name }',
    ]) {
      expect(run('template', source), source).toBeNull();
    }
    for (const source of [
      'doc.total > "5"',
      'doc.flag == 1',
      'doc.missing',
      'doc.name.upper() == "A"',
      'doc.status ==',
      'frappe.db.get_value("User", "x")',
    ]) {
      expect(run('condition', source, { ...ticket, flag: true }), source).toBeNull();
    }
  });

  it('leaves an output over the size limit to the worker, which reports it', () => {
    const small = new InlinePrograms('UTC', 16);
    expect(small.run({ kind: 'template', source: '{{ doc.customer }} and more text', context: context(ticket) })).toBeNull();
    expect(small.run({ kind: 'template', source: '{{ doc.name }}', context: context(ticket) })).toEqual({ ok: true, value: 'ISS-0042' });
  });
});
