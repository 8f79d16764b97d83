/**
 * Samplers: who steps the envs of a training run. In this thread ({@link inProcessSampler}, here)
 * or on worker threads that each own a group of the envs (`workerSampler`, from
 * `trpo-streams/node`). Both give the same segment for the same request, whatever the number of
 * workers.
 *
 * @module
 */
import type { Env } from '../../envs/env.js';
import type { EnvFactory } from '../../envs/registry.js';
import { makeEnvAsync } from '../../envs/registry.js';
import type { VectorEnv, VectorEnvState } from '../../envs/vectorEnv.js';
import type { BranchRequest, BranchSegment } from './branches.js';
import { sampleBranches } from './branches.js';
import type { RolloutSet } from '../types.js';
import type { Segment, SegmentRequest } from './segment.js';
import { sampleSegment } from './segment.js';

/** A segment over all envs and the envs' state after it (and, under vine sampling, the rollout set). */
export interface SampledSegment {
  readonly segment: Segment;
  readonly envs: VectorEnvState;
  readonly rolloutSet?: RolloutSet;
}

/** Steps a run's envs from a given state for one iteration. */
export interface Sampler {
  /** Number of envs it steps. */
  readonly numEnvs: number;
  /** Threads the envs are stepped on (1 for in-process sampling). */
  readonly workers: number;
  /** Sampling runs off this thread, so the training loop may sample the next batch ahead. */
  readonly background: boolean;
  /** Samples `request` starting from env state `envs`. */
  sample(envs: VectorEnvState, request: SegmentRequest): Promise<SampledSegment>;
  /** Rolls out vine branches from the states of `request` (on envs of its own: the run's envs are left as they are). */
  branch(request: BranchRequest): Promise<BranchSegment>;
  /** Releases the envs (and threads). */
  close(): Promise<void>;
}

/** Options of {@link inProcessSampler}. */
export interface InProcessSamplerOptions {
  /** Makes the env vine branches are rolled out on (default: the registered factory of the envs' id). */
  readonly makeEnv?: EnvFactory;
}

/**
 * A sampler over envs owned by this thread; restores `envs` only when it differs from the last
 * state it produced. Vine branches run on one more env of the same id, made at the first request.
 *
 * @example
 * const sampler = inProcessSampler(await makeVectorEnv(config));
 */
export const inProcessSampler = (vectorEnv: VectorEnv, options: InProcessSamplerOptions = {}): Sampler => {
  let last: VectorEnvState | null = null;
  let branchEnv: Promise<Env> | null = null;
  return {
    numEnvs: vectorEnv.num,
    workers: 1,
    background: false,
    sample: async (envs, request) => {
      if (envs !== last) vectorEnv.restore(envs);
      const segment = sampleSegment(vectorEnv, request);
      last = vectorEnv.snapshot();
      return { segment, envs: last };
    },
    branch: async (request) => {
      branchEnv ??= Promise.resolve((options.makeEnv ?? (() => makeEnvAsync(vectorEnv.id)))());
      return sampleBranches(await branchEnv, request);
    },
    close: async () => {
      vectorEnv.close();
      await branchEnv?.then((env) => env.close(), () => undefined);
    },
  };
};

