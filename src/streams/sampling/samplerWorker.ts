/**
 * Entry point of a sampler worker thread: imports the modules that register its env (if any),
 * builds its envs, then answers each request with the segment its envs sampled, or with the vine
 * branches of the states it was sent (typed arrays transferred, not copied).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeEnvAsync } from '../../envs/registry.js';
import type { Env } from '../../envs/env.js';
import { VectorEnv } from '../../envs/vectorEnv.js';
import { branchBuffers, sampleBranches } from './branches.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './workerSampler.js';
import { sampleSegment, segmentBuffers } from './segment.js';

const port = parentPort;
if (!port) throw new Error('samplerWorker must run on a worker thread');
const setup = workerData as WorkerSetup;
for (const module of setup.modules) await import(module);
const envs = new VectorEnv(await Promise.all(Array.from({ length: setup.numEnvs }, () => makeEnvAsync(setup.envId))));

// vine branches run on one more env, made at the first branch request
let branchEnv: Env | null = null;

port.on('message', async (message: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (message._tag === 'branches') {
      branchEnv ??= await makeEnvAsync(setup.envId);
      const branches = sampleBranches(branchEnv, message.request);
      reply = { ok: true, _tag: 'branches', branches };
      port.postMessage(reply, branchBuffers(branches));
      return;
    }
    envs.restore(message.envs);
    const segment = sampleSegment(envs, message.request);
    reply = { ok: true, _tag: 'segment', segment, envs: envs.snapshot() };
    port.postMessage(reply, segmentBuffers(segment));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { ok: false, name: e.name, message: e.message };
    port.postMessage(reply);
  }
});
