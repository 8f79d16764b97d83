// Runs the built CLI (npm test builds dist/ first) as a user would, for the run-directory suites.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';

export const cliPath = path.resolve('dist/cli/main.js');

/**
 * The generator of a fault test's random moments: seeded from `variable` when set (to replay a
 * run), else from the clock; the seed is printed so that a failing run can be replayed.
 */
export const momentsGenerator = (what: string, variable: string): { readonly rng: Rng; readonly seed: number } => {
  const seed = Number(process.env[variable] ?? Date.now() % 1_000_000);
  console.log(`${what} moments: ${variable}=${seed}`);
  return { rng: new Rng(rngStateFromSeed(seed)), seed };
};
const env = { ...process.env, FORCE_COLOR: '0' };

/** Runs `trpo ...args` to the end. */
export const runCli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
};

/** Starts `trpo ...args` in the background (output kept, for a failing assertion's message). */
export const startCli = (...args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } => {
  const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  return { child, exited };
};

/** SHA-256 of every file under `dir`, by relative path: equal maps mean a byte-identical tree. */
export const hashTree = (dir: string, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const p = path.join(dir, name);
        return statSync(p).isDirectory()
          ? Object.entries(hashTree(p, `${prefix}${name}/`))
          : [[`${prefix}${name}`, createHash('sha256').update(readFileSync(p)).digest('hex')]];
      }),
  );

/** metrics.jsonl without its wall-clock times, the part a resumed run must reproduce exactly. */
export const metricsWithoutTimes = (dir: string): string => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').replace(/"wallSeconds":[^,}]*/g, '');

/** Resolves with the first `label: http://…/` URL the CLI prints (call it right after `startCli`); rejects if it exits first or after `ms`. */
export const printedUrl = (cli: ReturnType<typeof startCli>, label = 'dashboard', ms = 60_000): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`trpo printed no ${label} URL within ${ms} ms:\n${out}`)), ms);
    cli.child.stdout?.on('data', (chunk) => {
      out += chunk;
      const url = new RegExp(`${label}: (http://\\S+/)`).exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    cli.exited.then(({ code, output }) => {
      clearTimeout(timer);
      reject(new Error(`trpo exited (${code}) before printing the ${label} URL:\n${output}`));
    });
  });
