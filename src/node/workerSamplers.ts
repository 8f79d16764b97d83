/**
 * Sampling on worker threads for `train`/`trainEvents` (Node only).
 *
 * @module
 */
import { inProcessSampler } from '../streams/sampling/sampler.js';
import { workerSampler } from '../streams/sampling/workerSampler.js';
import type { SamplerFactory } from '../streams/train.js';

/**
 * A sampler factory for `train`/`trainEvents`: the run's envs stepped on `workers` threads (at
 * most one per env); 1 samples in this thread. The batch is the same for any number of workers,
 * vine branches included (they are split over the same threads).
 *
 * @example
 * import { workerSamplers } from 'trpo-streams/node';
 * train(config, { sampler: workerSamplers(2) }).subscribe(console.log);
 */
export const workerSamplers =
  (workers: number): SamplerFactory =>
  ({ config, envs, makeEnv }) => {
    const threads = Math.min(workers, config.numEnvs);
    if (threads <= 1) return inProcessSampler(envs, { makeEnv });
    envs.close();
    return workerSampler(config.env, config.numEnvs, threads);
  };
