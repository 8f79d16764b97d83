/**
 * trpo-streams/node: the parts of the public API that need Node (files, worker threads); the
 * package root stays browser-safe.
 */
export { loadPolicy, readSavedPolicy } from './loadPolicy.js';
export { workerSamplers } from './workerSamplers.js';
export { SamplerWorkerError, workerSampler } from '../streams/sampling/workerSampler.js';
export type { WorkerSamplerOptions } from '../streams/sampling/workerSampler.js';
