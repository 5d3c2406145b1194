/**
 * What a person may do to one delivery: send it again now (a Dead one gets a fresh set of attempts),
 * or cancel one that waits. Both are single guarded UPDATEs, so they cannot race the worker: a row
 * the worker holds (Sending) is refused rather than changed under it.
 */
import { sql } from 'kysely';
import { nowDatetime } from '../documents/doc.ts';
import { tableName } from '../documents/meta.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';
import type { DeliveryStatus } from './delivery-doctypes.ts';
import { outboxSignal } from './outbox-signal.ts';
import { DEFAULT_MAX_ATTEMPTS } from './retry-policy.ts';

const DOCTYPE = 'Notification Delivery';
const T = sql.table(tableName(DOCTYPE));

const RETRYABLE: DeliveryStatus[] = ['Queued', 'Retrying', 'Dead', 'Cancelled'];
const CANCELLABLE: DeliveryStatus[] = ['Queued', 'Retrying'];

const WHY_NOT: Partial<Record<DeliveryStatus, Text>> = {
  Sending: tr`it is being sent right now`,
  Sent: tr`it was sent already`,
  Failed: tr`its message could not be prepared (see its error): fix the notification, then trigger it again`,
  Dead: tr`it gave up already (retry it instead)`,
  Cancelled: tr`it is cancelled already`,
};

async function statusOf(store: Store, name: string): Promise<DeliveryStatus> {
  const row = await sql<{ status: DeliveryStatus }>`select status from ${T} where name = ${name}`.execute(store.db);
  if (!row.rows[0]) throw new RelaisError('DOCUMENT_NOT_FOUND', tr`${term(DOCTYPE)} ${name} not found`, { doctype: DOCTYPE, name });
  return row.rows[0].status;
}

function refused(action: 'retry' | 'cancel', name: string, status: DeliveryStatus): RelaisError {
  const why = WHY_NOT[status] ?? tr`it is ${term(status)}`;
  const message =
    action === 'retry' ? tr`Cannot retry ${term(DOCTYPE)} ${name}: ${why}` : tr`Cannot cancel ${term(DOCTYPE)} ${name}: ${why}`;
  return new RelaisError('DELIVERY_STATE_CONFLICT', message, { doctype: DOCTYPE, name, status });
}

/** Queues `name` to be sent now; a Dead or Cancelled delivery gets `DEFAULT_MAX_ATTEMPTS` more attempts. */
export async function retryDelivery(store: Store, name: string, user: string): Promise<DeliveryStatus> {
  const now = nowDatetime();
  const result = await sql`
    update ${T} set
      status = case when attempts > 0 then 'Retrying' else 'Queued' end,
      run_at = ${now}, modified = ${now}, modified_by = ${user},
      max_attempts = case when attempts + 1 > max_attempts then attempts + ${DEFAULT_MAX_ATTEMPTS} else max_attempts end
    where name = ${name} and status in (${sql.join(RETRYABLE)})`.execute(store.db);
  if (Number(result.numAffectedRows ?? 0) === 0) throw refused('retry', name, await statusOf(store, name));
  outboxSignal(store).notify();
  return statusOf(store, name);
}

/** Cancels a delivery that waits (Queued or Retrying): it will never be sent. */
export async function cancelDelivery(store: Store, name: string, user: string): Promise<void> {
  const now = nowDatetime();
  const result = await sql`
    update ${T} set status = 'Cancelled', modified = ${now}, modified_by = ${user}
    where name = ${name} and status in (${sql.join(CANCELLABLE)})`.execute(store.db);
  if (Number(result.numAffectedRows ?? 0) === 0) throw refused('cancel', name, await statusOf(store, name));
}
