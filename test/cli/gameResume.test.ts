// A MinAtar run stopped by a signal and resumed reproduces the run that was never stopped: the
// same metrics.jsonl (wall times aside) and policy.json, byte for byte. A game's checkpoint holds
// what a classic env's does not: MinAtar's random stream, the last action for sticky repeats and
// the difficulty ramp, in the middle of episodes, under the conv policy and value nets. Small
// iterations (2 envs × 128 steps, one value epoch) keep each run to a few seconds after start-up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { metricsWithoutTimes, runCli, startCli } from './cliProcess.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-game-resume-'));
const config = path.join(scratch, 'small.json');
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 128, value: { epochs: 1 } }));
const iterations = 12;
const trainArgs = (env: string, out: string, workers: string) =>
  ['train', '--env', env, '--steps', String(iterations * 256), '--seed', '3', '--backend', 'wasm', '--config', config, '--out', out, '--checkpoint-every', '1', '--workers', workers];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const linesOf = (out: string): number => {
  const file = path.join(out, 'metrics.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
};

/** Starts a run and sends `signal` once it has written `lines` metrics lines and a checkpoint after them. */
const stopAfter = async (args: string[], out: string, lines: number, signal: NodeJS.Signals) => {
  const { child, exited } = startCli(...args);
  let done = false;
  void exited.then(() => (done = true));
  const checkpoint = path.join(out, 'checkpoint.json');
  const saved = () => existsSync(checkpoint) && (JSON.parse(readFileSync(checkpoint, 'utf8')) as { metrics: { lines: number } }).metrics.lines >= lines;
  const until = Date.now() + 120_000;
  while (!done && !(linesOf(out) >= lines && saved())) {
    if (Date.now() > until) throw new Error(`timed out waiting for metrics line ${lines}`);
    await sleep(5);
  }
  child.kill(signal);
  return exited;
};

for (const [env, signal] of [['MinAtar/Seaquest-v1', 'SIGTERM'], ['MinAtar/SpaceInvaders-v1', 'SIGKILL']] as const) {
  test(`${env}: stopped by ${signal} after a few iterations, resumed on another worker count, equals the straight run`, async () => {
    const straight = path.join(scratch, `${env.replace('/', '-')}-straight`), stopped = path.join(scratch, `${env.replace('/', '-')}-stopped`);
    const reference = runCli(...trainArgs(env, straight, '2'));
    assert.is(reference.code, 0, reference.stderr);
    assert.is(linesOf(straight), iterations);
    const ended = await stopAfter(trainArgs(env, stopped, '2'), stopped, 3, signal);
    assert.is(ended.signal === signal || ended.code === 143, true, `the run ended before the ${signal}: ${ended.output}`);
    if (signal === 'SIGTERM') assert.match(ended.output, /interrupted by SIGTERM: saved iteration \d+/);
    const at = linesOf(stopped);
    assert.ok(at >= 3 && at < iterations, `stopped after ${at} iterations`);
    const resumed = runCli('train', '--resume', stopped, '--workers', '1');
    assert.is(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /resuming at step \d+/);
    assert.fixture(metricsWithoutTimes(stopped), metricsWithoutTimes(straight));
    assert.ok(readFileSync(path.join(stopped, 'policy.json'), 'utf8') === readFileSync(path.join(straight, 'policy.json'), 'utf8'), 'policy.json differs from the straight run');
    assert.ok(statSync(path.join(stopped, 'checkpoint.json')).size > 0);
  });
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
