import { afterAll, describe, expect, it } from 'vitest';
import { createTemplateEngine } from './template-engine.ts';
import type { RenderJob } from './template-types.ts';

const TIME_LIMIT_MS = 100;
const engine = createTemplateEngine({ siteUrl: 'https://erp.example.com', timeLimitMs: TIME_LIMIT_MS });
afterAll(() => engine.close());

/** Known server-side template injection payloads (Jinja, nunjucks) and resource bombs. */
const PAYLOADS: [string, RenderJob['kind']][] = [
  ["{{ ''.__class__.__mro__ }}", 'template'],
  ["{{ ''.__class__.__mro__[1].__subclasses__() }}", 'template'],
  ["{{ cycler.__init__.__globals__.os.popen('id').read() }}", 'template'],
  ['{{ joiner.__init__.__globals__ }}{{ lipsum.__globals__ }}', 'template'],
  ['{{ range.constructor("return process")() }}', 'template'],
  ["{{ doc.constructor.constructor('return process')() }}", 'template'],
  ['{{ doc.__proto__ }}', 'template'],
  ["{{ doc['__proto__']['constructor'] }}", 'template'],
  ['{{ frappe.utils.flt.constructor("return process")() }}', 'template'],
  ['{{ frappe.utils.flt.call }}{{ frappe.utils.flt.apply }}', 'template'],
  ['{{ frappe.__proto__.constructor }}', 'template'],
  ['{{ self._TemplateReference__context }}', 'template'],
  ['{{ config }}{{ request }}{{ process }}{{ globalThis }}{{ this }}{{ require }}', 'template'],
  ['{{ "{}".format(doc) }}{{ doc.__class__.__init__.__globals__ }}', 'template'],
  ['{{ (1, 2)|map(attribute="__class__")|list }}', 'template'],
  ['{% for x in range(10**9) %}x{% endfor %}', 'template'],
  ["{{ 'a' * 100000000 }}", 'template'],
  ["{{ 'a' * 3000000000 }}", 'template'],
  ['{{ [1] * 10**9 }}', 'template'],
  ['{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}', 'template'],
  ['{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}', 'template'],
  ['{% for i in range(100000) %}{{ "x" * 1000 }}{% endfor %}', 'template'],
  ['{% for i in range(2000) %}{{ "0123456789" * 5 }}{% endfor %}', 'template'],
  ["doc.constructor.constructor('return process')()", 'condition'],
  ["''.__class__.__mro__", 'condition'],
  ['range(10**9)|list', 'condition'],
  ["('a' * 100000000)|length > 0", 'condition'],
];

/** What must never appear in an output: signs of JavaScript values or host access. */
const LEAKS = /process|function|native code|\[object|prototype|constructor|require|globalThis|uid=/i;

describe('template sandbox', () => {
  it.each(PAYLOADS)('%s neither escapes nor hangs', async (source, kind) => {
    const started = performance.now();
    const [outcome] = await engine.render([{ kind, source, context: { doc: { name: 'ISS-1' } } }]);
    const elapsed = performance.now() - started;
    if (outcome.ok) {
      expect(String(outcome.value)).not.toMatch(LEAKS);
    } else {
      expect(outcome.problem.code).toMatch(/^TEMPLATE_/);
      expect(String(outcome.problem.message)).not.toMatch(/native code|\[object/);
    }
    // A hang check, not a speed check: the job stops at the time limit, plus at most a worker restart
    // after an earlier kill; the bound is generous for slow shared machines.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('stops a long loop by fuel, not by the clock, when the clock allows more', async () => {
    // With a generous time limit the outcome cannot depend on how fast the machine is.
    const patient = createTemplateEngine({ siteUrl: 'https://erp.example.com', timeLimitMs: 30_000 });
    try {
      const [outcome] = await patient.render([
        {
          kind: 'template',
          source: '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}',
          context: { doc: {} },
        },
      ]);
      expect(outcome).toMatchObject({ ok: false, problem: { code: 'TEMPLATE_FUEL_EXHAUSTED' } });
    } finally {
      await patient.close();
    }
  });

  it('stops each kind of bomb with the expected code', async () => {
    const outcomes = await engine.render(
      [
        "{{ 'a' * 100000000 }}",
        '{% for i in range(2000) %}{{ "0123456789" * 5 }}{% endfor %}',
        '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}',
        "{{ 'a' * 3000000000 }}",
        'after all that: {{ doc.name }}',
      ].map((source) => ({ kind: 'template' as const, source, context: { doc: { name: 'ISS-1' } } })),
    );
    expect(outcomes.map((o) => (o.ok ? o.value : o.problem.code))).toEqual([
      'TEMPLATE_TIMEOUT',
      'TEMPLATE_OUTPUT_TOO_LARGE',
      'TEMPLATE_RUNTIME',
      'TEMPLATE_ENGINE_CRASHED',
      'after all that: ISS-1',
    ]);
  });

  it('keeps the main event loop responsive while a runaway template is killed', async () => {
    const runaway = "{{ 'a' * 1000000000 }}";
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const interval = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks += 1;
    }, 5);
    try {
      const started = performance.now();
      const [outcome] = await engine.render([{ kind: 'template', source: runaway, context: { doc: {} } }]);
      const elapsed = performance.now() - started;
      expect(outcome).toMatchObject({ ok: false, problem: { code: 'TEMPLATE_TIMEOUT' } });
      expect(elapsed).toBeLessThan(10_000); // a hang check with room for slow machines
      // The next render waits for the fresh worker and works.
      const [after] = await engine.render([{ kind: 'template', source: 'ok', context: { doc: {} } }]);
      expect(after).toEqual({ ok: true, value: 'ok' });
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThan(5);
    // Run on the main thread, the runaway would block it for seconds; the bound leaves room for a slow
    // machine and for the worker restart's own work.
    expect(longestGap).toBeLessThan(1_000);
  });

  it('limits data calls per job', async () => {
    const dataSource = { getValue: async () => ({ name: 'x' }), getDoc: async () => null };
    const source = '{% for i in range(50) %}{{ frappe.db.get_value("Customer", "x", "name") }}{% endfor %}';
    const [outcome] = await engine.render([{ kind: 'template', source, context: { doc: {} } }], dataSource);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'TEMPLATE_RUNTIME' } });
    expect(String(!outcome.ok && outcome.problem.message)).toContain('too many');
  });
});
