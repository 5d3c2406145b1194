import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userForApiKey } from '../../src/auth/api-keys.ts';
import { testDatabases, type TestStoreHandle } from '../support/databases.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/relais.js');

describe.each(await testDatabases())('relais command on $name', (db) => {
  let handle: TestStoreHandle;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    handle = await db.create();
    const where = handle.databaseUrl ? { RELAIS_DATABASE_URL: handle.databaseUrl } : { RELAIS_DATA_DIR: path.dirname(handle.sqliteFile!) };
    env = { ...process.env, RELAIS_LOG_LEVEL: 'silent', ...where };
  });
  afterAll(() => handle.dispose());

  const relais = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

  it('migrates, printing the generated Administrator password on the first run only', async () => {
    const first = await relais('migrate');
    expect(first.stdout).toMatch(/Database is up to date\.\nAdministrator password: \S{20}/);
    const second = await relais('migrate');
    expect(second.stdout.trim()).toBe('Database is up to date.');
  });

  it('generates API keys whose secret authenticates', async () => {
    const { stdout } = await relais('generate-keys', '--user', 'Administrator');
    const key = /api_key=(\S+)/.exec(stdout)?.[1];
    const secret = /api_secret=(\S+)/.exec(stdout)?.[1];
    expect(key && secret).toBeTruthy();
    expect(await userForApiKey(handle.store.db, key!, secret!)).toBe('Administrator');
    expect(await userForApiKey(handle.store.db, key!, 'wrong-secret')).toBeUndefined();
  });

  it('fails with a clear message for an unknown user and for a bad setting', async () => {
    await expect(relais('generate-keys', '--user', 'nobody')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Error (DOCUMENT_NOT_FOUND): User "nobody" not found'),
    });
    env.RELAIS_PORT = 'abc';
    await expect(relais('migrate')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Configuration error: RELAIS_PORT=abc is not a whole number'),
    });
    delete env.RELAIS_PORT;
  });
});
