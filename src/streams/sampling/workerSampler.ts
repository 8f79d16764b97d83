/**
 * Sampling on worker threads (Node only): each thread owns a contiguous group of the envs,
 * receives the policy weights and its envs' state with each request, and sends its segment back
 * in transferred typed arrays.
 *
 * @module
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { envModule } from '../../envs/registry.js';
import type { VectorEnvState } from '../../envs/vectorEnv.js';
import { actionWidth, observationDim } from '../../policies/policySpec.js';
import type { BranchRequest, BranchSegment } from './branches.js';
import { concatBranches, groupBranchRequest } from './branches.js';
import type { Sampler } from './sampler.js';
import type { Segment, SegmentRequest } from './segment.js';
import { concatSegments, envGroups, groupEnvState, groupRequest } from './segment.js';

/** Message a sampler worker receives: a segment of its envs, or vine branches from given states. */
export type WorkerRequest =
  | { readonly _tag: 'segment'; readonly envs: VectorEnvState; readonly request: SegmentRequest }
  | { readonly _tag: 'branches'; readonly request: BranchRequest };

/** Message a sampler worker answers with. */
export type WorkerReply =
  | { readonly ok: true; readonly _tag: 'segment'; readonly segment: Segment; readonly envs: VectorEnvState }
  | { readonly ok: true; readonly _tag: 'branches'; readonly branches: BranchSegment }
  | { readonly ok: false; readonly name: string; readonly message: string };

/** A successful reply of the kind a request of tag `T` gets. */
type ReplyOf<T extends WorkerRequest['_tag']> = Extract<WorkerReply, { readonly ok: true; readonly _tag: T }>;

/** Start-up data of a sampler worker. */
export interface WorkerSetup {
  readonly envId: string;
  readonly numEnvs: number;
  /** Module URLs the worker imports (registering their envs there) before it builds its envs. */
  readonly modules: readonly string[];
}

/** Options of {@link workerSampler}. */
export interface WorkerSamplerOptions {
  /**
   * Module URLs each worker imports before building its envs. Default: the module `envId` was
   * registered with (`registerEnv(id, factory, { module: import.meta.url })`), none for a built-in id.
   */
  readonly modules?: readonly string[];
}

/** The modules a worker needs to build `envId`: none for a built-in id, the registering module for a registered one. */
const modulesFor = (envId: string): readonly string[] => {
  const module = envModule(envId);
  if (module === null) return [];
  if (module === undefined)
    throw new Error(`env '${envId}' cannot be sampled on worker threads: register it with registerEnv('${envId}', factory, { module: import.meta.url }) so that workers can import it`);
  return [module];
};

/**
 * A thread running the worker module next to this one: `samplerWorker.js` when built; under tsx
 * (tests run the sources), `samplerWorker.ts` through tsx's loader, which workers do not inherit.
 */
const spawnWorker = (setup: WorkerSetup): Worker => {
  const extension = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./samplerWorker${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(url, { workerData: setup });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
};

/** An error raised inside a worker, rethrown here with its name and message. */
export class SamplerWorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** One worker thread owning `numEnvs` envs of `envId`; one request at a time. */
const startWorker = (setup: WorkerSetup) => {
  const worker = spawnWorker(setup);
  let pending: { resolve: (r: WorkerReply & { ok: true }) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure = error;
    pending?.reject(error);
    pending = null;
  };
  worker.on('message', (reply: WorkerReply) => {
    const current = pending;
    pending = null;
    if (!current) return;
    if (reply.ok) current.resolve(reply);
    else current.reject(new SamplerWorkerError(reply.name, reply.message));
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`sampler worker exited (code ${code})`)));
  const call = <T extends WorkerRequest['_tag']>(message: WorkerRequest & { readonly _tag: T }): Promise<ReplyOf<T>> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      if (pending) return reject(new Error('sampler worker is busy'));
      pending = { resolve: (reply) => resolve(reply as ReplyOf<T>), reject };
      worker.postMessage(message);
    });
  return {
    call,
    terminate: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
};

/**
 * A sampler whose envs live on `workers` threads (contiguous groups of near-equal size, at most one
 * thread per env); vine branch requests are split over the same threads by states. Each thread imports the env's registering module (for an env added with
 * `registerEnv`), builds its own envs of `envId`, receives the policy weights and its envs' state
 * with each request, and sends back its segment in transferable typed arrays. Throws when `envId`
 * was registered without a module (the threads could not build it).
 */
export const workerSampler = (envId: string, numEnvs: number, workers: number, options: WorkerSamplerOptions = {}): Sampler => {
  const groups = envGroups(numEnvs, workers);
  const modules = options.modules ?? modulesFor(envId);
  const threads = groups.map((g) => startWorker({ envId, numEnvs: g.count, modules }));
  return {
    numEnvs,
    workers: groups.length,
    background: true,
    sample: async (envs, request) => {
      const replies = await Promise.all(threads.map((thread, g) => thread.call({ _tag: 'segment', envs: groupEnvState(envs, groups[g]), request: groupRequest(request, groups[g]) })));
      const segment = concatSegments(
        replies.map((r) => r.segment),
        observationDim(request.policySpec),
        actionWidth(request.policySpec),
      );
      return { segment, envs: { envs: replies.flatMap((r) => r.envs.envs) } };
    },
    // the states split into contiguous groups over all threads: a state's branches do not depend on the split
    branch: async (request) => {
      const stateGroups = envGroups(request.snapshots.length, threads.length);
      const replies = await Promise.all(stateGroups.map((group, g) => threads[g].call({ _tag: 'branches', request: groupBranchRequest(request, group) })));
      return concatBranches(replies.map((r) => r.branches));
    },
    close: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
};
