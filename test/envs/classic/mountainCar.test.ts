import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { classicEnv } from '../../../src/envs/classic/classicEnv.js';
import { MOUNTAIN_CAR, mountainCar } from '../../../src/envs/classic/mountainCar.js';
import { loadRecording, replay } from './referenceEpisodes.js';

// Source: Gymnasium 1.4.0 gymnasium/envs/classic_control/mountain_car.py (MountainCarEnv.__init__,
// goal_velocity=0; reset draws uniform(-0.6, -0.4)) and envs/__init__.py (MountainCar-v0, max_episode_steps=200).
test('constants, spaces and time limit are Gymnasium MountainCar-v0', () => {
  const { minPosition, maxPosition, maxSpeed, goalPosition, goalVelocity, force, gravity, resetLow, resetHigh } = MOUNTAIN_CAR;
  assert.equal([minPosition, maxPosition, maxSpeed, goalPosition, goalVelocity, force, gravity, resetLow, resetHigh], [-1.2, 0.6, 0.07, 0.5, 0, 0.001, 0.0025, -0.6, -0.4]);
  assert.is(mountainCar.maxEpisodeSteps, 200);
  assert.equal(mountainCar.actionSpace, { _tag: 'Discrete', n: 3, start: 0 });
  assert.equal(Array.from(mountainCar.observationSpace.low), [-1.2000000476837158, -0.07000000029802322]);
  assert.equal(Array.from(mountainCar.observationSpace.high), [0.6000000238418579, 0.07000000029802322]);
});

const rec = loadRecording('MountainCar-v0');
// the recorded episodes live outside the repository: skip when they are absent
(rec ? test : test.skip)('reset(seed) reproduces the recorded initial state bit for bit, and the episode replays', () => {
  if (!rec) return;
  for (const ep of rec.episodes) {
    const env = classicEnv(mountainCar);
    const obs = env.reset(ep.seed);
    assert.equal(Array.from(env.getState()), ep.initial_state);
    assert.equal(Array.from(obs), ep.initial_obs);
    assert.ok(replay(classicEnv(mountainCar), ep, 'anchored') <= 1e-12);
    assert.ok(replay(classicEnv(mountainCar), ep, 'chained') <= 1e-10);
  }
});

test('initial position in [−0.6, −0.4), velocity 0', () => {
  const env = classicEnv(mountainCar);
  fc.assert(
    fc.property(fc.nat({ max: 1e9 }), (seed) => {
      env.reset(seed);
      const [x, v] = env.getState();
      assert.ok(x >= -0.6 && x < -0.4 && v === 0);
    }),
    { seed: 3 },
  );
});

test('corners: speed clipped to ±0.07, the left wall stops the car, the goal terminates', () => {
  const next = new Float64Array(2);
  mountainCar.transition(Float64Array.of(-0.5, 0.0699), 2, next);
  assert.is(next[1], 0.07);
  assert.is(mountainCar.transition(Float64Array.of(-1.19, -0.05), 0, next), false);
  assert.equal(Array.from(next), [-1.2, 0]);
  assert.is(mountainCar.transition(Float64Array.of(0.49, 0.02), 1, next), true);
  assert.is(mountainCar.transition(Float64Array.of(0.55, -0.02), 1, next), false, 'moving back left at the goal does not count');
});

test('reward −1 every step; truncated at 200 when the car never arrives', () => {
  const env = classicEnv(mountainCar);
  env.reset(0);
  let steps = 0, last = { reward: 0, terminated: false, truncated: false };
  while (!last.truncated) {
    last = env.step(1);
    assert.is(last.reward, -1);
    steps++;
  }
  assert.equal([steps, last.terminated], [200, false]);
});

test.run();
