import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { InvalidValueError, UnknownEnvError } from '../../../src/envs/env.js';
import type { Env } from '../../../src/envs/env.js';
import { makeEnv } from '../../../src/envs/registry.js';

const ids = ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'Pendulum-v1', 'MountainCarContinuous-v0'] as const;
const referenceDir = '../shared/reference/env-samples/classic';
const parsePyJson = (text: string) => JSON.parse(text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '"$1"'), (_, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v));

// Gymnasium 1.x sources: classic_control/{cartpole,acrobot,mountain_car,pendulum,continuous_mountain_car}.py
// and the TimeLimit that gymnasium.make applies (max_episode_steps in envs/__init__.py).
const expected = {
  'CartPole-v1': { limit: 500, obsHigh: [4.8, Infinity, (12 * 2 * Math.PI) / 360 * 2, Infinity], action: { n: 2 } },
  'Acrobot-v1': { limit: 500, obsHigh: [1, 1, 1, 1, 4 * Math.PI, 9 * Math.PI], action: { n: 3 } },
  'MountainCar-v0': { limit: 200, obsHigh: [0.6, 0.07], action: { n: 3 } },
  'Pendulum-v1': { limit: 200, obsHigh: [1, 1, 8], action: { high: [2] } },
  'MountainCarContinuous-v0': { limit: 999, obsHigh: [0.6, 0.07], action: { high: [1] } },
} as const;

for (const id of ids) {
  test(`${id}: spaces and time limit as Gymnasium's`, () => {
    const env = makeEnv(id);
    const want = expected[id];
    assert.is(env.maxEpisodeSteps, want.limit);
    assert.equal(Array.from(env.observationSpace.high), want.obsHigh.map((x) => Math.fround(x)));
    if ('n' in want.action) assert.equal(env.actionSpace, { _tag: 'Discrete', n: want.action.n, start: 0 });
    else assert.equal(env.actionSpace._tag === 'Box' && Array.from(env.actionSpace.high), want.action.high);
  });

  test(`${id}: reset(seed) reproduces Gymnasium's initial state bit for bit; recorded steps replay`, () => {
    const file = `${referenceDir}/${id}.json`;
    if (!existsSync(file)) return; // reference data lives outside the repository
    const rec = parsePyJson(readFileSync(file, 'utf8'));
    for (const ep of rec.episodes) {
      const env = makeEnv(id);
      const obs = env.reset(ep.seed);
      assert.equal(Array.from(env.getState()), ep.initial_state);
      assert.equal(Array.from(obs), ep.initial_obs.map((x: number) => Math.fround(x)));
      for (const s of ep.steps) {
        env.setState(Float64Array.from(s.state));
        const r = env.step(typeof s.action === 'number' ? s.action : Float32Array.from(s.action));
        Array.from(r.observation).forEach((x, i) => assert.ok(Math.abs(x - s.next_obs[i]) <= 1e-6 * Math.max(1, Math.abs(s.next_obs[i]))));
        assert.ok(Math.abs(r.reward - s.reward) <= 1e-9 * Math.max(1, Math.abs(s.reward)));
        assert.is(r.terminated, s.terminated);
      }
    }
  });

  test(`${id}: a time limit truncates; setState(getState()) round-trips; same state + action, same result`, () => {
    const env = makeEnv(id);
    const a = (t: number) => (env.actionSpace._tag === 'Discrete' ? t % env.actionSpace.n : Float32Array.of(Math.sin(t)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 30 }), (seed, warm) => {
        env.reset(seed);
        for (let t = 0; t < warm; t++) if (env.step(a(t)).terminated) env.reset();
        const state = env.getState();
        const first = env.step(a(7));
        env.setState(state);
        assert.equal(Array.from(env.getState()), Array.from(state));
        const second = env.step(a(7));
        assert.equal(Array.from(first.observation), Array.from(second.observation));
        assert.is(first.reward, second.reward);
      }),
      { seed: 15, numRuns: 25 },
    );
    env.reset(0);
    let last = { terminated: false, truncated: false };
    let steps = 0;
    // Pendulum and MountainCar* never terminate under these actions within their limits
    if (id === 'Pendulum-v1' || id === 'MountainCar-v0') {
      while (!last.truncated) (last = env.step(env.actionSpace._tag === 'Discrete' ? 1 : Float32Array.of(0))), steps++;
      assert.is(steps, expected[id].limit);
    }
  });
}

test('non-finite actions and malformed discrete actions are errors naming the env and step', () => {
  const pendulum = makeEnv('Pendulum-v1');
  pendulum.reset(0);
  pendulum.step(Float32Array.of(0));
  try {
    pendulum.step(Float32Array.of(NaN));
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidValueError);
    assert.match((error as Error).message, /Pendulum-v1: non-finite action at step 1/);
  }
  const cartPole = makeEnv('CartPole-v1');
  cartPole.reset(0);
  assert.throws(() => cartPole.step(2), /CartPole-v1: action must be an integer in \[0, 1\], got 2 at step 0/);
  assert.throws(() => cartPole.step(0.5), /integer/);
});

test('unknown env id: UnknownEnvError listing the known ids', () => {
  try {
    makeEnv('CartPole-v0');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, UnknownEnvError);
    assert.match((error as Error).message, /unknown env id 'CartPole-v0'; known ids: CartPole-v1, Acrobot-v1/);
  }
});

test('physics spot checks from the source equations', () => {
  // CartPole, one Euler step from rest with θ = 0.1, pushing right (force +10)
  const env: Env = makeEnv('CartPole-v1');
  env.reset(0);
  env.setState([0, 0, 0.1, 0]);
  const s = env.step(1);
  const total = 1.1, pml = 0.05, sin = Math.sin(0.1), cos = Math.cos(0.1);
  const temp = 10 / total;
  const thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4 / 3 - (0.1 * cos * cos) / total));
  const xAcc = temp - (pml * thetaAcc * cos) / total;
  assert.equal(Array.from(env.getState()), [0, 0.02 * xAcc, 0.1, 0.02 * thetaAcc]);
  assert.is(s.reward, 1);
  // Pendulum reward at θ = π, θ̇ = 0, u = 2: −(π² + 0.001 · 4)
  const p = makeEnv('Pendulum-v1');
  p.reset(0);
  p.setState([Math.PI, 0]);
  assert.ok(Math.abs(p.step(Float32Array.of(2)).reward + (Math.PI ** 2 + 0.004)) < 1e-12);
  // MountainCarContinuous clips the force to [−1, 1] but charges 0.1·a² on the raw action
  const m = makeEnv('MountainCarContinuous-v0');
  m.reset(0);
  m.setState([-0.5, 0]);
  assert.ok(Math.abs(m.step(Float32Array.of(3)).reward + 0.9) < 1e-9);
});

test.run();
