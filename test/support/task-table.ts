import { sql } from 'kysely';
import type { Store } from '../../src/store/store.ts';
import { tableName, type DocTypeMeta } from '../../src/documents/meta.ts';

/** A doctype whose table name has a space in it, with text, Int, Currency, Date and Check columns. */
export const TASK_META: DocTypeMeta = {
  name: 'Test Task',
  fields: [
    { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed\nPending\nCancelled' },
    { fieldname: 'priority', fieldtype: 'Int' },
    { fieldname: 'amount', fieldtype: 'Currency' },
    { fieldname: 'due_date', fieldtype: 'Date' },
    { fieldname: 'description', fieldtype: 'Small Text' },
    { fieldname: 'urgent', fieldtype: 'Check' },
    { fieldname: 'items', fieldtype: 'Table', options: 'Test Task Item' },
  ],
  permissions: [],
};

type Seed = [status: string | null, priority: number | null, amount: number | null, due: string | null, description: string | null];

/** Rows T-01 … T-20, in name order. */
const SEED: Seed[] = [
  ['Open', 1, 10.5, '2024-01-05', 'Fix the Printer'],
  ['Open', 2, 20, '2024-01-15', 'printer jam'],
  ['Closed', 3, 30.25, '2024-02-01', 'Order paper'],
  ['Closed', 1, 0, '2024-02-10', null],
  ['Pending', 2, 5.5, '2024-03-01', '100% done'],
  [null, null, null, null, 'Call back'],
  ['', 0, 7, '', 'call Alice'],
  ['Open', 3, 80, '2024-03-15', 'Email_report'],
  ['Cancelled', 2, 90, '2024-04-01', 'Email report'],
  ['Open', 5, 100, '2024-04-10', 'BACKUP server'],
  ['Closed', 4, 110.75, '2024-05-01', 'backup db'],
  ['Pending', null, 12, null, null],
  ['Open', 1, 13, '2024-05-20', 'Plan sprint'],
  ['Closed', 2, 14, '2024-06-01', 'Review PR'],
  ['Pending', 3, 15, '2024-06-15', 'Deploy app'],
  ['Open', 4, 16, '2024-07-01', 'path\\to\\file'],
  ['Closed', 5, 17, '2024-07-15', 'Write docs'],
  ['Open', 0, 18, '2024-08-01', 'Update deps'],
  ['Pending', 1, 19, '2024-08-15', 'Triage bugs'],
  [null, 2, 20, '2024-09-01', 'Close sprint'],
];

const pad = (i: number) => String(i).padStart(2, '0');

/** The seeded rows as stored: docstatus 1 for T-03 and T-11, 2 for T-14; urgent for T-01, T-05, T-10. */
export const TASK_ROWS = SEED.map(([status, priority, amount, due_date, description], n) => {
  const i = n + 1;
  return {
    name: `T-${pad(i)}`,
    owner: i % 2 ? 'a@example.com' : 'b@example.com',
    creation: `2024-01-${pad(i)} 10:00:00.000000`,
    modified: `2024-02-${pad(i)} 09:00:00.000000`,
    modified_by: 'admin@example.com',
    docstatus: i === 3 || i === 11 ? 1 : i === 14 ? 2 : 0,
    idx: i,
    status,
    priority,
    amount,
    due_date,
    description,
    urgent: [1, 5, 10].includes(i) ? 1 : i === 6 ? null : 0,
  };
});

/** Creates `tabTest Task` with Kysely's schema builder and inserts TASK_ROWS. */
export async function createTaskTable(store: Store): Promise<void> {
  const { db, adapter } = store;
  const text = sql.raw(adapter.columnType('text'));
  const int = sql.raw(adapter.columnType('integer'));
  await db.schema
    .createTable(tableName(TASK_META.name))
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('owner', text)
    .addColumn('creation', text)
    .addColumn('modified', text)
    .addColumn('modified_by', text)
    .addColumn('docstatus', int, (c) => c.notNull().defaultTo(0))
    .addColumn('idx', int)
    .addColumn('status', text)
    .addColumn('priority', int)
    .addColumn('amount', sql.raw(adapter.columnType('float')))
    .addColumn('due_date', text)
    .addColumn('description', text)
    .addColumn('urgent', int)
    .execute();
  await db.insertInto(tableName(TASK_META.name)).values(TASK_ROWS).execute();
}
