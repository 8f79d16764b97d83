// Test helpers of the distributed suites: a password-protected redis-server of their own on a free
// loopback port (no persistence, in a temp dir), and `trpo worker` child processes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliPath } from '../cli/cliProcess.js';

export const password = 'test-broker-secret';

/** A port the OS just handed out on 127.0.0.1 (free now; redis-server binds it next). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Resolves when `child` prints `text` (rejects if it exits first). */
const printed = (child: ChildProcess, text: string, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes(text)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (code ${code}) before printing '${text}':\n${output}`)));
  });

/** A running redis-server: its URL (no password in it), and stop/restart. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGTERM, wait for exit. */
  stop(): Promise<void>;
  /** Stops it and starts a fresh one (no data survives: no persistence) on the same port. */
  restart(): Promise<void>;
}

// 'close', not 'exit': a child's last lines may still be in its pipes when it has exited
const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    const pipesDone = [child.stdout, child.stderr].every((pipe) => !pipe || pipe.destroyed || pipe.readableEnded);
    if ((child.exitCode !== null || child.signalCode !== null) && pipesDone) resolve();
    else child.once('close', () => resolve());
  });

/** Starts redis-server on a free loopback port with `--requirepass`; call `stop` in a finally. */
export const startRedis = async (): Promise<RedisServer> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trpo-redis-'));
  let port = 0;
  let child: ChildProcess | null = null;
  const launch = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    await printed(c, 'Ready to accept connections', 'redis-server');
  };
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 4) throw error; // the port was taken between the check and the bind: try another
    }
  }
  const stop = async () => {
    const c = child;
    if (!c) return;
    c.kill('SIGTERM');
    await exited(c);
    child = null;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch();
    },
  };
};

/** Environment of the child processes: the broker password in its variable, never on the command line. */
export const brokerEnv = { ...process.env, FORCE_COLOR: '0', TRPO_BROKER_PASSWORD: password };

/** A `trpo worker` child process; resolves once it takes tasks. */
export const startWorker = async (url: string, ...extra: string[]): Promise<ChildProcess & { output: () => string }> => {
  const child = spawn(process.execPath, [cliPath, 'worker', '--broker', url, ...extra], { env: brokerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await printed(child, 'taking tasks', 'trpo worker');
  return Object.assign(child, { output: () => output });
};

/** Kills a child (SIGKILL unless told) and waits for it to exit. */
export const stopChild = async (child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited(child);
};

/** `trpo ...args` run to the end with the broker password in the environment. */
export const runBrokerCli = (...args: string[]): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: brokerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
