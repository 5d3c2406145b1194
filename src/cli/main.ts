import { Command } from 'commander';
import { createApp } from '../app.ts';
import { setApiKeys } from '../auth/api-keys.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildServer } from '../api/server.ts';
import { isRelaisError } from '../errors/relais-error.ts';

async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const server = await buildServer(app);
  const shutdown = async (signal: string) => {
    server.log.info(`${signal}: shutting down`);
    await server.close();
    await app.scheduler.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await server.listen({ port: config.port, host: config.host });
  app.scheduler.start();
  if (config.deliveryWorker) app.delivery.worker.start();
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite ${config.dataDir}/relais.db`;
  console.log(`\nRelais is running at ${config.siteUrl} (data: ${where})`);
  if (app.generatedAdminPassword) {
    console.log(`First start: log in as Administrator with password ${app.generatedAdminPassword}`);
    console.log('(set RELAIS_ADMIN_PASSWORD before the first start to choose it; this password is shown only once)');
  } else {
    console.log(
      'Log in as Administrator (POST /api/method/login with usr and pwd), or use the API token from RELAIS_API_KEY/RELAIS_API_SECRET.',
    );
  }
}

/** A delivery worker alone (no HTTP server): run any number of them beside `relais serve` on PostgreSQL. */
async function worker(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: finishing the messages in flight`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  app.delivery.worker.start();
  console.log(`Relais delivery worker ${app.delivery.worker.id} is running`);
}

async function migrate(): Promise<void> {
  const app = await createApp(loadConfig());
  console.log('Database is up to date.');
  if (app.generatedAdminPassword) console.log(`Administrator password: ${app.generatedAdminPassword}`);
  await app.close();
}

async function generateKeys(user: string): Promise<void> {
  const app = await createApp(loadConfig());
  const keys = await setApiKeys(app.documents, user);
  console.log(
    `api_key=${keys.api_key}\napi_secret=${keys.api_secret}\n(the secret is shown only now; use Authorization: token ${keys.api_key}:<secret>)`,
  );
  await app.close();
}

const program = new Command('relais').description('Notifications from business documents to team chat');
program.command('serve', { isDefault: true }).description('start the HTTP server (the default)').action(serve);
program.command('worker').description('run a delivery worker only (more sending capacity; PostgreSQL)').action(worker);
program.command('migrate').description('create or upgrade the database schema, then exit').action(migrate);
program
  .command('generate-keys')
  .description('give a user a new API key/secret and print them')
  .requiredOption('--user <name>', 'the user, e.g. Administrator')
  .action((o: { user: string }) => generateKeys(o.user));

program.parseAsync().catch((err) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else if (isRelaisError(err)) console.error(`Error (${err.code}): ${err.message}`);
  else console.error(err);
  process.exit(1);
});
