// Measures the template engine's overhead: one job per render call, and batches of 10 jobs, in the
// worker and on the inline path.
// Run with `npx tsx bench/templates-bench.ts` (not part of `npm run bench`).
import { Environment } from 'minijinja-js';
import { createTemplateEngine } from '../src/templates/template-engine.ts';
import type { RenderJob } from '../src/templates/template-types.ts';

const MESSAGE =
  '*Nouveau ticket*\n\nNouvelle demande n° {{ doc.name }}.\n\n*Détails*\n\n• Client : {{ doc.customer }}\n• Sujet : {{ doc.subject }}';
const doc = { name: 'ISS-1', customer: 'Dupont SA', subject: 'Imprimante', status: 'Open', total: 50000 };
const jobs: RenderJob[] = Array.from({ length: 10 }, (_, i) =>
  i % 2 === 0
    ? { kind: 'condition', source: 'doc.status == "Open" and doc.total > 40000', context: { doc } }
    : { kind: 'template', source: MESSAGE, context: { doc } },
);

async function time(label: string, n: number, perCall: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const ms = (performance.now() - started) / n;
  console.log(`${label.padEnd(44)} ${(ms * 1000).toFixed(1).padStart(8)} µs/call ${((ms * 1000) / perCall).toFixed(1).padStart(8)} µs/job`);
}

const bootStarted = performance.now();
const engine = createTemplateEngine({ siteUrl: 'https://erp.example.com', inline: false });
const inlineEngine = createTemplateEngine({ siteUrl: 'https://erp.example.com' });
await engine.render([{ kind: 'template', source: 'x', context: { doc } }]);
console.log(`worker start (first render)                   ${(performance.now() - bootStarted).toFixed(0)} ms`);

const env = new Environment();
env.enablePyCompat();
await time('in-thread minijinja, 1 job (no worker)', 5000, 1, () => env.renderStr(MESSAGE, { doc }));
await time('engine.render, 1 job', 3000, 1, () => engine.render([jobs[1]]));
await time('engine.render, batch of 10 jobs', 1000, 10, () => engine.render(jobs));
await time('engine.render, 20 concurrent batches of 10', 100, 200, () =>
  Promise.all(Array.from({ length: 20 }, () => engine.render(jobs))),
);
await time('inline subset, 1 job (no worker)', 20000, 1, () => inlineEngine.render([jobs[1]]));
await time('inline subset, batch of 10 jobs', 5000, 10, () => inlineEngine.render(jobs));

const killStarted = performance.now();
await engine.render([{ kind: 'template', source: "{{ 'a' * 1000000000 }}", context: { doc } }]);
await engine.render([jobs[1]]);
console.log(`timeout + respawn + next render               ${(performance.now() - killStarted).toFixed(0)} ms`);
await engine.close();
await inlineEngine.close();
