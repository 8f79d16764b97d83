import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, rngStateFromSeed, splitRng } from '../../../src/algebra/rng.js';
import { cartPole } from '../../../src/envs/classic/cartPole.js';
import { classicEnv } from '../../../src/envs/classic/classicEnv.js';
import type { Env, EnvSnapshot } from '../../../src/envs/env.js';
import { makeEnvAsync } from '../../../src/envs/registry.js';
import { discrete } from '../../../src/envs/space.js';
import { initNetwork } from '../../../src/policies/networkSpec.js';
import { policyParameterCount, policySpec } from '../../../src/policies/policySpec.js';
import type { BranchRequest } from '../../../src/streams/sampling/branches.js';
import { concatBranches, groupBranchRequest, sampleBranches } from '../../../src/streams/sampling/branches.js';
import { envGroups } from '../../../src/streams/sampling/segment.js';

/** CartPole with a third action that pushes right like action 1: branches 1 and 2 start with the same move. */
const aliasedCartPole = (): Env => classicEnv({ ...cartPole, id: 'AliasedCartPole-v0', actionSpace: discrete(3), transition: (s, a, next) => cartPole.transition(s, a === 2 ? 1 : a, next) });

/** A random policy for `env` (hidden layer of 8, biases nonzero so it is stochastic but not uniform). */
const randomPolicy = (env: Env, seed: number) => {
  const space = env.actionSpace;
  const spec = policySpec({
    observationDim: env.observationSpace.shape[0],
    head: space._tag === 'Discrete' ? 'categorical' : 'gaussian',
    actionSize: space._tag === 'Discrete' ? space.n : space.shape[0],
    hiddenSizes: [8],
    activation: 'tanh',
  });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initNetwork(spec.network, { outputGain: 1 }, new Rng(rngStateFromSeed(seed))));
  return { spec, params };
};

/** Snapshots and observations of `env` after `steps` steps of action pattern from reset(seed), one per entry of `steps`. */
const statesOf = (env: Env, seed: number, steps: readonly number[]) => {
  const snapshots: EnvSnapshot[] = [];
  const observations: number[] = [];
  for (const count of steps) {
    let observation = env.reset(seed);
    for (let t = 0; t < count; t++) observation = env.step(t % 3 === 0 ? 0 : 1).observation;
    snapshots.push(env.snapshot());
    observations.push(...observation);
  }
  return { snapshots, observations: Float32Array.from(observations) };
};

const requestFor = (env: Env, seed: number, steps: readonly number[], overrides: Partial<BranchRequest> = {}): BranchRequest => {
  const { spec, params } = randomPolicy(env, seed);
  return {
    policySpec: spec,
    policyParams: params,
    observationStats: null,
    gamma: 0.99,
    branchLength: 200,
    branches: 4,
    ...statesOf(env, seed, steps),
    rngs: splitRng(rngStateFromSeed(seed + 7), steps.length),
    ...overrides,
  };
};

test('common random numbers: two branches of one state whose first actions have the same effect get identical Q̂ (and the other differs)', () => {
  const env = aliasedCartPole();
  let differing = 0;
  for (const seed of [1, 2, 3, 4, 5]) {
    const result = sampleBranches(env, requestFor(env, seed, [0, 5, 12]));
    assert.is(result.branches, 3);
    assert.equal(Array.from(result.actions.subarray(0, 3)), [0, 1, 2]);
    for (let n = 0; n < 3; n++) {
      const r = n * 3;
      assert.is(result.returns[r + 2], result.returns[r + 1], `seed ${seed} state ${n}: Q̂ of the two right pushes`);
      assert.is(result.lengths[r + 2], result.lengths[r + 1]);
      assert.equal(result.finalObservations.subarray((r + 2) * 4, (r + 3) * 4), result.finalObservations.subarray((r + 1) * 4, (r + 2) * 4));
      if (result.lengths[r] !== result.lengths[r + 1]) differing++;
    }
  }
  assert.ok(differing > 0, 'a left push never changed a branch: the test would not see a bug');
});

test('a CartPole branch from a terminated state gets reward 0 (steps-beyond-terminated survives the clean reset + restore)', () => {
  const env = classicEnv(cartPole);
  env.reset(0);
  let terminated = false;
  while (!terminated) terminated = env.step(1).terminated;
  const observation = Float32Array.from(env.step(1).observation); // one step beyond: reward 0 in Gymnasium
  const snapshots = [env.snapshot()];
  const request = { ...requestFor(classicEnv(cartPole), 3, [0]), snapshots, observations: observation };
  // the branch env's own history must not matter: leave it fresh after a good step
  const branchEnv = classicEnv(cartPole);
  branchEnv.reset(9);
  branchEnv.step(0);
  const result = sampleBranches(branchEnv, request);
  assert.equal(Array.from(result.returns), [0, 0]);
  assert.equal(Array.from(result.lengths), [1, 1]);
  assert.equal(Array.from(result.cut), [0, 0]);
  // a live state's first step earns 1, as a contrast
  const live = sampleBranches(branchEnv, requestFor(branchEnv, 3, [2]));
  assert.ok(live.returns.every((q) => q >= 1));
});

test('branches follow the time limit, the branch length and γ: Q̂ = Σ γᵗ rₜ, cut unless terminated', () => {
  const env = classicEnv(cartPole);
  // near the 500-step limit: at most 3 steps are left
  const nearLimit = { ...requestFor(env, 4, [0]), branchLength: 50 };
  const snapshot = { ...nearLimit.snapshots[0], elapsedSteps: 497 };
  const result = sampleBranches(env, { ...nearLimit, snapshots: [snapshot] });
  for (let k = 0; k < 2; k++) {
    assert.ok(result.lengths[k] <= 3, `branch ${k} ran ${result.lengths[k]} steps past the time limit`);
    const expected = Array.from({ length: result.lengths[k] }, (_, t) => 0.99 ** t).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(result.returns[k] - expected) < 1e-12);
    if (result.lengths[k] === 3) assert.is(result.cut[k], 1, 'a time-limit truncation is a cut');
  }
  const short = sampleBranches(env, { ...requestFor(env, 4, [0]), branchLength: 5 });
  assert.equal(Array.from(short.lengths), [5, 5]);
  assert.equal(Array.from(short.cut), [1, 1]);
});

test('Gaussian branches: K first actions drawn from π_old; any split of the states gives the same result', async () => {
  const env = await makeEnvAsync('Pendulum-v1');
  const request = requestFor(env, 6, [0, 3, 7, 11, 20], { branches: 3, branchLength: 30 });
  const whole = sampleBranches(env, request);
  assert.is(whole.branches, 3);
  assert.is(whole.actions.length, 15);
  assert.is(new Set(whole.actions).size, 15, 'the K first actions differ');
  for (const groups of [2, 3, 5]) {
    const parts = envGroups(5, groups).map((g) => sampleBranches(env, groupBranchRequest(request, g)));
    assert.equal(concatBranches(parts), whole);
  }
});

test.run();
