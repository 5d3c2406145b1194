import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

/**
 * Tables that are not documents: naming-series counters, password and secret hashes, sessions.
 * Document tables (`tab<DocType>`) are created from DocType definitions by documents/schema-sync.
 */
const migrations: Record<string, Migration> = {
  '0001_system_tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('__series')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('current', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('__auth')
        .addColumn('doctype', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('fieldname', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('__auth_pk', ['doctype', 'name', 'fieldname'])
        .execute();
      await db.schema
        .createTable('__sessions')
        .addColumn('sid_hash', 'text', (c) => c.primaryKey())
        .addColumn('user', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('expires', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('__sessions_user').on('__sessions').column('user').execute();
    },
  },
  '0002_scheduler_tables': {
    async up(db: Kysely<any>) {
      // One row per scheduled reminder sent: a (rule, document, reference date) is never sent twice.
      await db.schema
        .createTable('__notification_ledger')
        .addColumn('notification', 'text', (c) => c.notNull())
        .addColumn('reference_doctype', 'text', (c) => c.notNull())
        .addColumn('reference_name', 'text', (c) => c.notNull())
        .addColumn('reference_date', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('__notification_ledger_pk', ['notification', 'reference_doctype', 'reference_name', 'reference_date'])
        .execute();
      // The scheduler's progress: the last scanned day, each Minutes rule's last run.
      await db.schema
        .createTable('__scheduler_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_secret_values': {
    async up(db: Kysely<any>) {
      // Secrets Relais must read back (a webhook URL), apart from the documents that own them: every
      // document read, list, template and Version sees only a masked value. (`__auth` holds one-way hashes.)
      await db.schema
        .createTable('__secrets')
        .addColumn('doctype', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('fieldname', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('__secrets_pk', ['doctype', 'name', 'fieldname'])
        .execute();
    },
  },
  '0004_delivery_pacing': {
    async up(db: Kysely<any>) {
      // The next free sending slot of each paced destination (a Google Chat space, a Slack webhook…),
      // in Unix ms, shared by every worker process so that together they keep the service's rate.
      await db.schema
        .createTable('__delivery_pacing')
        .addColumn('destination', 'text', (c) => c.primaryKey())
        .addColumn('next_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the system tables up to date; safe to run on every start. */
export async function migrateSystemTables(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: '__migrations', migrationLockTableName: '__migrations_lock' });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
