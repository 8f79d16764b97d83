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
export { EventLog, sseText } from './dashboard/eventLog.js';
export type { EventLogOptions, LoggedEvent } from './dashboard/eventLog.js';
export { dashboardStaticRoot, isTraversal, startDashboardServer } from './dashboard/server.js';
export type { ClientInfo, DashboardServer, DashboardServerOptions } from './dashboard/server.js';
export { trainingPublisher } from './dashboard/liveDashboard.js';
export type { TrainingPublisher, TrainingPublisherOptions } from './dashboard/liveDashboard.js';
export { playEpisode } from './dashboard/playEpisode.js';
export type { PlayOptions } from './dashboard/playEpisode.js';
export type { DashboardMode } from './dashboard/page.js';
