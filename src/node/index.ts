/**
 * trpo-streams/node: the parts of the public API that need Node (files, worker threads, the Redis broker); the
 * package root stays browser-safe.
 */
export { loadPolicy, readSavedPolicy } from './loadPolicy.js';
export { workerSamplers } from './workerSamplers.js';
export { brokerSampler, brokerSamplers } from './brokerSampler.js';
export type { BrokerSampler, BrokerSamplerOptions } from './brokerSampler.js';
export { startBrokerWorker } from './brokerWorker.js';
export type { BrokerWorker, BrokerWorkerOptions } from './brokerWorker.js';
export { brokerPasswordVariable, parseBrokerUrl, withPassword } from './brokerConnection.js';
export type { BrokerConnection } from './brokerConnection.js';
export { SamplerWorkerError, workerSampler } from '../streams/sampling/workerSampler.js';
export type { WorkerSamplerOptions } from '../streams/sampling/workerSampler.js';
