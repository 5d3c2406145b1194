import { nowDatetime } from '../documents/doc.ts';
import type { DocumentService } from '../documents/document-service.ts';
import { documentExists, readDocument } from '../documents/document-rows.ts';
import { runListQuery } from '../documents/list-query/list-query.ts';
import { findField, tableName, type DocTypeMeta } from '../documents/meta.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { NotificationEvent } from './events.ts';
import { fireRules } from './fire-rules.ts';
import type { NotificationEngine } from './notification-engine.ts';
import type { NotificationRule } from './notification-rule.ts';
import { addDays, daysToScan, minutesWindow, referenceDay, type Day } from './schedule.ts';
import { ledgerHas, readState, recordInLedger, startOfLocalDay, writeState, type LedgerKey } from './scheduler-store.ts';

/** The scheduler's settings (Frappe's System Settings; from RELAIS_TIME_ZONE, …_DAILY_SCAN_TIME, …_CATCH_UP_DAYS). */
export interface SchedulerOptions {
  /** IANA time zone whose days Days Before/After count (default UTC). */
  timeZone?: string;
  /** Local time of day (`HH:MM`) of the daily scan (default `00:00`). */
  dailyScanTime?: string;
  /** How far back missed days and minutes are caught up (default 2 days). */
  catchUpHorizonDays?: number;
  /** Where problems are reported (default console.warn). */
  log?: (message: string) => void;
}

export interface SchedulerDeps {
  documents: DocumentService;
  templates: TemplateEngine;
  notifications: NotificationEngine;
}

/** What one run did. */
export interface SchedulerRun {
  /** False when another process held the scheduler lock: this run did nothing. */
  acquired: boolean;
  /** The days whose Days Before/After scan ran (caught-up days first). */
  days: Day[];
  /** Documents handled (a ledger row each; one whose condition was false counts too, and is not re-evaluated). */
  fired: number;
  /** Documents whose firing failed and was rolled back (retried on a later run). */
  errors: number;
}

type Outcome = 'fired' | 'skipped' | 'error';

/** A document (or child row: then with its parent) whose date is due. */
type MatchedRow = Record<string, unknown> & { name: unknown; parent?: unknown; parenttype?: unknown; parentfield?: unknown };

/**
 * A whole-minute instant as a text bound for `>=` / `<`: without the fraction, so that a stored
 * `… HH:MM:00` (no fraction) and `… HH:MM:00.000000` compare alike. (Minutes windows use `>` / `<=`,
 * for which the full `.ffffff` form is the exact bound.)
 */
const dayBound = (instant: Date) => nowDatetime(instant).replace(/\.000000$/, '');

const LOCK_KEY = 'relais:notification-scheduler';
const LAST_SCANNED_DAY = 'days:last_scanned_day';
const TICK_MS = 60_000;
const DAY_EVENTS: NotificationEvent[] = ['Days Before', 'Days After'];
const MINUTE_EVENTS: NotificationEvent[] = ['Minutes Before', 'Minutes After'];

/**
 * Sends Days Before/After and Minutes Before/After notifications. Every minute (or on `runOnce`), under
 * a lock only one process holds: scans each day due since the last scanned one (missed days caught up
 * within the horizon), then each Minutes rule's window since its last run. Each document fires in its
 * own transaction that also writes a ledger row (rule, document, reference date): a reminder is sent
 * at most once, and a failed firing rolls back both, to be retried.
 */
export class Scheduler {
  private readonly timeZone: string;
  private readonly scanTime: string;
  private readonly horizonDays: number;
  private readonly log: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: SchedulerDeps,
    options: SchedulerOptions = {},
  ) {
    this.timeZone = options.timeZone ?? 'UTC';
    this.scanTime = options.dailyScanTime ?? '00:00';
    this.horizonDays = options.catchUpHorizonDays ?? 2;
    this.log = options.log ?? ((message) => console.warn(`[scheduler] ${message}`));
  }

  private get store() {
    return this.deps.documents.store;
  }

  /** Runs now (catching up on start), then every minute; the timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress to end. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the previous run is still going: skip this minute, it widens the next
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err) => this.log(`run failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** One scheduler run at `now`, if no other process is running one. */
  async runOnce(now = new Date()): Promise<SchedulerRun> {
    const outcome = await this.store.adapter.withTryLock(this.store.db, LOCK_KEY, async () => {
      const run: SchedulerRun = { acquired: true, days: [], fired: 0, errors: 0 };
      await this.scanDays(now, run);
      await this.scanMinutes(now, run);
      return run;
    });
    return outcome.acquired ? outcome.value : { acquired: false, days: [], fired: 0, errors: 0 };
  }

  /** Enabled rules on `events`, from the engine's index. */
  private async rulesOn(events: NotificationEvent[]): Promise<NotificationRule[]> {
    const rows = await this.store.db
      .selectFrom(tableName('Notification'))
      .select('name')
      .where('event', 'in', events)
      .orderBy('name')
      .execute();
    return rows
      .map((r) => this.deps.notifications.index.get(String(r.name)))
      .filter((rule): rule is NotificationRule => Boolean(rule?.enabled));
  }

  private async scanDays(now: Date, run: SchedulerRun): Promise<void> {
    const last = await readState(this.store.db, LAST_SCANNED_DAY);
    const days = daysToScan(last, now, this.timeZone, this.scanTime, this.horizonDays);
    if (days.length === 0) return;
    const rules = await this.rulesOn(DAY_EVENTS);
    let advancing = true;
    for (const day of days) {
      const errorsBefore = run.errors;
      for (const rule of rules) await this.scanDayRule(rule, day, now, run);
      run.days.push(day);
      // A day with a failed document stays unscanned (retried next run); later days wait for it.
      if (advancing && run.errors === errorsBefore) await writeState(this.store.db, LAST_SCANNED_DAY, day);
      else advancing = false;
    }
  }

  private async scanDayRule(rule: NotificationRule, day: Day, now: Date, run: SchedulerRun): Promise<void> {
    const field = rule.dateChanged;
    const meta = await this.targetMeta(rule);
    if (!field || !meta) return;
    const reference = referenceDay(rule.event, rule.daysInAdvance, day);
    const isDate = field !== 'creation' && field !== 'modified' && findField(meta, field)?.fieldtype === 'Date';
    const filters = isDate
      ? [[field, '=', reference]]
      : [
          [field, '>=', dayBound(startOfLocalDay(reference, this.timeZone))],
          [field, '<', dayBound(startOfLocalDay(addDays(reference, 1), this.timeZone))],
        ];
    const rows = await this.matching(rule, meta, filters);
    for (const row of rows ?? []) this.count(run, await this.fireOnce(rule, meta, row, reference, now));
  }

  private async scanMinutes(now: Date, run: SchedulerRun): Promise<void> {
    for (const rule of await this.rulesOn(MINUTE_EVENTS)) {
      const field = rule.datetimeChanged;
      const meta = await this.targetMeta(rule);
      if (!field || !meta || rule.minutesOffset < 1) continue;
      const stateKey = `minutes:${rule.name}`;
      const lastRaw = await readState(this.store.db, stateKey);
      const lastRun = lastRaw ? new Date(lastRaw) : null;
      if (lastRun && lastRun.getTime() >= now.getTime()) continue; // already covered up to `now`
      const window = minutesWindow(rule.event, rule.minutesOffset, lastRun, now, this.horizonDays * 86_400_000);
      const filters = [
        [field, '>', nowDatetime(window.from)],
        [field, '<=', nowDatetime(window.to)],
      ];
      const rows = await this.matching(rule, meta, filters, field);
      if (!rows) continue;
      const errorsBefore = run.errors;
      for (const row of rows) this.count(run, await this.fireOnce(rule, meta, row, String(row[field]), now));
      // A failed document keeps the window open: the next run covers it again (the ledger skips the rest).
      if (run.errors === errorsBefore) await writeState(this.store.db, stateKey, now.toISOString());
    }
  }

  private count(run: SchedulerRun, outcome: Outcome): void {
    if (outcome === 'fired') run.fired += 1;
    if (outcome === 'error') run.errors += 1;
  }

  /** The doctype a rule watches (a child table's rows are watched too); undefined (logged) when it is gone. */
  private async targetMeta(rule: NotificationRule): Promise<DocTypeMeta | undefined> {
    try {
      return await this.deps.documents.registry.get(this.store.db, rule.documentType);
    } catch (err) {
      this.log(`${rule.name}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /**
   * Documents (or child rows, with their parent) of the rule's doctype matching `filters`, with
   * `field` too when given; undefined (logged) when the query is refused.
   */
  private async matching(rule: NotificationRule, meta: DocTypeMeta, filters: unknown[], field?: string): Promise<MatchedRow[] | undefined> {
    const fields = ['name', ...(meta.istable ? ['parent', 'parenttype', 'parentfield'] : []), ...(field ? [field] : [])];
    try {
      return (await runListQuery(this.store.db, this.store.adapter, meta, {
        fields,
        filters,
        order_by: 'name asc',
        limit: 0,
      })) as MatchedRow[];
    } catch (err) {
      this.log(`${rule.name}: cannot list ${meta.name}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /**
   * Fires `rule` for one document unless the ledger already has (rule, document, reference date):
   * in one transaction, the deliveries, bells and the ledger row commit or roll back together.
   */
  private async fireOnce(rule: NotificationRule, meta: DocTypeMeta, row: MatchedRow, referenceDate: string, now: Date): Promise<Outcome> {
    const name = String(row.name);
    const key: LedgerKey = { notification: rule.name, referenceDoctype: meta.name, referenceName: name, referenceDate };
    const parent = meta.istable ? { doctype: String(row.parenttype), name: String(row.parent), field: String(row.parentfield) } : undefined;
    try {
      return await this.store.transaction(undefined, async (trx) => {
        if (await ledgerHas(trx, key)) return 'skipped';
        const doc = await readDocument(trx, this.deps.documents.registry, meta, name);
        if (!doc) return 'skipped';
        if (parent && !(await documentExists(trx, parent.doctype, parent.name))) return 'skipped';
        const deps = { documents: this.deps.documents, templates: this.deps.templates, trx, language: this.deps.notifications.language };
        await fireRules(deps, [{ rule, event: rule.event }], {
          doctype: meta.name,
          meta,
          doc,
          docBefore: null,
          user: SYSTEM_ACTOR.user,
          chain: [],
          occurrence: referenceDate,
          executed: new Set([rule.name]),
          parent,
        });
        await recordInLedger(trx, key, nowDatetime(now));
        return 'fired';
      });
    } catch (err) {
      if (this.store.adapter.isUniqueViolation(err)) return 'skipped'; // another run recorded it first
      this.log(`${rule.name} on ${meta.name} ${name} (${referenceDate}): ${err instanceof Error ? err.message : String(err)}`);
      return 'error';
    }
  }
}
