/**
 * Relais as real processes (`node bin/relais.js serve|worker`), for the fault tests: start one and wait
 * for its ready line, stop it with a signal (graceful) or SIGKILL (a crash), and keep its output for
 * failure messages. Every process started here is remembered, so that `killStrayRelais()` in an
 * `afterAll` never leaves one running when a test fails half-way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const BIN = path.resolve('bin/relais.js');
/** Output kept per stream: the end matters (the error that made a process exit). */
const KEPT_CHARS = 64_000;

/** The line each command prints once it serves (after `listen`) or claims (after `worker.start()`). */
const READY: Record<RelaisCommand, RegExp> = {
  serve: /Relais is running at /,
  worker: /Relais delivery worker (\S+) is running/,
};

export type RelaisCommand = 'serve' | 'worker';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RelaisProcess {
  command: RelaisCommand;
  pid: number;
  /** The worker id printed by `relais worker` (`host:pid:random`), else null. */
  workerId: string | null;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** The exit, once it happened. */
  exit(): ProcessExit | null;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and waits for the exit; after `timeoutMs` kills it and rejects with its output. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
  /** SIGKILL, as a crash or the OOM killer would: no handler runs. Resolves once it is gone. */
  kill9(): Promise<ProcessExit>;
  /** `relais serve (pid 123, exited with code 1)` and the end of its stderr: for assertion messages. */
  describe(): string;
}

export interface StartOptions {
  /** RELAIS_* settings; the parent's own RELAIS_* variables are not passed on. */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

const started = new Set<RelaisProcess>();

/** A TCP port free on 127.0.0.1 now (`relais serve` prints its configured port, so 0 cannot be used). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('RELAIS_')) env[key] = value;
  return { ...env, ...settings };
}

const keep = (text: string) => (text.length > KEPT_CHARS ? text.slice(-KEPT_CHARS) : text);

/** Starts `relais <command>` and resolves once it printed its ready line; rejects (with its output) if it exits or stalls first. */
export async function startRelais(command: RelaisCommand, options: StartOptions): Promise<RelaisProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, command], { env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exit: ProcessExit | null = null;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      started.delete(proc);
      resolve(exit);
    });
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out = keep(out + chunk)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err = keep(err + chunk)));

  const describe = () => {
    const state = exit ? `exited with ${exit.signal ?? `code ${exit.code}`}` : 'running';
    const tail = err.trim() ? `\n--- stderr (end) ---\n${err.slice(-4_000)}` : '';
    return `relais ${command} (pid ${child.pid}, ${state})${tail}`;
  };

  const proc: RelaisProcess = {
    command,
    pid: child.pid ?? -1,
    workerId: null,
    exited,
    exit: () => exit,
    stdout: () => out,
    stderr: () => err,
    describe,
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (exit) return exit;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${describe()}\ndid not exit within ${timeoutMs} ms of ${signal} (killed)`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async kill9() {
      if (exit) return exit;
      child.kill('SIGKILL');
      return exited;
    },
  };
  started.add(proc);

  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${describe()}\nprinted no ready line within ${readyTimeoutMs} ms; stdout:\n${out.slice(-2_000)}`));
    }, readyTimeoutMs);
    const check = () => {
      const match = READY[command].exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      proc.workerId = command === 'worker' ? (match[1] ?? null) : null;
      resolve();
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${describe()}\nexited before it was ready; stdout:\n${out.slice(-2_000)}`));
    });
  });
  return proc;
}

/** SIGKILLs every process started here that still runs (for `afterAll`, so that a failed test leaks none). */
export async function killStrayRelais(): Promise<void> {
  await Promise.all([...started].map((p) => p.kill9()));
}
