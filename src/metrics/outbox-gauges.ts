/**
 * The outbox as it stands, read from the database when Prometheus scrapes (so every process sees the
 * same numbers, whichever workers sent): deliveries by status, the wait of the oldest due message and
 * Incoming Webhook URLs by status. One read per scrape, shared by the three gauges.
 *
 * Kept cheap, as it runs on every scrape: the counts come from the status index and leave out `Sent`,
 * the whole sending history (`relais_delivery_attempts_total{outcome="Sent"}` counts those); the oldest
 * due row is the first entry of the partial due index.
 */
import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import { DELIVERY_STATUSES } from '../delivery/delivery-doctypes.ts';
import { DUE_INDEX } from '../delivery/outbox-claim.ts';
import { nowDatetime } from '../documents/doc.ts';
import { tableName } from '../documents/meta.ts';
import { WEBHOOK_STATUSES } from '../integrations/incoming-webhook-url.ts';
import type { Store } from '../store/store.ts';

const OUTBOX = sql.table(tableName('Notification Delivery'));
const WEBHOOKS = sql.table(tableName('Incoming Webhook URL'));
/** The statuses counted: all but Sent. */
const COUNTED_STATUSES = DELIVERY_STATUSES.filter((status) => status !== 'Sent');

interface OutboxSnapshot {
  deliveries: Map<string, number>;
  /** Seconds the oldest due Queued or Retrying row has waited; 0 when none is due. */
  oldestDueAgeSeconds: number;
  webhooks: Map<string, number>;
}

export class OutboxGauges {
  /** The read in progress: the gauges collected in one scrape share it. */
  private reading: Promise<OutboxSnapshot> | null = null;

  constructor(
    registry: Registry,
    private readonly store: Store,
  ) {
    const deliveries: Gauge<'status'> = new Gauge({
      name: 'relais_outbox_deliveries',
      help: 'Notification Deliveries by status, read from the database at scrape time (Sent ones are not counted).',
      labelNames: ['status'],
      registers: [registry],
      collect: async () => setAll(deliveries, COUNTED_STATUSES, (await this.snapshot()).deliveries),
    });
    const oldestDue: Gauge = new Gauge({
      name: 'relais_outbox_oldest_due_age_seconds',
      help: 'How long the oldest due Queued or Retrying delivery has waited (held ones included: a Broken webhook, a channel without settings); 0 when none is due.',
      registers: [registry],
      collect: async () => oldestDue.set((await this.snapshot()).oldestDueAgeSeconds),
    });
    const webhooks: Gauge<'status'> = new Gauge({
      name: 'relais_incoming_webhook_urls',
      help: 'Incoming Webhook URLs by status, read from the database at scrape time.',
      labelNames: ['status'],
      registers: [registry],
      collect: async () => setAll(webhooks, WEBHOOK_STATUSES, (await this.snapshot()).webhooks),
    });
  }

  private snapshot(): Promise<OutboxSnapshot> {
    this.reading ??= readSnapshot(this.store, new Date()).finally(() => (this.reading = null));
    return this.reading;
  }
}

/** Sets the gauge for every known status (0 for those with no rows), ignoring values nobody expects. */
function setAll(gauge: Gauge<'status'>, statuses: readonly string[], counts: Map<string, number>): void {
  for (const status of statuses) gauge.set({ status }, counts.get(status) ?? 0);
}

async function readSnapshot(store: Store, now: Date): Promise<OutboxSnapshot> {
  // SQLite's planner, without statistics, would scan the status index for the due rows instead; and
  // the due index's condition is repeated word for word, as SQLite only uses a partial index then.
  const dueIndex = store.adapter.supportsIndexedBy ? sql`indexed by ${sql.id(DUE_INDEX)}` : sql``;
  const counted = sql.join(COUNTED_STATUSES.map((status) => sql`${status}`));
  const outbox = await sql<{ status: string; n: number | string; oldest_due: string | null }>`
    select status, count(*) as n,
      (select d.run_at from ${OUTBOX} d ${dueIndex}
        where d.status in ('Queued', 'Retrying') and d.run_at <= ${nowDatetime(now)} order by d.run_at limit 1) as oldest_due
    from ${OUTBOX} where status in (${counted}) group by status`.execute(store.db);
  const webhooks = await sql<{ status: string; n: number | string }>`
    select status, count(*) as n from ${WEBHOOKS} group by status`.execute(store.db);
  const oldestDue = outbox.rows.find((row) => row.oldest_due)?.oldest_due ?? null;
  return {
    deliveries: new Map(outbox.rows.map((row) => [row.status, Number(row.n)])),
    oldestDueAgeSeconds: oldestDue === null ? 0 : ageSeconds(oldestDue, now),
    webhooks: new Map(webhooks.rows.map((row) => [row.status, Number(row.n)])),
  };
}

/** Seconds from a stored datetime (`2026-11-27 18:41:16.123000`, UTC) to `now`; never negative. */
function ageSeconds(datetime: string, now: Date): number {
  const at = Date.parse(`${datetime.slice(0, 23).replace(' ', 'T')}Z`);
  return Number.isNaN(at) ? 0 : Math.max(0, (now.getTime() - at) / 1000);
}
