import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOPPER, hopper, hopperObservation, hopperReward, isHopperHealthy } from '../../../src/envs/mujoco/hopper.js';
import { locomotionEnv } from '../../../src/envs/mujoco/mujocoEnv.js';
import { testRecordedReplays } from './referenceSteps.js';

// Source: Gymnasium 1.4.0 gymnasium/envs/mujoco/hopper_v5.py (HopperEnv.__init__ defaults),
// assets/hopper.xml (RK4, timestep 0.002) and envs/__init__.py (Hopper-v5, max_episode_steps=1000).
test('defaults are Gymnasium Hopper-v5', () => {
  assert.equal(HOPPER, {
    frameSkip: 4,
    forwardRewardWeight: 1,
    ctrlCostWeight: 1e-3,
    healthyReward: 1,
    terminateWhenUnhealthy: true,
    healthyStateRange: [-100, 100],
    healthyZRange: [0.7, Infinity],
    healthyAngleRange: [-0.2, 0.2],
    resetNoiseScale: 5e-3,
    velocityClip: 10,
    maxEpisodeSteps: 1000,
  });
  assert.equal(hopper.resetNoise, { scale: 5e-3, qvel: 'uniform' });
});

test('spaces, sizes, timestep and dt', async () => {
  const env = await locomotionEnv(hopper);
  assert.equal([env.nq, env.nv, env.observationSpace.shape[0], env.actionSpace.shape[0]], [6, 6, 11, 3]);
  assert.equal([env.timestep, env.dt, env.maxEpisodeSteps], [0.002, 0.008, 1000]);
  assert.equal(Array.from(env.actionSpace.low), [-1, -1, -1]);
  assert.equal(Array.from(env.actionSpace.high), [1, 1, 1]);
  assert.ok(Array.from(env.observationSpace.high).every((h) => h === Infinity));
  assert.is(env.reset(0).length, 11);
  env.close();
});

test('reward by hand: forward velocity + healthy reward − 1e-3 · Σa²', () => {
  const action = Float32Array.of(0.5, -0.5, 0.25); // Σa² = 0.5625
  assert.ok(Math.abs(hopperReward(0.5, true, action) - (0.5 + 1 - 0.0005625)) < 1e-10);
  assert.ok(Math.abs(hopperReward(0.5, false, action) - (0.5 - 0.0005625)) < 1e-10);
  assert.ok(Math.abs(hopperReward(-2, true, new Float32Array(3)) - -1) < 1e-15);
});

test('a step rewards (x after − x before) / 0.008 + 1 − control cost', async () => {
  const env = await locomotionEnv(hopper);
  env.reset(0);
  env.setState([0.3, 1.25, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0]);
  const result = env.step(Float32Array.of(0.5, -0.5, 0.25));
  const xAfter = env.getState()[0];
  assert.ok(Math.abs(result.reward - ((xAfter - 0.3) / 0.008 + 1 - 0.0005625)) < 1e-9, `${result.reward}`);
  assert.ok(xAfter > 0.3, 'moving forward at 0.5 m/s');
  assert.not.ok(result.terminated);
  env.close();
});

test('health: z in (0.7, ∞), pitch in (−0.2, 0.2), state_vector()[2:] in (−100, 100)', () => {
  const qvel = new Float64Array(6);
  const at = (z: number, pitch: number, joint = 0) => Float64Array.of(123, z, pitch, joint, 0, 0);
  assert.ok(isHopperHealthy(at(1.25, 0), qvel));
  assert.not.ok(isHopperHealthy(at(0.7, 0), qvel), 'the bounds are strict');
  assert.ok(isHopperHealthy(at(0.70001, 0), qvel));
  assert.ok(isHopperHealthy(at(1e6, 0), qvel), 'no upper bound on z');
  assert.not.ok(isHopperHealthy(at(1.25, 0.2), qvel));
  assert.not.ok(isHopperHealthy(at(1.25, -0.2), qvel));
  assert.ok(isHopperHealthy(at(1.25, 0.19), qvel));
  assert.not.ok(isHopperHealthy(at(1.25, 0, 100), qvel), 'a joint angle counts');
  assert.ok(isHopperHealthy(Float64Array.of(1e9, 1.25, 0, 0, 0, 0), qvel), 'x is not part of state_vector()[2:]');
  assert.not.ok(isHopperHealthy(at(1.25, 0), Float64Array.of(100, 0, 0, 0, 0, 0)), 'the x velocity counts');
  assert.not.ok(isHopperHealthy(at(1.25, 0), Float64Array.of(0, 0, 0, 0, 0, -100)));
  assert.not.ok(isHopperHealthy(at(NaN, 0), qvel));
});

test('an unhealthy state terminates the episode (torso low, or tilted)', async () => {
  const env = await locomotionEnv(hopper);
  env.reset(0);
  env.setState([0, 0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const low = env.step(new Float32Array(3));
  assert.ok(low.terminated && !low.truncated);
  assert.ok(Math.abs(low.reward - (env.getState()[0] / 0.008 + 0)) < 1e-9, 'no healthy reward');
  env.setState([0, 1.25, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.ok(env.step(new Float32Array(3)).terminated);
  env.close();
});

test('the observation leaves out x and clips velocities to ±10', () => {
  const out = new Float32Array(11);
  hopperObservation(Float64Array.of(5, 1.2, 0.1, -0.2, -0.3, 0.4), Float64Array.of(50, -50, 3, 10.5, -9.5, 0), out);
  assert.equal(Array.from(out), [1.2, 0.1, -0.2, -0.3, 0.4, 10, -10, 3, 10, -9.5, 0].map(Math.fround));
});

test('reset noise: qpos and qvel within ±5e-3 of the initial pose (z = 1.25)', async () => {
  const env = await locomotionEnv(hopper);
  for (let seed = 0; seed < 20; seed++) {
    env.reset(seed);
    const state = env.getState();
    const init = [0, 1.25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert.ok(state.every((v, i) => Math.abs(v - init[i]) <= 5e-3), `seed ${seed}: ${state}`);
  }
  env.close();
});

testRecordedReplays(test, hopper, { nq: 6, nv: 6, nu: 3, observationSize: 11, timestep: 0.002, frameSkip: 4, dt: 0.008, integrator: 'RK4' });

test.run();
