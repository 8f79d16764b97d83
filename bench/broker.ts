// Distributed sampling through Redis (BullMQ): Hopper-v5 batches of 8 envs × 512 steps sampled
// in-process and by 1, 2 and 4 `trpo worker` processes on this machine (a loopback redis-server
// of its own), and the broker's overhead per batch: bytes on the wire and extra milliseconds over
// in-process sampling with one worker. Run alone: npm run build && node --import tsx bench/broker.ts
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { brokerSampler } from '../src/node/brokerSampler.js';
import { sampleSegment } from '../src/streams/sampling/segment.js';
import { hopperBatch } from './hopperBatch.js';
import { password, startRedis, startWorker, stopChild } from '../test/distributed/redisServer.js';
import { median } from './timing.js';


/** Runs the broker rows, reporting each through `record`; skipped (one row saying so) without redis-server. */
export const benchBroker = async (record: (name: string, value: string) => void): Promise<void> => {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    record('broker sampling', 'skipped: no redis-server');
    return;
  }
  const numEnvs = 8, stepsPerEnv = 512, reps = 7, warmUp = 3;
  const { envs, request, state } = await hopperBatch(numEnvs, stepsPerEnv);
  const steps = numEnvs * stepsPerEnv;
  const inProcessBatch = () => {
    const t = performance.now();
    envs.restore(state);
    sampleSegment(envs, request);
    return performance.now() - t;
  };
  for (let i = 0; i < warmUp; i++) inProcessBatch();
  const rate = (ms: number) => (steps / (ms / 1000)).toFixed(0);
  const redis = await startRedis();
  const workers: ChildProcess[] = [];
  try {
    const sampler = await brokerSampler({ connection: { host: '127.0.0.1', port: redis.port, db: 0, password }, envId: 'Hopper-v5', numEnvs, tasks: 8 });
    // each batch a new policy version (as in training): the release is published and read every time
    const brokerBatch = async () => {
      const t = performance.now();
      await sampler.sample(state, { ...request, policyParams: Float32Array.from(request.policyParams) });
      return performance.now() - t;
    };
    for (const count of [1, 2, 4]) {
      while (workers.length < count) workers.push(await startWorker(redis.url));
      for (let i = 0; i < warmUp; i++) await brokerBatch(); // the workers make their envs and warm up
      sampler.report();
      // in-process and broker batches alternate, so a change in the machine's speed hits both
      const local: number[] = [], remote: number[] = [], ratios: number[] = [], extra: number[] = [];
      for (let i = 0; i < reps; i++) {
        const a = inProcessBatch(), b = await brokerBatch();
        local.push(a);
        remote.push(b);
        ratios.push(a / b);
        extra.push(b - a);
      }
      const { bytesSent, bytesReceived } = sampler.report();
      record(
        `broker: Hopper-v5 ${numEnvs}x${stepsPerEnv}, ${count} worker process${count === 1 ? '' : 'es'}, 8 tasks (steps/s)`,
        `${rate(median(remote))} vs in-process ${rate(median(local))}: ${median(ratios).toFixed(2)}x (median of ${reps} alternating pairs)`,
      );
      if (count === 1) {
        record('broker: overhead per batch over in-process, 1 worker (ms)', `${median(extra).toFixed(0)} (batch ${median(remote).toFixed(0)} vs ${median(local).toFixed(0)})`);
        record('broker: bytes per batch sent (policy + tasks) / received', `${(bytesSent / reps / 1024).toFixed(0)} KiB / ${(bytesReceived / reps / 1024).toFixed(0)} KiB`);
      }
    }
    await sampler.close();
  } finally {
    envs.close();
    for (const w of workers) await stopChild(w, 'SIGTERM');
    await redis.stop();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchBroker((name, value) => console.log(`${name.padEnd(58)} ${value}`));
