/**
 * The learner's side of distributed sampling: a sampler whose envs are stepped by `trpo worker`
 * processes on any machine, through a BullMQ queue on Redis. Each batch is cut into a fixed number
 * of tasks (contiguous env groups, as worker threads have them), so the batch is the same for any
 * number of workers and whoever ran which task.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { VectorEnvState } from '../envs/vectorEnv.js';
import { actionWidth, observationDim } from '../policies/policySpec.js';
import type { SamplingReport } from '../streams/types.js';
import type { BranchRequest, BranchSegment } from '../streams/sampling/branches.js';
import { concatBranches, groupBranchRequest } from '../streams/sampling/branches.js';
import type { BranchWork, PolicyRelease, RolloutOutput, RolloutTask } from '../streams/sampling/rolloutTask.js';
import { branchWorkOf, decodeResult, encodeRelease, encodeTask, expectationOf, segmentWorkOf } from '../streams/sampling/rolloutTask.js';
import type { Sampler } from '../streams/sampling/sampler.js';
import type { SamplerFactory } from '../streams/train.js';
import type { Segment, SegmentRequest } from '../streams/sampling/segment.js';
import { concatSegments, envGroups, groupEnvState, groupRequest } from '../streams/sampling/segment.js';
import type { BrokerConnection } from './brokerConnection.js';
import { defaultQueueName, policyKey, redisOptions } from './brokerConnection.js';

/** Options of {@link brokerSampler}. */
export interface BrokerSamplerOptions {
  readonly connection: BrokerConnection;
  readonly envId: string;
  readonly numEnvs: number;
  /** Queue name (default `trpo-rollouts`); one learner per queue. */
  readonly queue?: string;
  /** Tasks per batch: contiguous env groups (default `min(numEnvs, 16)`); results do not depend on it. */
  readonly tasks?: number;
  /** How often pending tasks are checked in Redis (lost after a restart → re-enqueued), ms (default 1000). */
  readonly sweepMs?: number;
  /** Attempts of one task before the run fails (default 50). */
  readonly maxAttempts?: number;
  /** Seconds a published policy version stays in Redis (default 3600). */
  readonly releaseSeconds?: number;
}

/** A broker sampler also says how much each batch cost on the wire. */
export interface BrokerSampler extends Sampler {
  /** Retries, duplicates and bytes since the last call (the loop puts them in the iteration's metrics). */
  report(): SamplingReport;
}

/** A task waiting for its result. */
interface Pending {
  readonly task: RolloutTask;
  readonly text: string;
  readonly release: { readonly version: string; readonly text: string; readonly spec: PolicyRelease['policySpec'] };
  jobId: string;
  attempt: number;
  /** Added to the queue (the sweep only looks at jobs that were). */
  submitted: boolean;
  readonly resolve: (output: RolloutOutput) => void;
  readonly reject: (error: Error) => void;
}

const emptyReport = (): SamplingReport => ({ tasks: 0, retried: 0, duplicatesDropped: 0, rejectedResults: 0, bytesSent: 0, bytesReceived: 0 });

/**
 * A sampler over `numEnvs` envs of `envId` stepped by broker workers. Policy weights (and the
 * observation statistics) are published once per version under a Redis key; each task names its
 * version. Results are decoded and checked against their task (see `decodeResult`); a malformed
 * one is refused and its task re-run; a late duplicate is dropped; a job Redis lost (restart) is
 * re-published and re-enqueued by a periodic sweep. Waiting jobs left by an earlier learner on the
 * queue are removed at start.
 *
 * @example
 * const sampler = await brokerSampler({ connection: { host: '127.0.0.1', port: 6379, db: 0 }, envId: 'CartPole-v1', numEnvs: 4 });
 */
export const brokerSampler = async (options: BrokerSamplerOptions): Promise<BrokerSampler> => {
  const name = options.queue ?? defaultQueueName;
  const connection = redisOptions(options.connection);
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  const redis = new Redis(connection);
  // a connection error is retried by ioredis; without a listener it would be thrown
  const ignore = () => undefined;
  queue.on('error', ignore);
  events.on('error', ignore);
  redis.on('error', ignore);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  await queue.drain();
  const sweepMs = options.sweepMs ?? 1000, maxAttempts = options.maxAttempts ?? 50, releaseSeconds = options.releaseSeconds ?? 3600;
  const groups = envGroups(options.numEnvs, options.tasks ?? 16);
  const run = randomUUID().slice(0, 8);
  let batches = 0, releases = 0, closed = false;
  let report = emptyReport();
  const count = (field: keyof SamplingReport, n = 1) => {
    report = { ...report, [field]: report[field] + n };
  };
  const pending = new Map<string, Pending>();
  const accepted = new Set<string>();
  let lastRelease: { readonly params: Float32Array; readonly stats: unknown; readonly version: string; readonly text: string; readonly spec: PolicyRelease['policySpec'] } | null = null;

  const publish = async (request: { readonly policySpec: PolicyRelease['policySpec']; readonly policyParams: Float32Array; readonly observationStats: PolicyRelease['observationStats'] }) => {
    if (lastRelease && lastRelease.params === request.policyParams && lastRelease.stats === request.observationStats) return lastRelease;
    const version = `${run}-p${++releases}`;
    const text = encodeRelease({ version, policySpec: request.policySpec, policyParams: request.policyParams, observationStats: request.observationStats });
    await redis.set(policyKey(name, version), text, 'EX', releaseSeconds);
    count('bytesSent', text.length);
    lastRelease = { params: request.policyParams, stats: request.observationStats, version, text, spec: request.policySpec };
    return lastRelease;
  };

  const submit = async (p: Pending): Promise<void> => {
    p.submitted = false;
    await queue.add('rollout', { task: p.text }, { jobId: p.jobId, attempts: 1, removeOnComplete: { age: 600 }, removeOnFail: { age: 600 } });
    p.submitted = true;
  };

  const retry = (p: Pending, why: string): void => {
    if (pending.get(p.task.taskId) !== p) return;
    if (p.attempt >= maxAttempts) {
      pending.delete(p.task.taskId);
      p.reject(new Error(`rollout task ${p.task.taskId} failed ${p.attempt} times; last: ${why}`));
      return;
    }
    count('retried');
    p.attempt += 1;
    p.jobId = `${p.task.taskId}.${p.attempt}`;
    submit(p).catch((error: Error) => {
      pending.delete(p.task.taskId);
      p.reject(error);
    });
  };

  const taskOf = (jobId: string): string => jobId.slice(0, jobId.lastIndexOf('.'));

  const completed = (jobId: string, value: unknown): void => {
    if (accepted.has(jobId)) return;
    const p = pending.get(taskOf(jobId));
    if (!p) {
      // a result for a task already answered (another attempt got there first) or not this learner's
      if (jobId.startsWith(`${run}-`)) count('duplicatesDropped');
      return;
    }
    if (typeof value === 'string') count('bytesReceived', value.length);
    const decoded = decodeResult(expectationOf(p.task, p.release.spec))(value);
    if (E.isLeft(decoded)) {
      count('rejectedResults');
      if (p.jobId === jobId) retry(p, decoded.left.message);
      return;
    }
    accepted.add(jobId);
    pending.delete(p.task.taskId);
    queue.remove(jobId).catch(ignore);
    p.resolve(decoded.right.output);
  };

  events.on('completed', ({ jobId, returnvalue }) => completed(jobId, returnvalue));
  events.on('failed', ({ jobId, failedReason }) => {
    const p = pending.get(taskOf(jobId));
    if (p && p.jobId === jobId) retry(p, failedReason);
  });
  events.on('stalled', ({ jobId }) => {
    const p = pending.get(taskOf(jobId));
    if (p && p.jobId === jobId) count('retried'); // BullMQ re-runs it on another worker
  });

  // jobs Redis lost (a restart without persistence) are re-published and re-enqueued; results whose event was missed are read
  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping || closed) return;
    sweeping = true;
    try {
      for (const p of [...pending.values()]) {
        if (!p.submitted || pending.get(p.task.taskId) !== p) continue;
        const jobId = p.jobId;
        const job = await queue.getJob(jobId);
        if (p.jobId !== jobId || pending.get(p.task.taskId) !== p) continue;
        if (!job) {
          await redis.set(policyKey(name, p.release.version), p.release.text, 'EX', releaseSeconds);
          retry(p, 'the job vanished from Redis');
        } else if (job.finishedOn && job.failedReason) retry(p, job.failedReason);
        else if (job.finishedOn) completed(jobId, job.returnvalue);
      }
    } catch {
      // Redis is away: the next sweep tries again
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(() => void sweep(), sweepMs);

  const runTasks = async (tasks: readonly RolloutTask[], release: NonNullable<typeof lastRelease>): Promise<RolloutOutput[]> => {
    const outputs = tasks.map(
      (task) =>
        new Promise<RolloutOutput>((resolve, reject) => {
          const text = encodeTask(task);
          count('tasks');
          count('bytesSent', text.length);
          const p: Pending = { task, text, release, jobId: `${task.taskId}.1`, attempt: 1, submitted: false, resolve, reject };
          pending.set(task.taskId, p);
          submit(p).catch((error: Error) => {
            pending.delete(task.taskId);
            reject(error);
          });
        }),
    );
    return Promise.all(outputs);
  };

  return {
    numEnvs: options.numEnvs,
    workers: groups.length,
    background: true,
    sample: async (envs: VectorEnvState, request: SegmentRequest) => {
      const release = await publish(request);
      const batch = ++batches;
      const tasks = groups.map((group, g): RolloutTask => ({
        taskId: `${run}-b${batch}-s${g}`,
        version: release.version,
        envId: options.envId,
        work: segmentWorkOf(groupRequest(request, group), groupEnvState(envs, group).envs),
      }));
      const outputs = await runTasks(tasks, release);
      const parts = outputs.map((o) => o as Extract<RolloutOutput, { _tag: 'segment' }>);
      const segment: Segment = concatSegments(parts.map((o) => o.segment), observationDim(request.policySpec), actionWidth(request.policySpec));
      return { segment, envs: { envs: parts.flatMap((o) => o.envs) } };
    },
    branch: async (request: BranchRequest): Promise<BranchSegment> => {
      const release = await publish(request);
      const batch = ++batches;
      const stateGroups = envGroups(request.snapshots.length, groups.length);
      const tasks = stateGroups.map((group, g): RolloutTask => ({
        taskId: `${run}-b${batch}-v${g}`,
        version: release.version,
        envId: options.envId,
        work: branchWorkOf(groupBranchRequest(request, group)) satisfies BranchWork,
      }));
      const outputs = await runTasks(tasks, release);
      return concatBranches(outputs.map((o) => (o as Extract<RolloutOutput, { _tag: 'branches' }>).branches));
    },
    report: () => {
      const r = report;
      report = emptyReport();
      return r;
    },
    close: async () => {
      closed = true;
      clearInterval(timer);
      for (const p of pending.values()) p.reject(new Error('broker sampler closed'));
      pending.clear();
      await Promise.allSettled([queue.drain()]);
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
};


/**
 * A sampler factory for `train`/`trainEvents`: the run's envs stepped by `trpo worker` processes
 * through the broker (the in-process envs are closed). Metrics equal those of in-process sampling
 * with the same seed, apart from wallSeconds and the added `broker` counts.
 *
 * @example
 * import { brokerSamplers } from 'trpo-streams/node';
 * train(config, { sampler: brokerSamplers({ connection: { host: '127.0.0.1', port: 6379, db: 0, password } }) }).subscribe(console.log);
 */
export const brokerSamplers =
  (options: Omit<BrokerSamplerOptions, 'envId' | 'numEnvs'>): SamplerFactory =>
  async ({ config, envs }) => {
    envs.close();
    return brokerSampler({ ...options, envId: config.env, numEnvs: config.numEnvs });
  };
