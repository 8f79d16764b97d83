import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { locomotionEnv } from '../../../src/envs/mujoco/mujocoEnv.js';
import { SWIMMER, swimmer, swimmerObservation, swimmerReward } from '../../../src/envs/mujoco/swimmer.js';
import { testRecordedReplays } from './referenceSteps.js';

// Source: Gymnasium 1.4.0 gymnasium/envs/mujoco/swimmer_v5.py (SwimmerEnv.__init__ defaults),
// assets/swimmer.xml (RK4, timestep 0.01) and envs/__init__.py (Swimmer-v5, max_episode_steps=1000).
test('defaults are Gymnasium Swimmer-v5', () => {
  assert.equal(SWIMMER, { frameSkip: 4, forwardRewardWeight: 1, ctrlCostWeight: 1e-4, resetNoiseScale: 0.1, maxEpisodeSteps: 1000 });
  assert.equal(swimmer.resetNoise, { scale: 0.1, qvel: 'uniform' });
  assert.not.ok(swimmer.terminateWhenUnhealthy);
});

test('spaces, sizes, timestep and dt', async () => {
  const env = await locomotionEnv(swimmer);
  assert.equal([env.nq, env.nv, env.observationSpace.shape[0], env.actionSpace.shape[0]], [5, 5, 8, 2]);
  assert.equal([env.timestep, env.dt, env.maxEpisodeSteps], [0.01, 0.04, 1000]);
  assert.equal(Array.from(env.actionSpace.low), [-1, -1]);
  assert.equal(Array.from(env.actionSpace.high), [1, 1]);
  assert.is(env.reset(0).length, 8);
  env.close();
});

test('reward by hand: x velocity − 1e-4 · Σa²', () => {
  assert.ok(Math.abs(swimmerReward(0.3, true, Float32Array.of(0.5, -1)) - 0.299875) < 1e-10);
  assert.ok(Math.abs(swimmerReward(0, true, Float32Array.of(1, 1)) - -2e-4) < 1e-10);
});

test('a step rewards (x after − x before) / 0.04 − cost; moving along y alone earns nothing', async () => {
  const env = await locomotionEnv(swimmer);
  env.reset(0);
  env.setState([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  const sideways = env.step(new Float32Array(2));
  const after = env.getState();
  assert.ok(after[1] > 0.01, 'it moved along y');
  assert.ok(Math.abs(sideways.reward - after[0] / 0.04) < 1e-12);
  assert.not.ok(sideways.terminated);
  env.close();
});

test('the observation leaves out x and y and keeps velocities unclipped', () => {
  const out = new Float32Array(8);
  swimmerObservation(Float64Array.of(7, 8, 0.1, 0.2, 0.3), Float64Array.of(1, 2, 3, 40, -50), out);
  assert.equal(Array.from(out), [0.1, 0.2, 0.3, 1, 2, 3, 40, -50].map(Math.fround));
});

test('reset noise: qpos and qvel within ±0.1', async () => {
  const env = await locomotionEnv(swimmer);
  for (let seed = 0; seed < 20; seed++) {
    env.reset(seed);
    assert.ok(env.getState().every((v) => Math.abs(v) <= 0.1));
  }
  env.close();
});

testRecordedReplays(test, swimmer, { nq: 5, nv: 5, nu: 2, observationSize: 8, timestep: 0.01, frameSkip: 4, dt: 0.04, integrator: 'RK4' });

test.run();
