import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { locomotionEnv } from '../../../src/envs/mujoco/mujocoEnv.js';
import { WALKER2D, isWalker2dHealthy, walker2d, walker2dObservation, walker2dReward } from '../../../src/envs/mujoco/walker2d.js';
import { testRecordedReplays } from './referenceSteps.js';

// Source: Gymnasium 1.4.0 gymnasium/envs/mujoco/walker2d_v5.py (Walker2dEnv.__init__ defaults),
// assets/walker2d_v5.xml (RK4, timestep 0.002) and envs/__init__.py (Walker2d-v5, max_episode_steps=1000).
test('defaults are Gymnasium Walker2d-v5', () => {
  assert.equal(WALKER2D, {
    frameSkip: 4,
    forwardRewardWeight: 1,
    ctrlCostWeight: 1e-3,
    healthyReward: 1,
    terminateWhenUnhealthy: true,
    healthyZRange: [0.8, 2],
    healthyAngleRange: [-1, 1],
    resetNoiseScale: 5e-3,
    velocityClip: 10,
    maxEpisodeSteps: 1000,
  });
  assert.equal(walker2d.resetNoise, { scale: 5e-3, qvel: 'uniform' });
});

test('spaces, sizes, timestep and dt', async () => {
  const env = await locomotionEnv(walker2d);
  assert.equal([env.nq, env.nv, env.observationSpace.shape[0], env.actionSpace.shape[0]], [9, 9, 17, 6]);
  assert.equal([env.timestep, env.dt, env.maxEpisodeSteps], [0.002, 0.008, 1000]);
  assert.equal(Array.from(env.actionSpace.low), new Array(6).fill(-1));
  assert.equal(Array.from(env.actionSpace.high), new Array(6).fill(1));
  assert.is(env.reset(0).length, 17);
  env.close();
});

test('reward by hand: forward velocity + healthy reward − 1e-3 · Σa²', () => {
  const action = new Float32Array(6).fill(0.5); // Σa² = 1.5
  assert.ok(Math.abs(walker2dReward(1, true, action) - 1.9985) < 1e-10);
  assert.ok(Math.abs(walker2dReward(1, false, action) - 0.9985) < 1e-10);
  assert.ok(Math.abs(walker2dReward(-0.25, true, new Float32Array(6)) - 0.75) < 1e-15);
});

test('health: z in (0.8, 2) and pitch in (−1, 1), velocities ignored', () => {
  const at = (z: number, pitch: number) => Float64Array.of(0, z, pitch, 0, 0, 0, 0, 0, 0);
  assert.ok(isWalker2dHealthy(at(1.25, 0)));
  assert.not.ok(isWalker2dHealthy(at(0.8, 0)));
  assert.not.ok(isWalker2dHealthy(at(2, 0)));
  assert.ok(isWalker2dHealthy(at(1.99, 0.99)));
  assert.not.ok(isWalker2dHealthy(at(1.25, 1)));
  assert.not.ok(isWalker2dHealthy(at(1.25, -1)));
  assert.not.ok(isWalker2dHealthy(at(NaN, 0)));
});

test('an unhealthy state terminates the episode; a healthy step earns 1 + forward velocity − cost', async () => {
  const env = await locomotionEnv(walker2d);
  env.reset(0);
  env.setState([0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.ok(env.step(new Float32Array(6)).terminated);
  env.setState([0, 1.25, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const action = new Float32Array(6).fill(0.5);
  const result = env.step(action);
  assert.not.ok(result.terminated);
  assert.ok(Math.abs(result.reward - (env.getState()[0] / 0.008 + 1 - 0.0015)) < 1e-9);
  env.close();
});

test('the observation leaves out x and clips velocities to ±10', () => {
  const out = new Float32Array(17);
  const qvel = Float64Array.of(11, -12, 0, 0, 0, 0, 0, 0, 0.5);
  walker2dObservation(Float64Array.of(9, 1, 2, 3, 4, 5, 6, 7, 8), qvel, out);
  assert.equal(Array.from(out), [1, 2, 3, 4, 5, 6, 7, 8, 10, -10, 0, 0, 0, 0, 0, 0, 0.5]);
});

testRecordedReplays(test, walker2d, { nq: 9, nv: 9, nu: 6, observationSize: 17, timestep: 0.002, frameSkip: 4, dt: 0.008, integrator: 'RK4' });

test.run();
