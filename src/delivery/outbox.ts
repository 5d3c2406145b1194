import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { systemRow } from '../documents/document-rows.ts';
import { tableName } from '../documents/meta.ts';
import type { DeliveryStatus } from './delivery-doctypes.ts';

const TABLE = tableName('Notification Delivery');

/** A message to queue for one destination. */
export interface NewDelivery {
  notification: string;
  channel: string;
  destination: string;
  referenceDoctype: string;
  referenceName: string;
  event: string;
  /** What makes this delivery unique: rule, document, event, document version, destination. */
  identity: readonly string[];
  subject?: string | null;
  message?: string | null;
  causedBy?: string | null;
  /** `Failed` records a delivery that could not even be prepared (a condition or template error). */
  status?: Extract<DeliveryStatus, 'Queued' | 'Failed'>;
  errorCode?: string | null;
  lastError?: string | null;
  errorLine?: number | null;
}

/** The idempotency key of a delivery: a digest of its identity, so it fits any column and index. */
export function idempotencyKey(identity: readonly string[]): string {
  return crypto.createHash('sha256').update(identity.join('\u0000')).digest('hex');
}

/**
 * Queues deliveries in the caller's transaction (the document write that caused them): they commit
 * or roll back with it. A delivery whose idempotency key is already queued is skipped, so retrying a
 * write or re-running a scan can never send twice. Returns how many rows were queued.
 */
export async function enqueueDeliveries(trx: Transaction<any>, deliveries: NewDelivery[], user: string, now: string): Promise<number> {
  let queued = 0;
  for (const d of deliveries) {
    const result = await trx
      .insertInto(TABLE)
      .values({
        ...systemRow(user, now),
        notification: d.notification,
        status: d.status ?? 'Queued',
        channel: d.channel,
        destination: d.destination,
        reference_doctype: d.referenceDoctype,
        reference_name: d.referenceName,
        event: d.event,
        idempotency_key: idempotencyKey(d.identity),
        caused_by: d.causedBy ?? null,
        subject: d.subject ?? null,
        message: d.message ?? null,
        run_at: now,
        attempts: 0,
        max_attempts: 10,
        error_code: d.errorCode ?? null,
        last_error: d.lastError ?? null,
        error_line: d.errorLine ?? null,
        locked_by: null,
        locked_until: null,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}
