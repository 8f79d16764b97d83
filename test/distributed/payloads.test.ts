// Bad messages on the broker: a `trpo worker` refuses tasks that do not decode (their jobs fail with
// the reason) and carries on; the learner refuses a malformed result and has the task re-run, and
// drops a late duplicate result, so the batch is exactly the in-process one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { makeEnv } from '../../src/envs/registry.js';
import { VectorEnv } from '../../src/envs/vectorEnv.js';
import { brokerSampler } from '../../src/node/brokerSampler.js';
import type { BrokerSampler } from '../../src/node/brokerSampler.js';
import { policyKey } from '../../src/node/brokerConnection.js';
import { decodeRelease, decodeTask, encodeResult, encodeTask, segmentRequestOf } from '../../src/streams/sampling/rolloutTask.js';
import { sampleSegment } from '../../src/streams/sampling/segment.js';
import type { SamplingReport } from '../../src/streams/types.js';
import { segmentFixture } from '../streams/sampling/fixtures.js';
import { password, startRedis, startWorker, stopChild } from './redisServer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Three CartPole envs, reset, with a request for a random policy; and the segment sampled in-process. */
const fixture = () => {
  const envs = VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), 3);
  const { request } = segmentFixture(envs, { hidden: 8, stepsPerEnv: 300, resetSeed: 11, stats: () => null });
  const start = envs.snapshot();
  const expected = sampleSegment(envs, request);
  return { request, start, expected, end: envs.snapshot() };
};

test('a worker refuses undecodable tasks without crashing, then samples a good batch exactly', async () => {
  const redis = await startRedis();
  const connection = { host: '127.0.0.1', port: redis.port, db: 0, password };
  const worker = await startWorker(redis.url);
  const queue = new Queue('trpo-rollouts', { connection: { ...connection, maxRetriesPerRequest: null } });
  // from the stream's start: with the default ('$', events from its first read on) a loaded machine could
  // let the worker fail every job before that first read, and the wait below never ended
  const events = new QueueEvents('trpo-rollouts', { connection: { ...connection, maxRetriesPerRequest: null }, lastEventId: '0' });
  let sampler: BrokerSampler | null = null;
  try {
    await events.waitUntilReady();
    const reasons = new Map<string, string>();
    events.on('failed', ({ jobId, failedReason }) => reasons.set(jobId, failedReason));
    const bad = { text: { task: '{"format":' }, number: { task: 42 }, empty: {}, truncated: { task: encodeTask({ taskId: 'x', version: 'v', envId: 'CartPole-v1', work: { _tag: 'branches', gamma: 0.9, branchLength: 3, branches: 2, snapshots: [], observations: new Float32Array(0), rngs: [] } }).replace('"branches":2', '"branches":-2') } };
    for (const [id, data] of Object.entries(bad)) await queue.add('rollout', data, { jobId: id });
    for (let waited = 0; reasons.size < Object.keys(bad).length; waited += 10) {
      assert.ok(waited < 60_000, `after 60 s, failures seen for ${[...reasons.keys()].join(', ') || 'no job'} of ${Object.keys(bad).join(', ')}`);
      await sleep(10);
    }
    assert.match(reasons.get('text') as string, 'rollout task: ');
    assert.match(reasons.get('number') as string, 'expected JSON text, got number');
    assert.match(reasons.get('empty') as string, 'expected JSON text, got undefined');
    assert.match(reasons.get('truncated') as string, 'branches');
    assert.is(worker.exitCode, null, 'the worker is still running');
    assert.match(worker.output(), 'task text failed: rollout task');

    const { request, start, expected, end } = fixture();
    sampler = await brokerSampler({ connection, envId: 'CartPole-v1', numEnvs: 3 });
    const sampled = await sampler.sample(start, request);
    assert.equal(sampled.segment, expected);
    assert.equal(sampled.envs, end);
  } finally {
    await sampler?.close();
    await events.close();
    await queue.close();
    await stopChild(worker);
    await redis.stop();
  }
});

test('the learner refuses a malformed result (the task is re-run) and drops a late duplicate', async () => {
  const redis = await startRedis();
  const connection = { host: '127.0.0.1', port: redis.port, db: 0, password };
  const name = 'faulty';
  const store = new Redis({ ...connection, maxRetriesPerRequest: null });
  const seen: string[] = [];
  // a worker whose first attempt at each task answers for another policy version, then answers right
  const processor = async (job: Job): Promise<string> => {
    const task = decodeTask((job.data as { task: unknown }).task);
    if (E.isLeft(task) || task.right.work._tag !== 'segment') throw new Error('bad task');
    seen.push((job.data as { task: string }).task);
    const release = decodeRelease(await store.get(policyKey(name, task.right.version)));
    if (E.isLeft(release)) throw new Error(release.left.message);
    const envs = VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), task.right.work.envs.length);
    envs.restore({ envs: task.right.work.envs });
    const segment = sampleSegment(envs, segmentRequestOf(release.right, task.right.work));
    const version = job.id?.endsWith('.1') ? `${task.right.version}-old` : task.right.version;
    return encodeResult({ taskId: task.right.taskId, version, output: { _tag: 'segment', segment, envs: envs.snapshot().envs } });
  };
  const worker = new Worker(name, processor, { connection: { ...connection, maxRetriesPerRequest: null } });
  const queue = new Queue(name, { connection: { ...connection, maxRetriesPerRequest: null } });
  let sampler: BrokerSampler | null = null;
  try {
    const { request, start, expected } = fixture();
    sampler = await brokerSampler({ connection, envId: 'CartPole-v1', numEnvs: 3, tasks: 3, queue: name, sweepMs: 200 });
    const sampled = await sampler.sample(start, request);
    assert.equal(sampled.segment, expected);
    const first = sampler.report();
    assert.equal(first, { ...first, tasks: 3, retried: 3, rejectedResults: 3, duplicatesDropped: 0 });
    // the same task once more, as if a stalled worker finished it late: dropped by its task id
    const late = seen[0];
    const taskId = (decodeTask(late) as E.Right<{ taskId: string }>).right.taskId;
    await queue.add('rollout', { task: late }, { jobId: `${taskId}.9` });
    let counts: SamplingReport = sampler.report();
    for (let i = 0; i < 500 && counts.duplicatesDropped === 0; i++) {
      await sleep(10);
      const more = sampler.report();
      counts = { ...counts, duplicatesDropped: counts.duplicatesDropped + more.duplicatesDropped, retried: counts.retried + more.retried };
    }
    assert.is(counts.duplicatesDropped, 1);
    assert.is(counts.retried, 0);
  } finally {
    await sampler?.close();
    await worker.close();
    await queue.close();
    store.disconnect();
    await redis.stop();
  }
});

test.run();
