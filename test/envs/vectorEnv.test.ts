import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeEnv } from '../../src/envs/registry.js';
import { VectorEnv } from '../../src/envs/vectorEnv.js';

const cartPoles = (n: number) => new VectorEnv(Array.from({ length: n }, () => makeEnv('CartPole-v1')));

test('reset seeds env i with seed + i, as Gymnasium vector envs do', () => {
  const vec = cartPoles(3);
  const obs = vec.reset(10);
  for (let i = 0; i < 3; i++) assert.equal(Array.from(obs.subarray(4 * i, 4 * i + 4)), Array.from(makeEnv('CartPole-v1').reset(10 + i)));
});

test('auto-reset keeps the final observation of each finished episode', () => {
  const vec = cartPoles(2);
  vec.reset(0);
  const single = makeEnv('CartPole-v1');
  single.reset(0);
  let finished = false;
  for (let t = 0; t < 200 && !finished; t++) {
    const r = vec.step([1, 0]);
    const s = single.step(1);
    if (s.terminated) {
      finished = true;
      assert.is(r.terminated[0], 1);
      assert.equal(Array.from(r.finalObservations[0] as Float32Array), Array.from(s.observation));
      // the returned row is the first observation of the next episode, not the final one
      assert.not.equal(Array.from(r.observations.subarray(0, 4)), Array.from(s.observation));
    } else {
      assert.is(r.finalObservations[0], null);
      assert.equal(Array.from(r.observations.subarray(0, 4)), Array.from(s.observation));
    }
  }
  assert.ok(finished, 'pushing right always should end an episode');
});

test('a time limit shows as truncated, not terminated', () => {
  const vec = new VectorEnv([makeEnv('Pendulum-v1')]);
  vec.reset(0);
  for (let t = 0; t < 199; t++) assert.is(vec.step([0]).truncated[0], 0);
  const last = vec.step([0]);
  assert.equal([last.truncated[0], last.terminated[0]], [1, 0]);
  assert.ok(last.finalObservations[0]);
});

test('snapshot/restore continues exactly, episode counters and generators included', () => {
  const vec = cartPoles(2);
  vec.reset(3);
  for (let t = 0; t < 30; t++) vec.step([t % 2, (t + 1) % 2]);
  const snap = vec.snapshot();
  const run = () => Array.from({ length: 60 }, (_, t) => Array.from(vec.step([1, 1]).observations)).flat();
  const a = run();
  vec.restore(snap);
  assert.equal(run(), a);
});

test('bad shapes are refused', () => {
  const vec = cartPoles(2);
  vec.reset(0);
  assert.throws(() => vec.step([1]), /1 action values, want 2/);
  assert.throws(() => new VectorEnv([makeEnv('CartPole-v1'), makeEnv('Acrobot-v1')]), /share one id/);
});

test.run();
