import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { startTestApp } from '../support/test-app.ts';

describe.each(await testDatabases())('health check on $name', (db) => {
  it('answers 200 while the database responds and 503 once it does not, without authentication', async () => {
    const t = await startTestApp(db);
    try {
      const up = await t.server.inject({ method: 'GET', url: '/healthz' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toEqual({ status: 'ok', database: db.name });
      await t.app.store.close(); // the database goes away under a running server
      const down = await t.server.inject({ method: 'GET', url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable', database: db.name });
    } finally {
      await t.close();
    }
  });
});
