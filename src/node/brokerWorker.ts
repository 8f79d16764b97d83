/**
 * The worker's side of distributed sampling (`trpo worker`): takes rollout tasks from the BullMQ
 * queue, reads the policy version a task names from Redis (once per version), steps its own envs
 * of the task's id from the task's snapshots and returns the result as exact JSON. A task that does
 * not decode fails its job with the reason (the learner re-runs or gives up); the worker carries on.
 *
 * @module
 */
import { hostname } from 'node:os';
import * as E from 'fp-ts/lib/Either.js';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Env } from '../envs/env.js';
import { makeEnvAsync } from '../envs/registry.js';
import { VectorEnv } from '../envs/vectorEnv.js';
import { observationDim } from '../policies/policySpec.js';
import { sampleBranches } from '../streams/sampling/branches.js';
import type { PolicyRelease, RolloutTask } from '../streams/sampling/rolloutTask.js';
import { branchRequestOf, decodeRelease, decodeTask, encodeResult, segmentRequestOf } from '../streams/sampling/rolloutTask.js';
import { sampleSegment } from '../streams/sampling/segment.js';
import type { BrokerConnection } from './brokerConnection.js';
import { defaultQueueName, policyKey, redisOptions } from './brokerConnection.js';

/** Options of {@link startBrokerWorker}. */
export interface BrokerWorkerOptions {
  readonly connection: BrokerConnection;
  /** Queue name (default `trpo-rollouts`). */
  readonly queue?: string;
  /**
   * Tasks held at once (default 1). Sampling is synchronous, so one process runs one task at a time
   * on its CPU; more overlaps one task's network time with another's compute. Run one worker
   * process per core for parallel sampling.
   */
  readonly concurrency?: number;
  /**
   * Milliseconds a task may run before it counts as stalled (its lock cannot be renewed while a
   * synchronous task runs) and is re-run elsewhere; also the period of the stalled-job check
   * (default 30000). Keep it above the longest task.
   */
  readonly lockMs?: number;
  /** The worker's name, recorded on each job it takes (`processedBy`); default `HOST:PID`. */
  readonly name?: string;
  /** Told of each task that failed and why (default: nothing). */
  readonly onFailed?: (jobId: string, reason: string) => void;
  /** Told of connection errors (default: nothing; ioredis keeps reconnecting). */
  readonly onError?: (error: Error) => void;
}

/** A running worker: how many tasks it finished and failed; `close` lets the current task finish. */
export interface BrokerWorker {
  readonly processed: () => number;
  readonly failed: () => number;
  close(): Promise<void>;
}

/** Envs of one id and count, made on first use and kept for the next tasks. */
const envCache = () => {
  const vectors = new Map<string, Promise<VectorEnv>>();
  const singles = new Map<string, Promise<Env>>();
  return {
    vector: (id: string, n: number): Promise<VectorEnv> => {
      const key = `${id}\u0000${n}`;
      let made = vectors.get(key);
      if (!made) {
        made = Promise.all(Array.from({ length: n }, () => makeEnvAsync(id))).then((envs) => new VectorEnv(envs));
        made.catch(() => vectors.delete(key));
        vectors.set(key, made);
      }
      return made;
    },
    single: (id: string): Promise<Env> => {
      let made = singles.get(id);
      if (!made) {
        made = makeEnvAsync(id);
        made.catch(() => singles.delete(id));
        singles.set(id, made);
      }
      return made;
    },
    close: async () => {
      for (const v of vectors.values()) await v.then((e) => e.close(), () => undefined);
      for (const s of singles.values()) await s.then((e) => e.close(), () => undefined);
    },
  };
};

/**
 * Runs one decoded task under its release: the group's segment (and its envs' snapshots after
 * it), or its vine branches, as result text.
 */
const runTask = async (task: RolloutTask, release: PolicyRelease, envs: ReturnType<typeof envCache>): Promise<string> => {
  const { work } = task, obsDim = observationDim(release.policySpec);
  const states = work._tag === 'segment' ? work.envs.length : work.snapshots.length;
  if (work.observations.length !== states * obsDim) throw new UnrecoverableError(`rollout task ${task.taskId}: ${work.observations.length} observation values for ${states} × ${obsDim}`);
  if (work._tag === 'branches') {
    const branches = sampleBranches(await envs.single(task.envId), branchRequestOf(release, work));
    return encodeResult({ taskId: task.taskId, version: task.version, output: { _tag: 'branches', branches } });
  }
  const vector = await envs.vector(task.envId, work.envs.length);
  vector.restore({ envs: work.envs });
  const segment = sampleSegment(vector, segmentRequestOf(release, work));
  return encodeResult({ taskId: task.taskId, version: task.version, output: { _tag: 'segment', segment, envs: vector.snapshot().envs } });
};

/**
 * Starts a worker on the broker's queue; resolves once it is connected.
 *
 * @example
 * const worker = await startBrokerWorker({ connection: { host: '127.0.0.1', port: 6379, db: 0, password }, concurrency: 1 });
 * process.on('SIGTERM', () => void worker.close());
 */
export const startBrokerWorker = async (options: BrokerWorkerOptions): Promise<BrokerWorker> => {
  const name = options.queue ?? defaultQueueName;
  const connection = redisOptions(options.connection);
  const redis = new Redis(connection);
  redis.on('error', (error: Error) => options.onError?.(error));
  const releases = new Map<string, PolicyRelease>();
  const envs = envCache();
  let processed = 0, failed = 0;

  const releaseOf = async (version: string): Promise<PolicyRelease> => {
    const known = releases.get(version);
    if (known) return known;
    const text = await redis.get(policyKey(name, version));
    // the learner re-publishes it when it re-enqueues a job Redis lost
    if (text === null) throw new Error(`policy version ${version} is not published`);
    const decoded = decodeRelease(text);
    if (E.isLeft(decoded)) throw new UnrecoverableError(decoded.left.message);
    // a learner publishes versions in order: keep the latest few
    releases.set(version, decoded.right);
    for (const old of [...releases.keys()].slice(0, -4)) releases.delete(old);
    return decoded.right;
  };

  const processor = async (job: Job): Promise<string> => {
    const task = decodeTask((job.data as { task?: unknown } | null)?.task);
    if (E.isLeft(task)) throw new UnrecoverableError(task.left.message);
    return runTask(task.right, await releaseOf(task.right.version), envs);
  };

  const lockDuration = options.lockMs ?? 30_000;
  const worker = new Worker(name, processor, {
    connection,
    name: options.name ?? `${hostname()}:${process.pid}`,
    concurrency: options.concurrency ?? 1,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 1,
  });
  worker.on('completed', () => {
    processed += 1;
  });
  worker.on('failed', (job, error) => {
    failed += 1;
    options.onFailed?.(job?.id ?? '?', error.message);
  });
  worker.on('error', (error) => options.onError?.(error));
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    failed: () => failed,
    close: async () => {
      await worker.close();
      redis.disconnect();
      await envs.close();
    },
  };
};
