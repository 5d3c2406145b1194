import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { Scheduler, type SchedulerOptions } from '../../src/notifications/scheduler.ts';
import { LEDGER_TABLE, STATE_TABLE, startOfLocalDay } from '../../src/notifications/scheduler-store.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { testDatabases } from '../support/databases.ts';
import { createGoogleChatWebhook } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const A = SYSTEM_ACTOR;
const TASK = 'Sched Task';
/** 09:00 in Paris (UTC+1 in December) on 2026-12-01: the scan time of the tests' scheduler. */
const SCAN = new Date('2026-12-01T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('scheduler settings', () => {
  it('reads RELAIS_TIME_ZONE, RELAIS_DAILY_SCAN_TIME and RELAIS_CATCH_UP_DAYS, with defaults', () => {
    expect(loadConfig({})).toMatchObject({ timeZone: 'UTC', dailyScanTime: '00:00', catchUpHorizonDays: 2 });
    const env = { RELAIS_TIME_ZONE: 'Europe/Paris', RELAIS_DAILY_SCAN_TIME: '07:30', RELAIS_CATCH_UP_DAYS: '5' };
    expect(loadConfig(env)).toMatchObject({ timeZone: 'Europe/Paris', dailyScanTime: '07:30', catchUpHorizonDays: 5 });
  });

  it('finds where a local day starts, across daylight-saving changes', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfLocalDay('2026-12-01', 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('rejects bad values with a ConfigError naming the variable', () => {
    expect(() => loadConfig({ RELAIS_TIME_ZONE: 'Mars/Olympus' })).toThrow(ConfigError);
    expect(() => loadConfig({ RELAIS_TIME_ZONE: 'Mars/Olympus' })).toThrow(/RELAIS_TIME_ZONE/);
    expect(() => loadConfig({ RELAIS_DAILY_SCAN_TIME: '24:00' })).toThrow(/RELAIS_DAILY_SCAN_TIME/);
    expect(() => loadConfig({ RELAIS_DAILY_SCAN_TIME: '9:00' })).toThrow(/RELAIS_DAILY_SCAN_TIME/);
    expect(() => loadConfig({ RELAIS_CATCH_UP_DAYS: '-1' })).toThrow(/RELAIS_CATCH_UP_DAYS/);
  });
});

describe.each(await testDatabases())('notification scheduler on $name', (db) => {
  let t: TestApp;
  let scheduler: Scheduler;
  const docs = () => t.app.documents;
  const logged: string[] = [];
  const newScheduler = (options: SchedulerOptions = {}) =>
    new Scheduler(
      { documents: t.app.documents, templates: t.app.templates, notifications: t.app.notifications },
      { timeZone: 'Europe/Paris', dailyScanTime: '09:00', catchUpHorizonDays: 2, log: (m) => logged.push(m), ...options },
    );

  beforeAll(async () => {
    t = await startTestApp(db);
    await docs().insert(
      'DocType',
      {
        name: TASK,
        autoname: 'field:title',
        fields: [
          { fieldname: 'title', fieldtype: 'Data', reqd: 1, unique: 1 },
          { fieldname: 'due_date', fieldtype: 'Date' },
          { fieldname: 'starts_at', fieldtype: 'Datetime' },
          { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed', default: 'Open' },
        ],
      },
      A,
    );
    await docs().insert(
      'DocType',
      {
        name: 'Sched Step',
        istable: 1,
        fields: [
          { fieldname: 'step', fieldtype: 'Data' },
          { fieldname: 'due_date', fieldtype: 'Date' },
          { fieldname: 'reminded', fieldtype: 'Check' },
        ],
      },
      A,
    );
    await docs().insert(
      'DocType',
      {
        name: 'Sched Project',
        autoname: 'hash',
        fields: [
          { fieldname: 'title', fieldtype: 'Data' },
          { fieldname: 'steps', fieldtype: 'Table', options: 'Sched Step' },
        ],
      },
      A,
    );
    await createGoogleChatWebhook(t.app, 'team-space');
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    const store = t.app.store.db;
    for (const { name } of (await docs().list('Notification', { limit: 0 }, A)) as Array<{ name: string }>) {
      await docs().delete('Notification', name, A);
    }
    for (const table of [
      tableName(TASK),
      tableName('Sched Project'),
      tableName('Sched Step'),
      tableName('Notification Delivery'),
      tableName('Notification Log'),
      LEDGER_TABLE,
      STATE_TABLE,
    ]) {
      await store.deleteFrom(table).execute();
    }
    logged.length = 0;
    scheduler = newScheduler();
  });

  const rule = (name: string, event: string, extra: Record<string, unknown>) =>
    docs().insert(
      'Notification',
      {
        name,
        document_type: TASK,
        event,
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'team-space',
        subject: `${name}: {{ doc.name }}`,
        message: `${event} {{ doc.name }}`,
        ...extra,
      },
      A,
    );
  const task = (title: string, values: Record<string, unknown>) => docs().insert(TASK, { title, ...values }, A);
  /** `rule:document` of every queued delivery, sorted. */
  const sent = async () =>
    (
      (await docs().list(
        'Notification Delivery',
        { fields: ['notification', 'reference_name', 'status', 'error_code'], limit: 0 },
        A,
      )) as Array<Record<string, string>>
    )
      .map((d) => `${d.notification}:${d.reference_name}${d.status === 'Queued' ? '' : ` (${d.status} ${d.error_code})`}`)
      .sort();
  const ledger = async () =>
    (await t.app.store.db.selectFrom(LEDGER_TABLE).selectAll().orderBy('reference_name').execute()).map(
      (r) => `${r.notification}:${r.reference_name}@${r.reference_date}`,
    );

  it('is created by the app (not started in tests); start runs at once and stop waits for that run', async () => {
    expect(t.app.scheduler).toBeInstanceOf(Scheduler);
    scheduler.start();
    await scheduler.stop();
    expect(await t.app.store.db.selectFrom(STATE_TABLE).select('key').execute()).toEqual([{ key: 'days:last_scanned_day' }]);
  });

  it('Days Before 2 fires for a document due in 2 days at the scan time, not before it, and once', async () => {
    await rule('due-soon', 'Days Before', { date_changed: 'due_date', days_in_advance: 2 });
    await task('in-two-days', { due_date: '2026-12-03' });
    await task('in-three-days', { due_date: '2026-12-04' });
    await task('tomorrow', { due_date: '2026-12-02' });

    const early = await scheduler.runOnce(at('2026-12-01T07:59:00Z')); // 08:59 in Paris
    expect(early.days).toEqual(['2026-11-30']); // first run: the previous day only
    expect(await sent()).toEqual(['due-soon:tomorrow']); // 2026-11-30 + 2 days

    const run = await scheduler.runOnce(SCAN);
    expect(run).toMatchObject({ acquired: true, days: ['2026-12-01'], fired: 1, errors: 0 });
    expect(await sent()).toEqual(['due-soon:in-two-days', 'due-soon:tomorrow']);
    expect(await ledger()).toEqual(['due-soon:in-two-days@2026-12-03', 'due-soon:tomorrow@2026-12-02']);

    // The same day again (another tick, a restart, a second scheduler): nothing more.
    expect((await scheduler.runOnce(at('2026-12-01T08:01:00Z'))).days).toEqual([]);
    expect((await newScheduler().runOnce(at('2026-12-01T20:00:00Z'))).fired).toBe(0);
    expect(await sent()).toEqual(['due-soon:in-two-days', 'due-soon:tomorrow']);
  });

  it('Days After 1 fires the day after the date; a Datetime field counts whole days of the time zone', async () => {
    await rule('overdue', 'Days After', { date_changed: 'due_date', days_in_advance: 1 });
    await rule('event-tomorrow', 'Days Before', { date_changed: 'starts_at', days_in_advance: 1 });
    await task('yesterday', { due_date: '2026-11-30' });
    await task('today', { due_date: '2026-12-01' });
    await task('late-evening', { starts_at: '2026-12-02 22:30:00' }); // 23:30 on 2 December in Paris
    await task('after-midnight', { starts_at: '2026-12-02 23:30:00' }); // 00:30 on 3 December in Paris
    await task('early-morning', { starts_at: '2026-12-01 23:00:00' }); // 00:00 on 2 December in Paris
    await scheduler.runOnce(SCAN);
    expect(await sent()).toEqual(['event-tomorrow:early-morning', 'event-tomorrow:late-evening', 'overdue:yesterday']);
  });

  it('applies the condition', async () => {
    await rule('open-only', 'Days Before', { date_changed: 'due_date', days_in_advance: 0, condition: 'doc.status == "Open"' });
    await task('open', { due_date: '2026-12-01' });
    await task('closed', { due_date: '2026-12-01', status: 'Closed' });
    await scheduler.runOnce(SCAN);
    expect(await sent()).toEqual(['open-only:open']);
  });

  it('watches child rows: the row is `doc`, deliveries and bells point to the parent, set-property saves the parent', async () => {
    const project = await docs().insert(
      'Sched Project',
      {
        title: 'Move offices',
        steps: [
          { step: 'Book the van', due_date: '2026-12-02' },
          { step: 'Pack', due_date: '2026-12-05' },
        ],
      },
      A,
    );
    await docs().insert(
      'Notification',
      {
        name: 'step-tomorrow',
        document_type: 'Sched Step',
        event: 'Days Before',
        date_changed: 'due_date',
        days_in_advance: 1,
        channel: 'System Notification',
        recipients: [{ receiver_by_user: 'Administrator' }],
        subject: 'Tomorrow: {{ doc.step }}',
        message: '{{ doc.step }} ({{ doc.parenttype }} {{ doc.parent }}) is due on {{ doc.due_date }}',
        set_property_after_alert: 'reminded',
        property_value: '1',
      },
      A,
    );
    expect((await scheduler.runOnce(SCAN)).errors).toBe(0);
    const bells = await t.app.store.db.selectFrom(tableName('Notification Log')).selectAll().execute();
    expect(bells).toHaveLength(1);
    expect(bells[0]).toMatchObject({
      subject: 'Tomorrow: Book the van',
      email_content: `Book the van (Sched Project ${project.name}) is due on 2026-12-02`,
      document_type: 'Sched Project',
      document_name: project.name,
      for_user: 'Administrator',
    });
    const steps = (await docs().get('Sched Project', project.name, A)).steps as Array<Record<string, unknown>>;
    expect(steps.map((s) => [s.step, s.reminded])).toEqual([
      ['Book the van', 1],
      ['Pack', 0],
    ]);
    const [row] = steps;
    expect(await ledger()).toEqual([`step-tomorrow:${String(row.name)}@2026-12-02`]);
    await scheduler.runOnce(at('2026-12-01T08:05:00Z'));
    expect(await t.app.store.db.selectFrom(tableName('Notification Log')).selectAll().execute()).toHaveLength(1);
  });

  it('after a 3-day outage catches up exactly the missed days within the 2-day horizon, once each', async () => {
    await rule('due-soon', 'Days Before', { date_changed: 'due_date', days_in_advance: 2 });
    await scheduler.runOnce(SCAN); // scans 1 December, then Relais stops
    for (const day of ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08']) {
      await task(`due-${day}`, { due_date: day });
    }
    const late = await newScheduler().runOnce(at('2026-12-05T08:30:00Z')); // restart on 5 December, after 09:00 Paris
    expect(late.days).toEqual(['2026-12-03', '2026-12-04', '2026-12-05']); // 2 December is beyond the horizon
    expect(await sent()).toEqual(['due-soon:due-2026-12-05', 'due-soon:due-2026-12-06', 'due-soon:due-2026-12-07']);
    await newScheduler().runOnce(at('2026-12-05T08:31:00Z'));
    expect(await sent()).toHaveLength(3);
  });

  it('Minutes Before/After fire once for a datetime inside the window; a datetime moved into a scanned window is not sent', async () => {
    await rule('starting', 'Minutes Before', { datetime_changed: 'starts_at', minutes_offset: 15 });
    await rule('started', 'Minutes After', { datetime_changed: 'starts_at', minutes_offset: 30 });
    await task('a', { starts_at: '2026-12-01 10:14:30' });
    await task('b', { starts_at: '2026-12-01 10:15:30' });
    await task('c', { starts_at: '2026-12-01 09:29:45' });
    await task('too-early', { starts_at: '2026-12-01 10:14:00' });
    await task('edge', { starts_at: '2026-12-01 10:15:00' });

    // First run at 10:00: Before 15 covers (10:14, 10:15], After 30 covers (09:29, 09:30].
    await scheduler.runOnce(at('2026-12-01T10:00:00Z'));
    expect(await sent()).toEqual(['started:c', 'starting:a', 'starting:edge']);
    // Next minute: (10:15, 10:16] — b only; a and edge are not sent again.
    await scheduler.runOnce(at('2026-12-01T10:01:00Z'));
    expect(await sent()).toEqual(['started:c', 'starting:a', 'starting:b', 'starting:edge']);
    // The same instant again covers nothing.
    await scheduler.runOnce(at('2026-12-01T10:01:00Z'));
    // A datetime moved into the window already scanned is missed, as in Frappe; moved ahead, it fires again.
    await docs().update(TASK, 'too-early', { starts_at: '2026-12-01 10:15:45' }, A);
    await docs().update(TASK, 'a', { starts_at: '2026-12-01 10:17:00' }, A);
    await scheduler.runOnce(at('2026-12-01T10:02:00Z'));
    expect(await sent()).toEqual(['started:c', 'starting:a', 'starting:a', 'starting:b', 'starting:edge']);
    expect(await ledger()).toContain('starting:a@2026-12-01 10:17:00');
  });

  it('a rolled-back firing leaves no ledger row and no delivery; the next run sends it once', async () => {
    await rule('with-bell', 'Days Before', {
      date_changed: 'due_date',
      days_in_advance: 0,
      send_system_notification: 1,
      recipients: [{ receiver_by_user: 'Administrator' }],
    });
    await task('due-today', { due_date: '2026-12-01' });
    const logTable = tableName('Notification Log');
    const store = t.app.store.db;
    await sql`alter table ${sql.table(logTable)} rename to ${sql.table('broken_log')}`.execute(store); // bells cannot be written
    let failed;
    try {
      failed = await scheduler.runOnce(SCAN);
    } finally {
      await sql`alter table ${sql.table('broken_log')} rename to ${sql.table(logTable)}`.execute(store);
    }
    expect(failed).toMatchObject({ fired: 0, errors: 1 });
    expect(logged.join('\n')).toContain('with-bell');
    expect(await ledger()).toEqual([]);
    expect(await sent()).toEqual([]);

    const retried = await scheduler.runOnce(at('2026-12-01T08:01:00Z')); // the failed day was not recorded as scanned
    expect(retried).toMatchObject({ days: ['2026-12-01'], fired: 1, errors: 0 });
    expect(await sent()).toEqual(['with-bell:due-today']);
    expect(await ledger()).toEqual(['with-bell:due-today@2026-12-01']);
    expect(await store.selectFrom(logTable).select('subject').execute()).toEqual([{ subject: 'with-bell: due-today' }]);
  });

  it('only one scheduler scans at a time (PostgreSQL advisory lock; SQLite is a single process)', async () => {
    await rule('due-soon', 'Days Before', { date_changed: 'due_date', days_in_advance: 0 });
    await task('due-today', { due_date: '2026-12-01' });
    const { adapter } = t.app.store;
    const held = await adapter.withTryLock(t.app.store.db, 'relais:notification-scheduler', () => newScheduler().runOnce(SCAN));
    expect(held.acquired).toBe(true);
    const inner = held.acquired ? held.value : undefined;
    if (adapter.name === 'postgres') {
      expect(inner).toMatchObject({ acquired: false, fired: 0 });
      expect(await sent()).toEqual([]);
      await scheduler.runOnce(SCAN); // lock released: this one runs
    } else {
      expect(inner).toMatchObject({ acquired: true, fired: 1 });
    }
    expect(await sent()).toEqual(['due-soon:due-today']);
  });
});
