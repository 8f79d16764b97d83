import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HALF_CHEETAH, halfCheetah, halfCheetahObservation, halfCheetahReward } from '../../../src/envs/mujoco/halfCheetah.js';
import { locomotionEnv } from '../../../src/envs/mujoco/mujocoEnv.js';
import { testRecordedReplays } from './referenceSteps.js';

// Source: Gymnasium 1.4.0 gymnasium/envs/mujoco/half_cheetah_v5.py (HalfCheetahEnv.__init__
// defaults), assets/half_cheetah.xml (Euler, timestep 0.01) and envs/__init__.py (max_episode_steps=1000).
test('defaults are Gymnasium HalfCheetah-v5', () => {
  assert.equal(HALF_CHEETAH, { frameSkip: 5, forwardRewardWeight: 1, ctrlCostWeight: 0.1, resetNoiseScale: 0.1, maxEpisodeSteps: 1000 });
  assert.equal(halfCheetah.resetNoise, { scale: 0.1, qvel: 'normal' });
  assert.not.ok(halfCheetah.terminateWhenUnhealthy);
});

test('spaces, sizes, timestep and dt', async () => {
  const env = await locomotionEnv(halfCheetah);
  assert.equal([env.nq, env.nv, env.observationSpace.shape[0], env.actionSpace.shape[0]], [9, 9, 17, 6]);
  assert.equal([env.timestep, env.dt, env.maxEpisodeSteps], [0.01, 0.05, 1000]);
  assert.equal(Array.from(env.actionSpace.low), new Array(6).fill(-1));
  assert.equal(Array.from(env.actionSpace.high), new Array(6).fill(1));
  assert.is(env.reset(0).length, 17);
  env.close();
});

test('reward by hand: forward velocity − 0.1 · Σa² (float32 cost, within 1e-7)', () => {
  assert.ok(Math.abs(halfCheetahReward(2, true, new Float32Array(6).fill(1)) - 1.4) < 1e-7);
  assert.ok(Math.abs(halfCheetahReward(-1, false, Float32Array.of(0.5, 0, 0, 0, 0, -0.5)) - -1.05) < 1e-7);
});

test('a step rewards (x after − x before) / 0.05 − control cost; an upside-down cheetah goes on', async () => {
  const env = await locomotionEnv(halfCheetah);
  env.reset(0);
  env.setState([1, 0, Math.PI, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
  const result = env.step(new Float32Array(6).fill(1));
  assert.ok(Math.abs(result.reward - ((env.getState()[0] - 1) / 0.05 - 0.6)) < 1e-7);
  assert.not.ok(result.terminated);
  env.close();
});

test('the observation leaves out x and keeps velocities unclipped', () => {
  const out = new Float32Array(17);
  halfCheetahObservation(Float64Array.of(9, 1, 2, 3, 4, 5, 6, 7, 8), Float64Array.of(50, -50, 0, 0, 0, 0, 0, 0, 0.5), out);
  assert.equal(Array.from(out), [1, 2, 3, 4, 5, 6, 7, 8, 50, -50, 0, 0, 0, 0, 0, 0, 0.5]);
});

test('truncates at 1000 steps and never terminates', async () => {
  const env = await locomotionEnv(halfCheetah);
  env.reset(3);
  const action = Float32Array.of(1, -1, 1, -1, 1, -1);
  for (let t = 1; t <= 1000; t++) {
    const r = env.step(action);
    assert.not.ok(r.terminated);
    if (r.truncated !== (t === 1000)) assert.unreachable(`truncated ${r.truncated} at step ${t}`);
  }
  env.close();
});

test('reset noise: qpos uniform within ±0.1 of the initial pose, qvel normal with scale 0.1', async () => {
  const env = await locomotionEnv(halfCheetah);
  let sum = 0, sumSq = 0, n = 0, beyond = 0;
  for (let seed = 0; seed < 200; seed++) {
    env.reset(seed);
    const state = env.getState();
    for (let i = 0; i < 9; i++) assert.ok(Math.abs(state[i]) <= 0.1, `qpos[${i}] = ${state[i]}`);
    for (let i = 9; i < 18; i++) {
      sum += state[i];
      sumSq += state[i] ** 2;
      if (Math.abs(state[i]) > 0.1) beyond++;
      n++;
    }
  }
  const mean = sum / n, sd = Math.sqrt(sumSq / n - mean ** 2);
  assert.ok(Math.abs(mean) < 0.01 && Math.abs(sd - 0.1) < 0.01, `mean ${mean}, sd ${sd}`);
  assert.ok(beyond > 0, 'normal noise reaches past one scale');
  env.close();
});

testRecordedReplays(test, halfCheetah, { nq: 9, nv: 9, nu: 6, observationSize: 17, timestep: 0.01, frameSkip: 5, dt: 0.05, integrator: 'Euler' });

test.run();
