// Faults during a broker run of Pendulum-v1: 20 SIGKILLs of the worker running a task (at random
// moments; each killed worker is replaced) and one Redis restart (no persistence: every job and the
// published policy are lost). The run's metrics must still equal the undisturbed in-process run's.
// The moments come from a seeded generator; the seed changes from run to run (set
// TRPO_FAULT_SEED to replay one) and is printed with the counts of kills, retries and duplicates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { brokerEnv, password, startRedis, startWorker, stopChild } from './redisServer.js';
import { cliPath, momentsGenerator, runCli } from '../cli/cliProcess.js';

const { rng, seed } = momentsGenerator('fault', 'TRPO_FAULT_SEED');

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-faults-'));
const config = path.join(scratch, 'pendulum.json');
// 20 iterations of 2 envs × 10000 steps: one task per env, each about 0.1 s (long enough to be caught running)
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 10000, policy: { hiddenSizes: [16] }, value: { hiddenSizes: [16], epochs: 1 } }));
const train = ['train', '--env', 'Pendulum-v1', '--seed', '1', '--steps', '400000', '--config', config, '--backend', 'wasm'];
// a killed worker's task is re-run once its lock (600 ms) expires and a stalled check (every 600 ms) sees it
const lock = ['--lock-ms', '600'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const metricsOf = (dir: string) =>
  existsSync(path.join(dir, 'metrics.jsonl'))
    ? readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const withoutTimes = (lines: Record<string, unknown>[]) => lines.map(({ wallSeconds: _w, broker: _b, ...rest }) => rest);

test('20 workers killed mid-task and a Redis restart: the metrics of the undisturbed run', async () => {
  const reference = path.join(scratch, 'reference');
  const r = runCli(...train, '--workers', '1', '--out', reference);
  assert.is(r.code, 0, r.stderr);

  const redis = await startRedis();
  const workers = new Map<string, ChildProcess & { output: () => string }>();
  const addWorker = async () => {
    const w = await startWorker(redis.url, ...lock);
    workers.set(String(w.pid), w);
  };
  const queue = new Queue('trpo-rollouts', { connection: { host: '127.0.0.1', port: redis.port, password, maxRetriesPerRequest: null } });
  queue.on('error', () => undefined);
  const out = path.join(scratch, 'broker');
  let learner: ChildProcess | null = null;
  try {
    for (let i = 0; i < 3; i++) await addWorker();
    learner = spawn(process.execPath, [cliPath, ...train, '--broker', redis.url, '--out', out], { env: brokerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    learner.stdout?.on('data', (d) => (output += d));
    learner.stderr?.on('data', (d) => (output += d));
    const finished = new Promise<number | null>((resolve) => learner?.on('close', (code) => resolve(code)));
    let done = false;
    void finished.then(() => (done = true));

    let kills = 0, restarted = false;
    const starting: Promise<void>[] = [];
    while (kills < 20 && !done) {
      await sleep(rng.uniform() * 300);
      // the worker holding an active job (BullMQ records its name, host:pid)
      let victim: string | undefined;
      while (!victim && !done) {
        const active = await queue.getActive().catch(() => []);
        victim = active.map((job) => job.processedBy?.split(':').at(-1)).find((pid) => pid !== undefined && workers.has(pid));
        if (!victim) await sleep(2);
      }
      if (!victim) break;
      const w = workers.get(victim) as ChildProcess;
      workers.delete(victim);
      await stopChild(w);
      kills += 1;
      starting.push(addWorker());
      if (kills === 10 && !restarted) {
        await redis.restart();
        restarted = true;
      }
    }
    await Promise.all(starting);
    const code = await finished;
    assert.is(code, 0, output);
    assert.is(kills, 20, `the run ended after ${kills} kills: make it longer`);
    assert.ok(restarted);
    const lines = metricsOf(out);
    assert.equal(withoutTimes(lines), withoutTimes(metricsOf(reference)));
    const total = (field: string) => lines.reduce((n, l) => n + ((l.broker as Record<string, number> | undefined)?.[field] ?? 0), 0);
    console.log(`faults (seed ${seed}): ${kills} workers killed mid-task, 1 Redis restart; tasks ${total('tasks')}, retried ${total('retried')}, duplicates dropped ${total('duplicatesDropped')}, results refused ${total('rejectedResults')}`);
    assert.ok(total('retried') >= 1, 'no task was re-run: the kills did not hit a task');
  } finally {
    if (learner) await stopChild(learner);
    for (const w of workers.values()) await stopChild(w);
    await queue.close().catch(() => undefined);
    await redis.stop();
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
