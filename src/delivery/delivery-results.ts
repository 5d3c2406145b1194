/**
 * Recording what each attempt came to: the outbox row's new state and a row of its attempt log, in
 * batches (every result that arrives while one batch commits goes in the next: a group commit, so the
 * write cost per delivery stays small at high rates). Only rows still leased by this worker are
 * updated: if a lease expired and another worker took the row over, its record wins.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Language, SendOutcome, ServiceName } from '../channels/channel-types.ts';
import { nowDatetime } from '../documents/doc.ts';
import { insertRows } from '../documents/document-rows.ts';
import { tableName } from '../documents/meta.ts';
import { hashName } from '../documents/naming.ts';
import { tr, type Text } from '../i18n/text.ts';
import type { AttemptOutcome } from './delivery-doctypes.ts';
import type { OutboxRow } from './outbox-claim.ts';
import { retryDelayMs } from './retry-policy.ts';

const TABLE = tableName('Notification Delivery');
const ATTEMPT_TABLE = tableName('Notification Delivery Attempt');
/** Characters of a service's answer kept in the attempt log. */
export const RESPONSE_CHARS = 1_000;

/** What an attempt came to: a service's outcome, an error of Relais's own, or put back for pacing. */
export type AttemptVerdict =
  | SendOutcome
  | { kind: 'error'; code: string; message: Text; retryable: boolean; retryAfterMs?: number | null }
  | { kind: 'deferred'; until: Date };

export interface AttemptResult {
  row: OutboxRow;
  startedAt: string;
  verdict: AttemptVerdict;
  httpStatus: number | null;
  latencyMs: number | null;
  /** The start of the service's answer (never containing the URL). */
  response: string | null;
  /** The chat service of the webhook it went to (metrics); unset for other channels and unknown webhooks. */
  service?: ServiceName;
}

/** Per destination, what a batch changed: the webhooks' counters are kept from these. */
export interface DestinationTally {
  sent: number;
  failed: number;
  lastSentAt: string | null;
}

export interface ResultWriterDeps {
  db: Kysely<any>;
  workerId: string;
  /** The site language (RELAIS_LANGUAGE): errors are stored in it, as the labels added to messages are. */
  language: Language;
  /** Called in each batch's transaction with the tallies of chat destinations (webhook counters). */
  recordTallies?(trx: Transaction<any>, tallies: Map<string, DestinationTally>): Promise<void>;
  random?: () => number;
}

interface RowUpdate {
  status: string;
  attempts: number;
  runAt: string;
  sentAt: string | null;
  remoteId: string | null;
  errorCode: string | null;
  lastError: string | null;
}

/** The row's next state after `result` (`now`: when it is recorded), its error said in `language`. */
export function nextState(result: AttemptResult, now: Date, language: Language, random: () => number = Math.random): RowUpdate {
  const { row, verdict } = result;
  const say = (message: Text) => message.in(language);
  const stamp = nowDatetime(now);
  const keep = { attempts: row.attempts, runAt: row.run_at, sentAt: null, remoteId: null };
  const untried = { attempts: row.attempts - 1, status: row.attempts <= 1 ? 'Queued' : 'Retrying' };
  switch (verdict.kind) {
    case 'sent':
      return { ...keep, status: 'Sent', sentAt: stamp, remoteId: verdict.remoteId, errorCode: null, lastError: null };
    case 'deferred':
      return { ...keep, ...untried, runAt: nowDatetime(verdict.until), errorCode: null, lastError: null };
    case 'broken':
      // Held until someone fixes the destination; the attempt does not count against the message.
      return { ...keep, ...untried, status: 'Queued', runAt: stamp, errorCode: verdict.code, lastError: say(verdict.message) };
    case 'rejected':
      return { ...keep, status: 'Dead', errorCode: verdict.code, lastError: say(verdict.message) };
    case 'retry':
    case 'error': {
      const retryable = verdict.kind === 'retry' || verdict.retryable;
      if (!retryable || row.attempts >= row.max_attempts) {
        const message = retryable ? tr`${verdict.message} (gave up after ${row.attempts} attempts)` : verdict.message;
        return { ...keep, status: 'Dead', errorCode: verdict.code, lastError: say(message) };
      }
      const delay = retryDelayMs(row.attempts, verdict.retryAfterMs ?? null, random);
      return {
        ...keep,
        status: 'Retrying',
        runAt: nowDatetime(new Date(now.getTime() + delay)),
        errorCode: verdict.code,
        lastError: say(verdict.message),
      };
    }
  }
}

/** The attempt log's outcome of each verdict (a deferred send is no attempt). */
export const OUTCOME_OF: Record<Exclude<AttemptVerdict['kind'], 'deferred'>, AttemptOutcome> = {
  sent: 'Sent',
  retry: 'Retry',
  broken: 'Broken',
  rejected: 'Rejected',
  error: 'Error',
};

/** A batch is written once it has this many results… */
const BATCH_ROWS = 64;
/** …or this long after its first result arrived. */
const BATCH_WAIT_MS = 4;

/** Collects attempt results and writes them in batches; `record` resolves once its batch committed. */
export class ResultWriter {
  private pending: Array<{ result: AttemptResult; done: () => void; failed: (err: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly deps: ResultWriterDeps) {}

  record(result: AttemptResult): Promise<void> {
    return new Promise((done, failed) => {
      this.pending.push({ result, done, failed });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Resolves when everything recorded so far is written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let the results of sends finishing in the next moments join this batch: a commit costs about as
    // much for 60 rows as for 1. Only the recording waits: the messages have left already.
    const deadline = Date.now() + BATCH_WAIT_MS;
    while (this.pending.length < BATCH_ROWS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.write(batch.map((b) => b.result));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.failed(err);
      }
    }
    this.flushing = null;
  }

  private async write(results: AttemptResult[]): Promise<void> {
    const now = new Date();
    const stamp = nowDatetime(now);
    const { db, workerId } = this.deps;
    const random = this.deps.random ?? Math.random;
    const tallies = new Map<string, DestinationTally>();
    const attemptRows: Record<string, unknown>[] = [];
    const updates = results.map((result) => ({ result, next: nextState(result, now, this.deps.language, random) }));
    for (const { result, next } of updates) {
      if (result.verdict.kind === 'deferred') continue;
      attemptRows.push(attemptRow(result, workerId, stamp, this.deps.language));
      if (result.row.channel === 'External Collaboration Tool') tally(tallies, result.row.destination, next, stamp);
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < updates.length; i += ROWS_PER_STATEMENT)
        await updateRows(trx, updates.slice(i, i + ROWS_PER_STATEMENT), stamp, workerId);
      for (let i = 0; i < attemptRows.length; i += ROWS_PER_STATEMENT)
        await insertRows(trx, ATTEMPT_TABLE, attemptRows.slice(i, i + ROWS_PER_STATEMENT));
      if (tallies.size > 0 && this.deps.recordTallies) await this.deps.recordTallies(trx, tallies);
    });
  }
}

/** Rows per statement (8 parameters each for the updates, 19 for the attempt log). */
const ROWS_PER_STATEMENT = 100;

/**
 * The new states of a batch of rows in one statement (`UPDATE … FROM (VALUES …)`, which SQLite and
 * PostgreSQL both run; VALUES columns are named column1, column2… in both): on PostgreSQL one round
 * trip instead of one per row.
 */
async function updateRows(
  trx: Transaction<any>,
  updates: Array<{ result: AttemptResult; next: RowUpdate }>,
  stamp: string,
  workerId: string,
) {
  const values = updates.map(({ result, next }) => {
    const v = [result.row.name, next.status, next.attempts, next.runAt, next.sentAt, next.remoteId, next.errorCode, next.lastError];
    return sql`(${sql.join(v)})`;
  });
  await sql`
    update ${sql.table(TABLE)} as t set
      status = v.column2, attempts = cast(v.column3 as integer), run_at = v.column4, sent_at = v.column5, remote_id = v.column6,
      error_code = v.column7, last_error = v.column8, modified = ${stamp}, locked_by = null, locked_until = null
    from (values ${sql.join(values)}) as v
    where t.name = v.column1 and t.locked_by = ${workerId}`.execute(trx);
}

function attemptRow(result: AttemptResult, workerId: string, now: string, language: Language): Record<string, unknown> {
  const { verdict } = result;
  const kind = verdict.kind as Exclude<AttemptVerdict['kind'], 'deferred'>;
  const failure = verdict.kind === 'sent' || verdict.kind === 'deferred' ? null : verdict;
  return {
    name: hashName(),
    owner: 'Administrator',
    creation: now,
    modified: now,
    modified_by: 'Administrator',
    docstatus: 0,
    idx: result.row.attempts,
    parent: result.row.name,
    parenttype: 'Notification Delivery',
    parentfield: 'attempt_log',
    attempt: result.row.attempts,
    started_at: result.startedAt,
    outcome: OUTCOME_OF[kind],
    http_status: result.httpStatus,
    latency_ms: result.latencyMs === null ? null : Math.round(result.latencyMs),
    error_code: failure?.code ?? null,
    error: failure ? failure.message.in(language) : null,
    response: result.response === null ? null : result.response.slice(0, RESPONSE_CHARS),
    worker: workerId,
  };
}

function tally(tallies: Map<string, DestinationTally>, destination: string, next: RowUpdate, now: string): void {
  const entry = tallies.get(destination) ?? { sent: 0, failed: 0, lastSentAt: null };
  if (next.status === 'Sent') {
    entry.sent += 1;
    entry.lastSentAt = now;
  } else if (next.status === 'Dead') {
    entry.failed += 1;
  }
  tallies.set(destination, entry);
}
