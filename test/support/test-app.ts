import type { FastifyInstance } from 'fastify';
import { createAppOnStore, type RelaisApp } from '../../src/app.ts';
import { buildServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import type { TestDatabase, TestStoreHandle } from './databases.ts';

export const ADMIN_KEY = 'adminkey0000001';
export const ADMIN_SECRET = 'adminsecret0001';
export const ADMIN_PASSWORD = 'admin-password-for-tests';
/** The Authorization header of the Administrator's API token. */
export const ADMIN_AUTH = `token ${ADMIN_KEY}:${ADMIN_SECRET}`;

/** A Relais app and HTTP server (not listening; use `inject`, or `listen` for real clients) on a fresh database. */
export interface TestApp {
  app: RelaisApp;
  server: FastifyInstance;
  handle: TestStoreHandle;
  close(): Promise<void>;
}

export async function startTestApp(database: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
  const handle = await database.create();
  const config = loadConfig({
    RELAIS_DATA_DIR: '/nonexistent-not-used',
    RELAIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RELAIS_API_KEY: ADMIN_KEY,
    RELAIS_API_SECRET: ADMIN_SECRET,
    // Generous: test machines are shared and busy; the limit itself is tested in src/templates.
    RELAIS_TEMPLATE_TIME_LIMIT_MS: '2000',
    ...env,
  });
  const app = await createAppOnStore(config, handle.store);
  const server = await buildServer(app, { logger: false });
  return {
    app,
    server,
    handle,
    async close() {
      await server.close();
      await app.delivery.close();
      await app.templates.close();
      await handle.dispose();
    },
  };
}
