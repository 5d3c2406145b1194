/**
 * Events/s through the notification engine: each event is one document insert (its own committed
 * transaction) whose Save hook matches 10 enabled rules — conditions, subjects and messages evaluated,
 * one outbox row per rule enqueued, all committed with the document. Measured without rules (the bare
 * write), with 1,000 rules over 100 doctypes, with 10,000 more rules on other doctypes (which cannot
 * match: the cost per event must not grow), and with the 1,000 rules' messages moved outside the inline
 * subset (a filter), so every message renders in the sandboxed worker. Each is measured `rounds` times
 * and the median run reported.
 */
import type { RelaisApp } from '../src/app.ts';
import { tableName } from '../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../src/documents/permissions.ts';
import { ruleFromDoc } from '../src/notifications/notification-rule.ts';
import { fmtRate, medianRound, perSecond, summary, timeSequential, type Timing } from './stats.ts';

const DOCTYPES = 100;
const RULES_PER_DOCTYPE = 10;
const OTHER_RULES = 10_000;
/** The Dokos example message; `{{ doc.customer|upper }}` in WORKER_MESSAGE takes it out of the inline subset. */
const MESSAGE =
  '*Nouveau ticket*\n\nNouvelle demande n° {{ doc.name }}.\n\n*Détails*\n\n• Client : {{ doc.customer }}\n• Sujet : {{ doc.title }}\n• Total : {{ doc.total }}';

const WORKER_MESSAGE = MESSAGE.replace('{{ doc.customer }}', '{{ doc.customer|upper }}');

export interface NotificationBenchResult {
  /** The same inserts with no rule at all: the document write alone. */
  bare: Timing;
  rules1k: Timing;
  rules11k: Timing;
  /** The 1,000 rules again, their messages rendered by the worker. */
  workerMessages: Timing;
  /** Deliveries queued per event (expected 10). */
  deliveriesPerEvent: number;
}

const doctypeName = (i: number) => `Bench Notify ${String(i).padStart(3, '0')}`;
/** A doctype no rule watches: the bare document write. */
const BARE_DOCTYPE = 'Bench Notify Bare';

/** Puts a rule straight into the engine's index (as `load()` does at start), skipping save-time validation. */
function addRule(app: RelaisApp, name: string, doctype: string, n: number, message = MESSAGE): void {
  app.notifications.index.put(
    ruleFromDoc({
      name,
      doctype: 'Notification',
      docstatus: 0,
      enabled: 1,
      document_type: doctype,
      event: 'Save',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'bench-space',
      condition: n % 2 === 0 ? 'doc.total > 100 and doc.status == "Open"' : 'doc.customer',
      subject: `Rule ${n}: {{ doc.name }}`,
      message,
      recipients: [],
    }),
  );
}

async function deliveryCount(app: RelaisApp): Promise<number> {
  const row = await app.store.db
    .selectFrom(tableName('Notification Delivery'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The median run of `runs`, printed with every run's rate (this machine's speed swings between runs). */
function report(label: string, runs: Timing[]): Timing {
  const median = medianRound(runs);
  console.log(summary(label, 'events', median) + (runs.length > 1 ? `  rounds: ${runs.map((t) => fmtRate(perSecond(t))).join(', ')}` : ''));
  return median;
}

/** Inserts `count` documents spread over the rule-bearing doctypes, or all into the bare one. */
function insertEvents(app: RelaisApp, count: number, seed: number, bare = false): Promise<Timing> {
  return timeSequential(count, (i) =>
    app.documents.insert(
      bare ? BARE_DOCTYPE : doctypeName((i * 7 + seed) % DOCTYPES),
      { title: `Printer ${seed}-${i}`, customer: `Customer ${i % 50}`, status: 'Open', total: 100 + (i % 900) },
      SYSTEM_ACTOR,
    ),
  );
}

/**
 * Each round measures the bare write, the 1,000 rules, and the same with 10,000 more rules on other
 * doctypes (added, measured, removed), one after the other: the three see the same database size,
 * which grows with every event, so their ratios are side by side. Then the worker-rendered messages.
 */
export async function benchNotifications(app: RelaisApp, events: number, warmup: number, rounds = 3): Promise<NotificationBenchResult> {
  const t0 = performance.now();
  for (const name of [...Array.from({ length: DOCTYPES }, (_, d) => doctypeName(d)), BARE_DOCTYPE]) {
    await app.documents.insert(
      'DocType',
      {
        name,
        autoname: 'hash',
        fields: [
          { fieldname: 'title', fieldtype: 'Data' },
          { fieldname: 'customer', fieldtype: 'Data' },
          { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed', default: 'Open' },
          { fieldname: 'total', fieldtype: 'Currency' },
        ],
      },
      SYSTEM_ACTOR,
    );
  }
  console.log(
    `Notifications: ${DOCTYPES + 1} doctypes defined in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${events} timed events per run, ${rounds} rounds`,
  );
  for (let d = 0; d < DOCTYPES; d++)
    for (let r = 0; r < RULES_PER_DOCTYPE; r++) addRule(app, `bench-rule-${d}-${r}`, doctypeName(d), d * RULES_PER_DOCTYPE + r);
  await insertEvents(app, warmup, 1, true);
  await insertEvents(app, warmup, 2);

  const runs = { bare: [] as Timing[], rules1k: [] as Timing[], rules11k: [] as Timing[], worker: [] as Timing[] };
  let deliveries = 0;
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(await insertEvents(app, events, 10 + round, true));
    const before = await deliveryCount(app);
    runs.rules1k.push(await insertEvents(app, events, 20 + round));
    deliveries += (await deliveryCount(app)) - before;
    for (let r = 0; r < OTHER_RULES; r++) addRule(app, `bench-other-${r}`, `Bench Other ${r % 1000}`, r);
    runs.rules11k.push(await insertEvents(app, events, 30 + round));
    for (let r = 0; r < OTHER_RULES; r++) app.notifications.index.remove(`bench-other-${r}`);
  }
  const bare = report('insert, no rules (bare write)', runs.bare);
  const rules1k = report('1,000 rules, 10 match each event', runs.rules1k);
  const rules11k = report('+10,000 rules on other doctypes', runs.rules11k);

  for (let d = 0; d < DOCTYPES; d++)
    for (let r = 0; r < RULES_PER_DOCTYPE; r++)
      addRule(app, `bench-rule-${d}-${r}`, doctypeName(d), d * RULES_PER_DOCTYPE + r, WORKER_MESSAGE);
  await insertEvents(app, Math.min(warmup, 50), 3);
  for (let round = 0; round < rounds; round++) runs.worker.push(await insertEvents(app, events, 40 + round));
  const workerMessages = report('1,000 rules, messages in the worker', runs.worker);

  const deliveriesPerEvent = deliveries / (events * rounds);
  // Ratios within a round compare runs made seconds apart, on the same database size.
  const ratios = runs.rules1k.map((t, r) => perSecond(runs.rules11k[r]) / perSecond(t));
  console.log(`    per round, events/s with 11,000 rules ÷ with 1,000: ${ratios.map((x) => x.toFixed(2)).join(', ')}`);
  console.log(
    `    ${deliveriesPerEvent} deliveries queued per event; ${(OTHER_RULES + DOCTYPES * RULES_PER_DOCTYPE).toLocaleString('en-US')} rules in the index with the others; ` +
      `per event ${(1000 / perSecond(rules1k)).toFixed(2)} ms with rules vs ${(1000 / perSecond(bare)).toFixed(2)} ms bare ` +
      `(${fmtRate(perSecond(rules1k))} → ${fmtRate(perSecond(rules11k))} events/s with 10,000 more rules)`,
  );
  return { bare, rules1k, rules11k, workerMessages, deliveriesPerEvent };
}
