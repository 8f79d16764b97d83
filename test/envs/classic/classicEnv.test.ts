import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Action } from '../../../src/envs/env.js';
import { InvalidValueError } from '../../../src/envs/env.js';
import { acrobot } from '../../../src/envs/classic/acrobot.js';
import { cartPole } from '../../../src/envs/classic/cartPole.js';
import type { ClassicTask } from '../../../src/envs/classic/classicEnv.js';
import { classicEnv } from '../../../src/envs/classic/classicEnv.js';
import { mountainCar } from '../../../src/envs/classic/mountainCar.js';
import { mountainCarContinuous } from '../../../src/envs/classic/mountainCarContinuous.js';
import { pendulum } from '../../../src/envs/classic/pendulum.js';
import { NumpyGenerator } from '../../../src/envs/numpyRandom.js';

const tasks: readonly ClassicTask[] = [cartPole, acrobot, mountainCar, pendulum, mountainCarContinuous];
/** A deterministic action for step t of `task`. */
const actionAt = (task: ClassicTask, t: number): Action => (task.actionSpace._tag === 'Discrete' ? (t * 7 + 3) % task.actionSpace.n : Float32Array.of(2.5 * Math.sin(t)));
const run = (env: ReturnType<typeof classicEnv>, task: ClassicTask, from: number, steps: number) =>
  Array.from({ length: steps }, (_, k) => {
    const r = env.step(actionAt(task, from + k));
    if (r.terminated || r.truncated) env.reset();
    return [...Array.from(r.observation), r.reward, r.terminated, r.truncated];
  });

for (const task of tasks) {
  test(`${task.id}: setState(getState()) round-trips and the same state and action give the same step`, () => {
    const env = classicEnv(task);
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.nat({ max: 40 }), fc.nat({ max: 100 }), (seed, warm, t) => {
        env.reset(seed);
        run(env, task, 0, warm);
        const state = env.getState();
        env.setState(state);
        assert.equal(Array.from(env.getState()), Array.from(state));
        const first = env.step(actionAt(task, t));
        const after = env.getState();
        env.setState(state);
        const second = env.step(actionAt(task, t));
        assert.equal(Array.from(second.observation), Array.from(first.observation));
        assert.equal([second.reward, second.terminated], [first.reward, first.terminated]);
        assert.equal(Array.from(env.getState()), Array.from(after));
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  test(`${task.id}: snapshot/restore continues exactly, generator and step counter included`, () => {
    const env = classicEnv(task);
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.nat({ max: 60 }), (seed, warm) => {
        env.reset(seed);
        run(env, task, 0, warm);
        const snap = structuredClone(env.snapshot()); // plain data survives a copy
        const a = run(env, task, warm, task.maxEpisodeSteps + 5);
        const other = classicEnv(task);
        other.restore(snap);
        assert.equal(run(other, task, warm, task.maxEpisodeSteps + 5), a);
      }),
      { seed: 12, numRuns: 8 },
    );
  });

  test(`${task.id}: reset() continues the generator; the first unseeded reset is reset(0); setState keeps the step counter`, () => {
    const seeded = classicEnv(task);
    const first = seeded.reset(5);
    const second = seeded.reset();
    const again = classicEnv(task);
    assert.equal(Array.from(again.reset(5)), Array.from(first));
    assert.not.equal(Array.from(second), Array.from(first));
    assert.equal(Array.from(again.reset()), Array.from(second));
    assert.equal(Array.from(classicEnv(task).reset()), Array.from(classicEnv(task).reset(0)));

    const env = classicEnv(task);
    env.reset(1);
    const start = env.getState();
    let last = { truncated: false, terminated: false };
    for (let t = 0; t < task.maxEpisodeSteps; t++) {
      env.setState(start); // never reaches a terminal state from here in one step
      last = env.step(actionAt(task, 0));
      assert.is(last.truncated, t === task.maxEpisodeSteps - 1, `step ${t}`);
    }
    assert.is(env.snapshot().elapsedSteps, task.maxEpisodeSteps);
  });

  test(`${task.id}: stepInto writes the same observation as step, at the offset`, () => {
    const a = classicEnv(task), b = classicEnv(task);
    a.reset(9);
    b.reset(9);
    const obsDim = task.observationSpace.shape[0];
    const out = new Float32Array(obsDim + 3).fill(-7);
    for (let t = 0; t < 20; t++) {
      const action = actionAt(task, t);
      const r = a.step(action);
      const s = b.stepInto(typeof action === 'number' ? [0, action] : [0, action[0]], 1, out, 2);
      assert.equal(Array.from(out.subarray(2, 2 + obsDim)), Array.from(r.observation));
      assert.equal([s.reward, s.terminated, s.truncated], [r.reward, r.terminated, r.truncated]);
      if (r.terminated) break;
    }
    assert.equal([out[0], out[1], out[obsDim + 2]], [-7, -7, -7]);
  });
}

test('reset() draws from NumPy default_rng(seed) as Gymnasium does (CartPole: uniform(-0.05, 0.05, size=4))', () => {
  const rng = new NumpyGenerator(123);
  const env = classicEnv(cartPole);
  assert.equal(Array.from(env.reset(123)), Array.from({ length: 4 }, () => Math.fround(rng.uniform(-0.05, 0.05))));
  // Pendulum: uniform(low=[-π, -1], high=[π, 1]), θ first
  const rng2 = new NumpyGenerator(77);
  const p = classicEnv(pendulum);
  p.reset(77);
  assert.equal(Array.from(p.getState()), [rng2.uniform(-Math.PI, Math.PI), rng2.uniform(-1, 1)]);
});

test('step before reset, bad seeds and bad states are refused with what was expected', () => {
  const env = classicEnv(cartPole);
  assert.throws(() => env.step(0), /CartPole-v1: step\(\) before reset\(\)/);
  assert.throws(() => env.reset(-1), /seed must be a non-negative integer, got -1/);
  assert.throws(() => env.reset(1.5), /seed must be a non-negative integer, got 1.5/);
  assert.throws(() => env.setState([1, 2, 3]), /CartPole-v1: state must have 4 entries, got 3/);
  env.setState([0, 0, 0, 0]);
  assert.is(env.step(1).reward, 1, 'a set state is enough to step');
  assert.throws(() => env.restore({ state: new Float64Array(4), elapsedSteps: -2, random: null }), /elapsedSteps must be a non-negative integer/);
  assert.throws(() => env.restore({ state: new Float64Array(4), elapsedSteps: 0, random: 'x' }), /NumPy generator state/);
});

test('a non-finite observation is an InvalidValueError naming the env and the step; the state is kept', () => {
  const env = classicEnv(cartPole);
  env.reset(0);
  env.step(0);
  env.setState([0, Infinity, 0, 0]);
  try {
    env.step(1);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidValueError);
    assert.equal([(error as InvalidValueError).envId, (error as InvalidValueError).step, (error as InvalidValueError).what], ['CartPole-v1', 1, 'observation']);
    assert.match((error as Error).message, /^CartPole-v1: non-finite observation at step 1/);
  }
  assert.equal(Array.from(env.getState()), [0, Infinity, 0, 0]);
  const pend = classicEnv(pendulum);
  pend.reset(0);
  pend.setState([NaN, 0]);
  assert.throws(() => pend.step(0), (e: unknown) => e instanceof InvalidValueError && e.what === 'observation');
});

test.run();
