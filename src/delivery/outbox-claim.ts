/**
 * Taking due outbox rows for sending, under a lease, and giving back the rows of workers that stopped.
 *
 * A row is claimable when it is Queued or Retrying, due, not held (its webhook Broken or disabled, its
 * channel not configured), and first in its lane: no row of the same destination and document is
 * being sent, or waits with an earlier name (names start with the event's time). So messages about
 * one document reach one destination in order, even with several worker processes, while different
 * documents and destinations go in parallel.
 */
import os from 'node:os';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Language } from '../channels/channel-types.ts';
import { tableName } from '../documents/meta.ts';
import { tr } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';

const TABLE = tableName('Notification Delivery');
const T = sql.table(TABLE);
/** The partial index of the Queued and Retrying rows in run_at order (see ensureOutboxIndexes). */
export const DUE_INDEX = 'tabNotification Delivery_due';

/** The outbox row as the worker reads it. */
export interface OutboxRow {
  name: string;
  notification: string;
  status: string;
  channel: string;
  destination: string;
  reference_doctype: string;
  reference_name: string;
  event: string;
  subject: string | null;
  message: string | null;
  email_to: string | null;
  email_cc: string | null;
  email_bcc: string | null;
  creation: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
}

/** What the claim leaves out: destinations and channels whose messages wait. */
export interface HeldDestinations {
  /** Webhook names (Broken or disabled). */
  destinations: readonly string[];
  /** Channels that cannot send at all now (`Email` without SMTP settings…). */
  channels: readonly string[];
}

/**
 * The partial indexes the worker's queries use: due rows in run_at order (only Queued and Retrying rows
 * are in it, so it stays small and costs one entry per enqueue). Schema-sync only makes (field, modified)
 * indexes, so these are created here, idempotently, at every start.
 */
export async function ensureOutboxIndexes(store: Store): Promise<void> {
  await sql`create index if not exists ${sql.id(DUE_INDEX)} on ${T} (run_at, name) where status in ('Queued', 'Retrying')`.execute(
    store.db,
  );
}

/** A worker's id: host and pid first, so that a restarted server can tell its dead predecessors' leases. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

function notHeld(held: HeldDestinations): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (held.destinations.length > 0)
    parts.push(sql`and not (d.channel = 'External Collaboration Tool' and d.destination in (${list(held.destinations)}))`);
  if (held.channels.length > 0) parts.push(sql`and d.channel not in (${list(held.channels)})`);
  return sql.join(parts, sql` `);
}

/**
 * Claims up to `limit` due rows for `workerId` until `leaseUntil`: they turn Sending and their attempt
 * count goes up (a crash during the send counts as an attempt). One statement; on PostgreSQL, rows
 * another worker is claiming are skipped (`FOR UPDATE SKIP LOCKED`). `modified` is left alone: the
 * claim is a passing state, and three indexes would change with it.
 */
export async function claimDueRows(
  store: Store,
  options: { workerId: string; now: string; leaseUntil: string; limit: number; held: HeldDestinations },
): Promise<OutboxRow[]> {
  const { workerId, now, leaseUntil, limit, held } = options;
  const skipLocked = store.adapter.supportsSkipLocked ? sql`for update skip locked` : sql``;
  // The due index gives the rows in run_at order, so the scan stops after `limit` claimable rows.
  const dueIndex = store.adapter.supportsIndexedBy ? sql`indexed by ${sql.id(DUE_INDEX)}` : sql``;
  const result = await sql<OutboxRow>`
    update ${T} set status = 'Sending', attempts = attempts + 1, locked_by = ${workerId}, locked_until = ${leaseUntil}
    where name in (
      select d.name from ${T} d ${dueIndex}
      where d.status in ('Queued', 'Retrying') and d.run_at <= ${now} ${notHeld(held)}
        and not exists (
          select 1 from ${T} e
          where e.reference_name = d.reference_name and e.reference_doctype = d.reference_doctype and e.destination = d.destination
            and (e.status = 'Sending' or (e.status in ('Queued', 'Retrying') and e.name < d.name))
        )
      order by d.run_at, d.name
      limit ${limit}
      ${skipLocked}
    )
    returning name, notification, status, channel, destination, reference_doctype, reference_name, event, subject, message,
      email_to, email_cc, email_bcc, creation, run_at, attempts, max_attempts, locked_by`.execute(store.db);
  return result.rows.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.name < b.name ? -1 : 1));
}

/** The `workerId`s holding leases now, to find those of dead processes on this host. */
export async function leaseHolders(store: Store): Promise<string[]> {
  const result = await sql<{ locked_by: string }>`select distinct locked_by from ${T} where status = 'Sending'`.execute(store.db);
  return result.rows.map((r) => r.locked_by).filter(Boolean);
}

/** Whether a lease holder is a process of this host that no longer runs (its lease need not expire first). */
export function isDeadLocalWorker(workerId: string): boolean {
  const [host, pid] = workerId.split(':');
  if (host !== os.hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Gives back rows whose lease expired, or whose worker is known dead: they are due again at once
 * (their attempt counted; Dead if it was the last). Returns how many rows came back.
 */
export async function reclaimLeases(store: Store, now: string, deadWorkers: readonly string[], language: Language): Promise<number> {
  const dead = deadWorkers.length > 0 ? sql`or locked_by in (${list(deadWorkers)})` : sql``;
  const why = tr`The worker sending this message stopped before recording the outcome; sending it again.`.in(language);
  const result = await sql`
    update ${T} set
      status = case when attempts >= max_attempts then 'Dead' else 'Retrying' end,
      locked_by = null, locked_until = null, run_at = ${now}, modified = ${now},
      error_code = 'LEASE_EXPIRED', last_error = ${why}
    where status = 'Sending' and (locked_until < ${now} ${dead})`.execute(store.db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Gives back rows this worker claimed but did not try (a graceful stop): as they were, the claim's
 * attempt undone.
 */
export async function releaseUntried(db: Kysely<any>, workerId: string, names: readonly string[], now: string): Promise<void> {
  if (names.length === 0) return;
  await sql`
    update ${T} set status = case when attempts <= 1 then 'Queued' else 'Retrying' end, attempts = attempts - 1,
      locked_by = null, locked_until = null, modified = ${now}
    where status = 'Sending' and locked_by = ${workerId} and name in (${list(names)})`.execute(db);
}
