// Runs only the notification-engine bench on SQLite: `npx tsx bench/notify-only.ts [events]`.
import os from 'node:os';
import { createAppOnStore } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openSqliteBenchStore } from './bench-databases.ts';
import { benchNotifications } from './notifications-bench.ts';

const events = Number(process.argv[2] ?? 2000);
const bench = await openSqliteBenchStore();
try {
  const app = await createAppOnStore(
    loadConfig({ RELAIS_DATA_DIR: os.tmpdir(), RELAIS_ADMIN_PASSWORD: 'bench-admin-password' }),
    bench.store,
  );
  await benchNotifications(app, events, Math.min(200, events));
  await app.templates.close();
} finally {
  await bench.dispose();
}
