import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Env } from '../../src/envs/env.js';
import { InvalidValueError } from '../../src/envs/env.js';
import { makeEnv } from '../../src/envs/registry.js';
import { VectorEnv } from '../../src/envs/vectorEnv.js';

const cartPoles = (n: number) => VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), n);
/** The same env without the in-place fast path: VectorEnv must fall back to Env.step. */
const plain = (env: Env): Env => ({
  id: env.id,
  observationSpace: env.observationSpace,
  actionSpace: env.actionSpace,
  maxEpisodeSteps: env.maxEpisodeSteps,
  reset: (seed) => env.reset(seed),
  step: (action) => env.step(action),
  getState: () => env.getState(),
  setState: (s) => env.setState(s),
  snapshot: () => env.snapshot(),
  restore: (s) => env.restore(s),
  close: () => env.close(),
});

test('reset seeds env i with seed + i, as Gymnasium vector envs do; rows are row-major', () => {
  const vec = cartPoles(3);
  assert.equal([vec.num, vec.obsDim, vec.actDim, vec.id], [3, 4, 1, 'CartPole-v1']);
  const obs = vec.reset(10);
  assert.is(obs.length, 12);
  for (let i = 0; i < 3; i++) assert.equal(Array.from(obs.subarray(4 * i, 4 * i + 4)), Array.from(makeEnv('CartPole-v1').reset(10 + i)));
});

test('auto-reset in the same step keeps the final observation of each finished episode', () => {
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
      // the row is the first observation of the next episode: the env's generator continues
      assert.equal(Array.from(r.observations.subarray(0, 4)), Array.from(single.reset()));
    } else {
      assert.is(r.finalObservations[0], null);
      assert.equal(Array.from(r.observations.subarray(0, 4)), Array.from(s.observation));
    }
  }
  assert.ok(finished, 'pushing right always should end an episode');
});

test('a time limit shows as truncated, not terminated, with a final observation (Box actions)', () => {
  const vec = new VectorEnv([makeEnv('Pendulum-v1')]);
  vec.reset(0);
  for (let t = 0; t < 199; t++) assert.is(vec.step([0]).truncated[0], 0);
  const last = vec.step([0]);
  assert.equal([last.truncated[0], last.terminated[0]], [1, 0]);
  assert.ok(last.finalObservations[0]);
  assert.equal(vec.elapsedSteps(), [0]);
});

test('the in-place path and the Env.step fallback agree, for Discrete and Box actions', () => {
  for (const id of ['CartPole-v1', 'MountainCarContinuous-v0', 'Acrobot-v1'] as const) {
    const fast = VectorEnv.ofCopies(() => makeEnv(id), 3);
    const slow = VectorEnv.ofCopies(() => plain(makeEnv(id)), 3);
    const n = fast.actionSpace._tag === 'Discrete' ? fast.actionSpace.n : 0;
    assert.equal(Array.from(fast.reset(4)), Array.from(slow.reset(4)));
    for (let t = 0; t < 600; t++) {
      const actions = Float32Array.from({ length: 3 }, (_, i) => (id === 'MountainCarContinuous-v0' ? Math.sin(t + i) : (t * 7 + i * 3) % n));
      const a = fast.step(actions), b = slow.step(actions);
      assert.equal(Array.from(a.observations), Array.from(b.observations));
      assert.equal([Array.from(a.rewards), Array.from(a.terminated), Array.from(a.truncated)], [Array.from(b.rewards), Array.from(b.terminated), Array.from(b.truncated)]);
      assert.equal(a.finalObservations.map((o) => o && Array.from(o)), b.finalObservations.map((o) => o && Array.from(o)));
    }
  }
});

test('step reuses its result buffers; final observations are fresh copies', () => {
  const vec = cartPoles(2);
  vec.reset(1);
  const a = vec.step([0, 0]);
  const observations = a.observations;
  const b = vec.step([1, 1]);
  assert.is(b.observations, observations);
  let final: Float32Array | null = null;
  for (let t = 0; t < 100 && !final; t++) final = vec.step([1, 1]).finalObservations[0];
  assert.ok(final && final.buffer !== observations.buffer);
});

test('snapshot/restore continues exactly, episode counters and generators included (plain data)', () => {
  fc.assert(
    fc.property(fc.nat({ max: 1e5 }), fc.nat({ max: 80 }), (seed, warm) => {
      const vec = cartPoles(2);
      vec.reset(seed);
      for (let t = 0; t < warm; t++) vec.step([t % 2, (t + 1) % 2]);
      const snap = structuredClone(vec.snapshot());
      const run = (v: VectorEnv) => Array.from({ length: 120 }, (_, t) => [...Array.from(v.step([t % 3 === 0 ? 1 : 0, 1]).observations)]);
      const a = run(vec);
      const other = cartPoles(2);
      other.restore(snap);
      assert.equal(run(other), a);
    }),
    { seed: 21, numRuns: 20 },
  );
});

test('getStates/setStates/elapsedSteps expose each env; setStates keeps the counters', () => {
  const vec = cartPoles(2);
  vec.reset(0);
  vec.step([0, 1]);
  vec.step([0, 1]);
  const states = vec.getStates();
  assert.equal(states.map((s) => s.length), [4, 4]);
  assert.equal(vec.elapsedSteps(), [2, 2]);
  const next = Array.from(vec.step([1, 1]).observations);
  vec.setStates(states);
  assert.equal(vec.elapsedSteps(), [3, 3]);
  assert.equal(Array.from(vec.step([1, 1]).observations), next);
  assert.throws(() => vec.setStates([states[0]]), /1 states for 2 envs/);
});

test('bad shapes and bad actions are refused', () => {
  const vec = cartPoles(2);
  vec.reset(0);
  assert.throws(() => vec.step([1]), /1 action values, want 2/);
  assert.throws(() => vec.step([1, 2]), /CartPole-v1: action must be an integer in \[0, 1\], got 2/);
  assert.throws(() => new VectorEnv([makeEnv('CartPole-v1'), makeEnv('Acrobot-v1')]), /share one id/);
  assert.throws(() => VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), 0), /positive integer/);
  const pend = VectorEnv.ofCopies(() => makeEnv('Pendulum-v1'), 2);
  pend.reset(0);
  assert.throws(() => pend.step([0, NaN]), (e: unknown) => e instanceof InvalidValueError && e.envId === 'Pendulum-v1');
});

test.run();
