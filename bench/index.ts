// npm run bench: medians of the hot paths, and the wall time of full CartPole, MinAtar and Hopper training processes.
// Prints a table; numbers are machine-dependent — quote medians and ratios from one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Rng, rngStateFromSeed } from '../src/algebra/rng.js';
import { availableParallelism } from 'node:os';
import { makeEnv } from '../src/envs/registry.js';
import { workerSampler } from '../src/streams/sampling/workerSampler.js';
import { benchBroker } from './broker.js';
import { benchConvActing } from './convActing.js';
import { benchDenseProducts } from './denseProducts.js';
import { hopperBatch } from './hopperBatch.js';
import { elapsed, median, time } from './timing.js';
import { sampleSegment } from '../src/streams/sampling/segment.js';
import { VectorEnv } from '../src/envs/vectorEnv.js';
import { selectBackend } from '../src/policies/backend.js';
import { initNetwork, plainNetworkOf } from '../src/policies/networkSpec.js';
import { logStdOffset, observationDim, policyParameterCount, policySpec } from '../src/policies/policySpec.js';
import type { PolicySpec } from '../src/policies/policySpec.js';
import { policyObjective } from '../src/policies/policyObjective.js';
import { subsampleRows, trpoUpdate } from '../src/streams/operators/trustRegionStep.js';
import { baseConfig } from '../src/config/config.js';
import * as E from 'fp-ts/lib/Either.js';
import { adamInit } from '../src/algebra/adam.js';
import { emptyStats } from '../src/algebra/runningStats.js';
import { resolveConfig } from '../src/config/presets.js';
import { networksFor } from '../src/config/networks.js';
import { minatarEnvIds } from '../src/envs/registry.js';
import { fitValueNetwork } from '../src/streams/operators/fitValue.js';
import type { Estimated, TrainingState, Updated } from '../src/streams/types.js';

const rows: [string, string][] = [];
const record = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(58)} ${value}`);
};

const backend = await selectBackend((process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'auto');
console.log(`backend: ${backend}`);

// vector env throughput: 8 CartPole envs, random actions, auto-reset
{
  const envs = new VectorEnv(Array.from({ length: 8 }, () => makeEnv('CartPole-v1')));
  envs.reset(0);
  const rng = new Rng(rngStateFromSeed(0));
  const actions = new Float32Array(8);
  const steps = 20_000;
  const ms = time(5, () => {
    for (let t = 0; t < steps / 8; t++) {
      for (let e = 0; e < 8; e++) actions[e] = rng.int(2);
      envs.step(actions);
    }
  });
  record('vector env CartPole-v1 x8 (steps/s)', (steps / (ms / 1000)).toFixed(0));
}

const sizes: { name: string; spec: PolicySpec; batch: number }[] = [
  { name: 'CartPole-size (obs 4, 2 actions, 64-64, 2k samples)', spec: policySpec({ observationDim: 4, head: 'categorical', actionSize: 2, hiddenSizes: [64, 64], activation: 'tanh' }), batch: 2000 },
  { name: 'Hopper-size (obs 11, act 3, 64-64, 25k samples)', spec: policySpec({ observationDim: 11, head: 'gaussian', actionSize: 3, hiddenSizes: [64, 64], activation: 'tanh' }), batch: 25_000 },
];

/**
 * Medians of the policy-learning kernels for `spec` on a batch of `observations` `[batch, obsDim]`:
 * the TS forward acting uses (8 observations a call), the full-batch forward, the surrogate
 * gradient, a Fisher-vector product on a 10% subsample, and the whole TRPO update.
 */
const benchPolicy = (name: string, spec: PolicySpec, batch: number, observations: Float32Array, rng: Rng) => {
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initNetwork(spec.network, { outputGain: 0.01 }, rng));
  if (spec.head === 'gaussian') params.fill(0, logStdOffset(spec));
  const obsDim = observationDim(spec);
  const actions = spec.head === 'categorical' ? Float32Array.from({ length: batch }, () => rng.int(spec.actions)) : Float32Array.from({ length: batch * spec.actionDim }, () => rng.normal());
  const advantages = Float64Array.from({ length: batch }, () => rng.normal());
  const samples = { rows: batch, observations, actions, advantages };
  const out = new Float64Array(spec.network.outputDim * 8);
  const oneObs = observations.subarray(0, 8 * obsDim);
  const forward = plainNetworkOf(spec.network).compile(params);
  const actUs = time(2000, () => forward(oneObs, 8, out)) * 1000;
  record(`${name}: TS forward, 8 observations (µs)`, actUs.toFixed(1));
  const objective = policyObjective(spec, params, samples, { fisherRows: subsampleRows(batch, Math.ceil(batch / 10), rng) });
  // a gradient from scratch (new parameters: forward + backward), the unit of the update/gradient ratio
  const other = Float32Array.from(params);
  const gradMs = time(7, () => void objective.gradient(other));
  const fwdMs = time(7, () => void objective.evaluate(params));
  const v = Float64Array.from(params, () => rng.normal());
  const fvpMs = time(7, () => void objective.fisherVectorProduct(v));
  objective.dispose();
  record(`${name}: forward + KL + surrogate, full batch (ms)`, fwdMs.toFixed(1));
  record(`${name}: surrogate gradient (ms)`, gradMs.toFixed(1));
  record(`${name}: FVP on a 10% subsample (ms)`, fvpMs.toFixed(2));
  const stage = {
    state: { policySpec: spec, policyParams: params } as unknown as TrainingState,
    streams: { sampling: rngStateFromSeed(1), fisher: rngStateFromSeed(2), value: rngStateFromSeed(3) },
    batch: { rows: batch, observations, actions },
    estimates: { advantages },
  } as unknown as Estimated;
  let steps = 0;
  const updateMs = time(5, () => {
    steps = trpoUpdate(stage, baseConfig.trpo).lineSearchSteps;
  });
  record(`${name}: full TRPO update, 10 CG + line search (ms)`, `${updateMs.toFixed(1)} (${steps} line-search steps)`);
  record(`${name}: update / gradient`, (updateMs / gradMs).toFixed(2));
  record(`${name}: tensors alive after`, String(tf.memory().numTensors));
  return { params, actUs };
};

for (const { name, spec, batch } of sizes) {
  const rng = new Rng(rngStateFromSeed(1));
  const observations = Float32Array.from({ length: batch * observationDim(spec) }, () => rng.normal());
  benchPolicy(name, spec, batch, observations, rng);
}

// MuJoCo: raw env stepping vs the full sampling path (policy forward, normalization, bookkeeping),
// and sampling on 1 vs N worker threads. Hopper-v5, 8 envs, the default policy size (64-64).
{
  const numEnvs = 8, stepsPerEnv = 512;
  const { envs, request, state } = await hopperBatch(numEnvs, stepsPerEnv);
  // the raw loop replays the very actions the sampling path takes from the same state, so both
  // run identical physics (contacts, falls, resets); the two alternate, so a change in the
  // machine's speed hits both, and the ratio is the median of the pairs' ratios
  const sample = () => {
    envs.restore(state);
    return sampleSegment(envs, request);
  };
  const recorded = sample().actions;
  const stepWidth = numEnvs * 3;
  const raw = () => {
    envs.restore(state);
    for (let t = 0; t < stepsPerEnv; t++) envs.step(recorded.subarray(t * stepWidth, (t + 1) * stepWidth));
  };
  raw();
  const rawTimes: number[] = [], sampleTimes: number[] = [], ratios: number[] = [];
  for (let i = 0; i < 7; i++) {
    const r = elapsed(raw), s = elapsed(sample);
    rawTimes.push(r);
    sampleTimes.push(s);
    ratios.push(r / s);
  }
  const rawRate = (numEnvs * stepsPerEnv) / (median(rawTimes) / 1000);
  const sampleRate = (numEnvs * stepsPerEnv) / (median(sampleTimes) / 1000);
  record('Hopper-v5 x8, env.step replaying the sampled actions (steps/s)', rawRate.toFixed(0));
  record('Hopper-v5 x8, sampling path with policy, 1 thread (steps/s)', sampleRate.toFixed(0));
  record('  sampling path / raw env.step (median of 7 alternating pairs)', median(ratios).toFixed(3));
  for (const workers of [2, availableParallelism()].filter((w, i, a) => w > 1 && a.indexOf(w) === i)) {
    const pool = workerSampler('Hopper-v5', numEnvs, workers);
    await pool.sample(state, request); // start-up
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await pool.sample(state, request);
      samples.push(performance.now() - t);
    }
    await pool.close();
    const rate = (numEnvs * stepsPerEnv) / (median(samples) / 1000);
    record(`Hopper-v5 x8, sampling on ${workers} worker threads (steps/s)`, `${rate.toFixed(0)} (${(rate / sampleRate).toFixed(2)}x 1 thread)`);
  }
  envs.close();
}

// MinAtar (issue 12): game steps/s of each game (8 envs, random actions, auto-reset); then on
// 10240 Breakout frames (random actions) the preset's conv policy: acting per observation (TS
// forward over 8 envs; TS against tfjs at 2 to 16 observations a call), gradient, FVP, full
// update, and the value fit.
{
  for (const id of minatarEnvIds.filter((g) => g.endsWith('-v1'))) {
    const envs = new VectorEnv(Array.from({ length: 8 }, () => makeEnv(id)));
    envs.reset(0);
    const rng = new Rng(rngStateFromSeed(0));
    const n = envs.actionSpace._tag === 'Discrete' ? envs.actionSpace.n : 1;
    const actions = new Float32Array(8);
    const steps = 40_000;
    const ms = time(3, () => {
      for (let t = 0; t < steps / 8; t++) {
        for (let e = 0; e < 8; e++) actions[e] = rng.int(n);
        envs.step(actions);
      }
    });
    record(`${id} x8, random actions (steps/s)`, (steps / (ms / 1000)).toFixed(0));
  }
  const id = 'MinAtar/Breakout-v1', batch = 10_240;
  const config = resolveConfig({ env: id });
  if (E.isLeft(config)) throw new Error(`bench: ${JSON.stringify(config.left)}`);
  const envs = new VectorEnv(Array.from({ length: 8 }, () => makeEnv(id)));
  const rng = new Rng(rngStateFromSeed(6));
  const observations = new Float32Array(batch * envs.obsDim);
  observations.set(envs.reset(0));
  const actions = new Float32Array(8);
  for (let t = 1; t < batch / 8; t++) {
    for (let e = 0; e < 8; e++) actions[e] = rng.int(3);
    observations.set(envs.step(actions).observations, t * 8 * envs.obsDim);
  }
  const { policy: spec, value: valueSpec } = networksFor(config.right, envs);
  const name = `${id} conv policy (${batch} frames)`;
  const { params, actUs } = benchPolicy(name, spec, batch, observations, rng);
  record(`${name}: TS forward per observation, batched over 8 envs (µs)`, (actUs / 8).toFixed(1));
  // the TS forward acts in runs: per call a sampling worker has 8 envs / workers observations (4 by default), where tfjs's per-call cost dominates
  benchConvActing(record, name, spec, params, observations, 2048);
  // the learner's products: the backward ones go through explicit transposes, which this shows why
  benchDenseProducts(record);
  const valueParams = initNetwork(valueSpec, { outputGain: 1 }, rng);
  const returns = Float64Array.from({ length: batch }, () => rng.normal());
  const valueStage = {
    state: { valueSpec, valueParams, valueOptimizer: adamInit(valueParams.length), valueTargetStats: emptyStats(1) },
    batch: { rows: batch, observations },
    estimates: { returns, values: new Float64Array(batch) },
    streams: { value: rngStateFromSeed(7) },
  } as unknown as Updated;
  const { epochs, minibatchSize } = config.right.value;
  const fitMs = time(3, () => void fitValueNetwork(valueStage, config.right.value));
  record(`${name}: value fit, ${epochs} epochs x ${minibatchSize} (ms)`, fitMs.toFixed(0));
  envs.close();
}

// whole process: trpo train --env MinAtar/Breakout-v1 --steps 40960 (default preset and workers)
{
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'trpo-bench-')), 'run');
  const steps = 40_960;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'train', '--env', 'MinAtar/Breakout-v1', '--steps', String(steps), '--out', out], { encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) console.error(r.stderr);
  record(`trpo train --env MinAtar/Breakout-v1 --steps ${steps}, whole process (frames/s)`, `${(steps / seconds).toFixed(0)} (${seconds.toFixed(1)} s; 5M frames in ${((5e6 / (steps / seconds)) / 3600).toFixed(2)} h)`);
}

// distributed sampling: in-process vs 1, 2, 4 worker processes through Redis; skip with BENCH_SKIP_BROKER=1
if (!process.env.BENCH_SKIP_BROKER) await benchBroker(record);

// whole process: trpo train --env CartPole-v1 --steps 100000
{
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'trpo-bench-')), 'run');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'train', '--env', 'CartPole-v1', '--steps', '100000', '--out', out], { encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) console.error(r.stderr);
  record('trpo train --env CartPole-v1 --steps 100000, whole process (s)', seconds.toFixed(2));
  const e = spawnSync(process.execPath, ['dist/cli/main.js', 'eval', '--run', out, '--episodes', '10'], { encoding: 'utf8' });
  record('  deterministic eval of that run, 10 episodes', e.stdout.trim().split('\n').pop() ?? e.stderr);
}

// whole process: trpo train --env Hopper-v5 (default preset, 1M steps, default workers); skip with BENCH_SKIP_HOPPER=1
if (!process.env.BENCH_SKIP_HOPPER) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'trpo-bench-')), 'run');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'train', '--env', 'Hopper-v5', '--out', out], { encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) console.error(r.stderr);
  record('trpo train --env Hopper-v5 (1M steps), whole process (s)', seconds.toFixed(1));
  const e = spawnSync(process.execPath, ['dist/cli/main.js', 'eval', '--run', out, '--episodes', '10'], { encoding: 'utf8' });
  record('  deterministic eval of that run, 10 episodes', e.stdout.trim().split('\n').pop() ?? e.stderr);
}
