/**
 * Entry point of a sampler worker thread: imports the modules that register its env (if any),
 * builds its envs, then answers each request with the segment its envs sampled (typed arrays
 * transferred, not copied).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeEnvAsync } from '../../envs/registry.js';
import { VectorEnv } from '../../envs/vectorEnv.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './workerSampler.js';
import { sampleSegment, segmentBuffers } from './segment.js';

const port = parentPort;
if (!port) throw new Error('samplerWorker must run on a worker thread');
const setup = workerData as WorkerSetup;
for (const module of setup.modules) await import(module);
const envs = new VectorEnv(await Promise.all(Array.from({ length: setup.numEnvs }, () => makeEnvAsync(setup.envId))));

port.on('message', ({ envs: state, request }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    envs.restore(state);
    const segment = sampleSegment(envs, request);
    reply = { ok: true, segment, envs: envs.snapshot() };
    port.postMessage(reply, segmentBuffers(segment));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { ok: false, name: e.name, message: e.message };
    port.postMessage(reply);
  }
});
