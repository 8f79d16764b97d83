// 1 learner + 3 `trpo worker` processes on a password-protected loopback Redis train CartPole-v1
// (default config, seed 0) to a deterministic eval ≥ 475, with metrics.jsonl equal to --workers 1's.
// 24000 steps is the smallest multiple of the 2000-step batch whose eval reaches 475 on seed 0
// (`trpo eval`: 477.7; 22000 steps gives 472.1 in eval-during-training).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/cliProcess.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliPath } from '../cli/cliProcess.js';
import { brokerEnv, password, runBrokerCli, startRedis, startWorker, stopChild } from './redisServer.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-broker-'));
const train = ['train', '--env', 'CartPole-v1', '--seed', '0', '--steps', '24000', '--backend', 'wasm'];

/** metrics.jsonl lines without wall times and broker counts: what must not depend on who sampled. */
const comparable = (dir: string): unknown[] =>
  readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { wallSeconds: _w, broker: _b, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const metricsLines = (dir: string): number => (existsSync(path.join(dir, 'metrics.jsonl')) ? readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').split('\n').length - 1 : 0);

test('1 learner + 3 workers: the metrics of --workers 1, an eval of at least 475; a killed learner resumes with the same workers; vine runs too', async () => {
  const reference = path.join(scratch, 'reference');
  const r = runCli(...train, '--workers', '1', '--out', reference);
  assert.is(r.code, 0, r.stderr);
  const redis = await startRedis();
  const workers = [];
  try {
    for (let i = 0; i < 3; i++) workers.push(await startWorker(redis.url));
    const out = path.join(scratch, 'broker');
    const b = await runBrokerCli(...train, '--broker', redis.url, '--out', out);
    assert.is(b.code, 0, b.output);
    assert.match(b.output, `sampling on broker redis://127.0.0.1:${redis.port}/0`);
    assert.equal(comparable(out), comparable(reference));
    const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { broker?: { tasks: number; retried: number } });
    assert.ok(lines.every((l) => l.broker?.tasks === 4 && l.broker.retried === 0), 'each batch is 4 tasks (one per env), none retried');
    assert.not.match(readFileSync(path.join(reference, 'metrics.jsonl'), 'utf8'), 'broker', 'in-process lines carry no broker counts');
    const evaluated = runCli('eval', '--run', out, '--episodes', '10');
    assert.is(evaluated.code, 0, evaluated.stderr);
    const returnMean = (JSON.parse(evaluated.stdout.trim().split('\n').at(-1) as string) as { returnMean: number }).returnMean;
    assert.ok(returnMean >= 475, `eval ${returnMean}`);
    // the learner SIGKILLed mid-run, then resumed from its checkpoint; the workers carry on
    const crashed = path.join(scratch, 'crashed');
    const learner = spawn(process.execPath, [cliPath, ...train, '--broker', redis.url, '--out', crashed, '--checkpoint-every', '2'], { env: brokerEnv, stdio: 'ignore' });
    while (metricsLines(crashed) < 5 && learner.exitCode === null) await sleep(5);
    await stopChild(learner);
    assert.ok(metricsLines(crashed) < 12, 'the learner finished before it could be killed');
    const resumed = await runBrokerCli('train', '--resume', crashed, '--broker', redis.url);
    assert.is(resumed.code, 0, resumed.output);
    assert.match(resumed.output, 'resuming at step');
    assert.equal(comparable(crashed), comparable(reference));
    // vine sampling: trunks and branch rollouts both go through the queue
    const vineConfig = path.join(scratch, 'vine.json');
    writeFileSync(vineConfig, JSON.stringify({ numEnvs: 2, stepsPerEnv: 250, policy: { hiddenSizes: [16] }, value: { hiddenSizes: [16], epochs: 1 }, vine: { rolloutSetSize: 20, branchLength: 20 } }));
    const vine = ['train', '--env', 'CartPole-v1', '--sampling', 'vine', '--seed', '2', '--steps', '6000', '--config', vineConfig, '--backend', 'wasm'];
    const vineReference = runCli(...vine, '--workers', '1', '--out', path.join(scratch, 'vine-1'));
    assert.is(vineReference.code, 0, vineReference.stderr);
    const vineBroker = await runBrokerCli(...vine, '--broker', redis.url, '--out', path.join(scratch, 'vine-broker'));
    assert.is(vineBroker.code, 0, vineBroker.output);
    assert.equal(comparable(path.join(scratch, 'vine-broker')), comparable(path.join(scratch, 'vine-1')));
    assert.ok(readFileSync(path.join(scratch, 'vine-broker', 'metrics.jsonl'), 'utf8').includes('"broker":{"tasks":4,'), 'two trunk tasks and two branch tasks a batch');
    // every worker took part (4 tasks a batch, 12 batches; a worker takes the next waiting task)
    await Promise.all(workers.map((w) => stopChild(w, 'SIGTERM')));
    const done = workers.map((w) => Number(/after (\d+) tasks/.exec(w.output())?.[1] ?? -1));
    assert.ok(done.every((n) => n > 0) && done.reduce((a, b) => a + b, 0) >= 48, `tasks per worker: ${done.join(', ')}`);
  } finally {
    for (const w of workers) await stopChild(w);
    await redis.stop();
  }
});

test('a password in the --broker URL is refused (exit 2) with a pointer to the variable and the file', async () => {
  for (const command of [['train', '--env', 'CartPole-v1', '--out', path.join(scratch, 'never')], ['worker']]) {
    const r = await runBrokerCli(...command, '--broker', 'redis://:hunter2@127.0.0.1:6379');
    assert.is(r.code, 2, r.output);
    assert.match(r.output, 'TRPO_BROKER_PASSWORD');
    assert.match(r.output, '--broker-password-file');
  }
  const bad = await runBrokerCli('worker', '--broker', 'http://127.0.0.1:6379');
  assert.is(bad.code, 2);
  assert.match(bad.output, 'redis:// URL');
});

test('--broker-password-file is read (it wins over the variable); refused credentials or no Redis: exit 2, no run directory', async () => {
  const redis = await startRedis();
  try {
    const wrong = path.join(scratch, 'wrong.pass'), right = path.join(scratch, 'right.pass');
    writeFileSync(wrong, 'not-the-password\n');
    writeFileSync(right, `${password}\n`);
    const out = path.join(scratch, 'refused');
    const refused = await runBrokerCli('train', '--env', 'CartPole-v1', '--broker', redis.url, '--broker-password-file', wrong, '--out', out);
    assert.is(refused.code, 2, refused.output);
    assert.match(refused.output, 'refused the credentials');
    assert.not.ok(existsSync(out), 'nothing written');
    const worker = await startWorker(redis.url, '--broker-password-file', right);
    await stopChild(worker, 'SIGTERM');
    assert.match(worker.output(), 'stopped by SIGTERM after 0 tasks', `worker exit ${worker.exitCode} ${worker.signalCode}, output:\n${worker.output()}`);
    const port = redis.port;
    await redis.stop();
    const away = await runBrokerCli('train', '--env', 'CartPole-v1', '--broker', `redis://127.0.0.1:${port}`, '--out', out);
    assert.is(away.code, 2, away.output);
    assert.match(away.output, 'cannot reach the broker');
    assert.not.ok(existsSync(out), 'nothing written');
  } finally {
    await redis.stop();
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
