import { Worker } from 'node:worker_threads';

/**
 * The worker's code: its own connection to the same file, checkpointing the WAL into the database
 * every `interval` ms. PASSIVE never blocks the writer; the writer restarts the WAL from its start
 * once every frame is checkpointed, so the file stays small.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message || err)); }
}, workerData.interval);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** A background WAL checkpointer; `stop` ends it. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies pages into the database
 * file and syncs it (milliseconds on a slow disk); run by the connection that commits, as SQLite
 * does by default, it stalls whichever request commits at that moment. `onFailure` is called if the
 * worker cannot run, so the caller can turn automatic checkpoints back on.
 */
export function startCheckpointer(file: string, driverPath: string, onFailure: (reason: string) => void, intervalMs = 250): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, interval: intervalMs } });
  worker.unref();
  let stopped = false;
  worker.on('message', (reason: string) => onFailure(reason));
  worker.on('error', (err) => onFailure(err.message));
  worker.on('exit', (code) => {
    if (!stopped) onFailure(`checkpoint worker exited with code ${code}`);
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref(); // an unreferenced worker would let the process exit before `exited` resolves
      worker.postMessage('stop');
      await exited;
    },
  };
}
