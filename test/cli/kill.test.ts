// Kills `trpo train` at random moments (SIGKILL: no chance to save; SIGTERM: saves and exits 143)
// and checks that `trpo train --resume` reproduces the uninterrupted run: the same metrics.jsonl
// (wall times aside) and the same policy.json, byte for byte. The moments come from a seeded
// generator; the seed changes from run to run (set TRPO_KILL_SEED to replay one) and is printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { metricsWithoutTimes, momentsGenerator, runCli, startCli } from './cliProcess.js';

const { rng, seed } = momentsGenerator('kill', 'TRPO_KILL_SEED');

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-kill-'));
const config = path.join(scratch, 'small.json');
// 20 iterations of 500 steps on small networks: a run takes a few seconds after start-up, long
// enough per iteration for the test to notice a metrics line before the run moves far past it
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 250, policy: { hiddenSizes: [16] }, value: { hiddenSizes: [16], epochs: 1 } }));
const trainArgs = (out: string) => ['train', '--env', 'CartPole-v1', '--steps', '10000', '--seed', '5', '--config', config, '--out', out, '--checkpoint-every', '2', '--workers', '1'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (ready: () => boolean, what: string, timeoutMs = 60_000) => {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
};

let reference = '';
let referencePolicy = '';
/** Wall time of the 20 iterations of an uninterrupted run (from its first metrics line to its end). */
let window = 0;

test('an uninterrupted run (the reference)', async () => {
  const out = path.join(scratch, 'reference');
  const { exited } = startCli(...trainArgs(out));
  await waitFor(() => linesOf(out) >= 1, 'the first iteration');
  const firstLine = Date.now();
  const { code, output } = await exited;
  window = ((Date.now() - firstLine) * 20) / 19;
  assert.is(code, 0, output);
  reference = metricsWithoutTimes(out);
  referencePolicy = readFileSync(path.join(out, 'policy.json'), 'utf8');
  assert.is(reference.trim().split('\n').length, 20);
});

const linesOf = (out: string): number => {
  const file = path.join(out, 'metrics.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
};

/**
 * Starts `args` (a run or a resume of `out`) and sends `signal` at a random moment after a new
 * checkpoint: once metrics.jsonl has a random number of lines (at least two more than the present
 * checkpoint's, at most `latest` of the 20), plus a random fraction of an iteration, so the kill
 * lands anywhere inside an iteration (sampling, update, a metrics line or a checkpoint being
 * written) but well before the end (a loaded machine may notice the target line late).
 */
const interrupt = async (args: string[], out: string, signal: NodeJS.Signals, latest = 14) => {
  const checkpoint = path.join(out, 'checkpoint.json');
  const before = existsSync(checkpoint) ? readFileSync(checkpoint, 'utf8') : null;
  // each save renames a new file into place: a new inode says a new checkpoint, without reading it
  const inode = () => (existsSync(checkpoint) ? statSync(checkpoint).ino : null);
  const oldInode = inode();
  const lowest = (before === null ? 0 : (JSON.parse(before) as { metrics: { lines: number } }).metrics.lines) + 2;
  const target = lowest + rng.int(Math.max(1, latest - lowest + 1));
  const { child, exited } = startCli(...args);
  let done = false;
  void exited.then(() => (done = true));
  await waitFor(() => done || (linesOf(out) >= target && inode() !== null && inode() !== oldInode), `metrics line ${target} and a new checkpoint`);
  await sleep((rng.uniform() * window) / 20);
  child.kill(signal);
  return exited;
};

/** Resumes `out` to the end and checks its files against the reference run. */
const resumeAndCompare = (out: string, label: string) => {
  const started = existsSync(path.join(out, 'checkpoint.json'));
  const r = runCli('train', '--resume', out, '--workers', '1');
  assert.is(r.code, 0, `${label}: resume failed: ${r.stderr}`);
  assert.match(r.stdout, started ? /resuming at step \d+/ : /starting over: no checkpoint was saved/);
  assert.equal(readdirSync(out).sort(), ['checkpoint.json', 'config.json', 'metrics.jsonl', 'policy.json'], `${label}: files left`);
  assert.fixture(metricsWithoutTimes(out), reference, `${label}: metrics.jsonl differs from the uninterrupted run`);
  assert.ok(readFileSync(path.join(out, 'policy.json'), 'utf8') === referencePolicy, `${label}: policy.json differs from the uninterrupted run`);
};

/** The kill cases: 10 × SIGKILL (two of them kill the resumed run again before it finishes). */
export const killCases: readonly { readonly name: string; readonly kills: number }[] = Array.from({ length: 10 }, (_, i) => ({
  name: `SIGKILL #${i + 1}${i % 5 === 4 ? ', then SIGKILL during the resumed run' : ''}`,
  kills: i % 5 === 4 ? 2 : 1,
}));

for (const [i, { name, kills }] of killCases.entries()) {
  test(`${name}: resume reproduces the uninterrupted run`, async () => {
    const out = path.join(scratch, `kill-${i}`);
    for (let k = 0; k < kills; k++) {
      const ended = await interrupt(k === 0 ? trainArgs(out) : ['train', '--resume', out, '--workers', '1'], out, 'SIGKILL', k + 1 < kills ? 8 : 14);
      assert.is(ended.signal, 'SIGKILL', `kill ${k + 1} came too late: ${ended.output}`);
    }
    resumeAndCompare(out, `${name} (seed ${seed})`);
  });
}

test('SIGKILL before the first checkpoint: resume starts over from config.json and reproduces the run', async () => {
  const out = path.join(scratch, 'early');
  const { child, exited } = startCli(...trainArgs(out), '--checkpoint-every', '1000', '--checkpoint-seconds', '1000');
  await waitFor(() => linesOf(out) >= 3, 'three metrics lines');
  child.kill('SIGKILL');
  assert.is((await exited).signal, 'SIGKILL');
  assert.not.ok(existsSync(path.join(out, 'checkpoint.json')));
  resumeAndCompare(out, 'early SIGKILL');
});

test('SIGTERM saves the last finished iteration and exits 143; resume reproduces the run', async () => {
  const out = path.join(scratch, 'term');
  const ended = await interrupt(trainArgs(out), out, 'SIGTERM');
  assert.is(ended.code, 143, ended.output);
  assert.match(ended.output, /interrupted by SIGTERM: saved iteration \d+/);
  const saved = JSON.parse(readFileSync(path.join(out, 'checkpoint.json'), 'utf8')) as { state: { iteration: number }; metrics: { lines: number } };
  const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
  assert.is(saved.metrics.lines, lines.length, 'the checkpoint is of the last metrics line');
  assert.is(saved.state.iteration, JSON.parse(lines[lines.length - 1]).iteration);
  assert.equal(readdirSync(out).filter((f) => f.endsWith('.tmp')), [], 'temporary files left');
  resumeAndCompare(out, `SIGTERM (seed ${seed})`);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
