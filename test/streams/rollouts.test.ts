import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { asyncScheduler, firstValueFrom, lastValueFrom, map, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import type { RunningStats } from '../../src/algebra/runningStats.js';
import { normalizeObservation } from '../../src/algebra/runningStats.js';
import type { Action, Env } from '../../src/envs/env.js';
import { makeEnv, makeEnvAsync } from '../../src/envs/registry.js';
import { flatDim } from '../../src/envs/space.js';
import { makeActor } from '../../src/policies/actor.js';
import { initNetwork } from '../../src/policies/networkSpec.js';
import { actionWidth, policyParameterCount, policySpec } from '../../src/policies/policySpec.js';
import { PolicyEnvMismatchError, evaluatePolicy } from '../../src/streams/evaluate.js';
import { policyFromSaved } from '../../src/streams/loadedPolicy.js';
import type { PolicySnapshot, RolloutStep } from '../../src/streams/rollouts.js';
import { rollouts } from '../../src/streams/rollouts.js';
import type { SavedPolicy } from '../../src/streams/savedPolicy.js';

/** A randomly initialized policy for `env` (hidden layer of 16, output gain 1 so actions vary). */
const policyFor = (env: Env, seed: number, stats: RunningStats | null = null): PolicySnapshot => {
  const space = env.actionSpace;
  const spec = policySpec({
    observationDim: flatDim(env.observationSpace),
    head: space._tag === 'Discrete' ? 'categorical' : 'gaussian',
    actionSize: space._tag === 'Discrete' ? space.n : space.shape[0],
    hiddenSizes: [16],
    activation: 'tanh',
  });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initNetwork(spec.network, { outputGain: 1 }, new Rng(rngStateFromSeed(seed))));
  return { spec, params, observationStats: stats };
};

const saved = (env: string, policy: PolicySnapshot): SavedPolicy => ({ format: 'trpo-policy/1', env, iteration: 0, timesteps: 0, ...policy });

/** The episode as a plain act/step loop (what `trpo eval` did before rollouts existed). */
const referenceEpisode = (env: Env, policy: PolicySnapshot, seed: number, rng: Rng | null) => {
  const { spec, observationStats } = policy;
  const actor = makeActor(spec, policy.params, 1, rng ? 'sample' : 'mode');
  const input = new Float32Array(flatDim(env.observationSpace)), action = new Float32Array(actionWidth(spec));
  const steps: { action: Action; observation: number[]; reward: number }[] = [];
  let observation = env.reset(seed);
  for (;;) {
    if (observationStats) normalizeObservation(observationStats, observation, input);
    else input.set(observation);
    actor.act(input, 1, action, rng ? [rng] : null);
    const step = env.step(spec.head === 'categorical' ? action[0] : action);
    steps.push({ action: spec.head === 'categorical' ? action[0] : Array.from(action) as unknown as Action, observation: Array.from(step.observation), reward: step.reward });
    observation = step.observation;
    if (step.terminated || step.truncated) return steps;
  }
};

const plain = (steps: readonly RolloutStep[]) =>
  steps.map((s) => ({ action: typeof s.action === 'number' ? s.action : (Array.from(s.action) as unknown as Action), observation: Array.from(s.observation), reward: s.reward }));

const episode = (env: Env, policy: Parameters<typeof rollouts>[1], options: Parameters<typeof rollouts>[2]) => lastValueFrom(rollouts(env, policy, options).pipe(toArray()));

/** `env` with its `step` calls counted. */
const counted = (env: Env): { steps: number; readonly env: Env } => {
  const counter: { steps: number; env: Env } = { steps: 0, env };
  counter.env = { ...env, step: (action: Action) => ((counter.steps += 1), env.step(action)) };
  return counter;
};

/** Normalizer statistics far from the env's own, so acting on raw observations picks other actions. */
const skewedStats = (dim: number): RunningStats => ({ count: 10, mean: Float64Array.from({ length: dim }, (_, j) => 0.5 - j), m2: Float64Array.from({ length: dim }, (_, j) => 0.1 * (j + 1)) });

for (const id of ['CartPole-v1', 'Pendulum-v1'] as const) {
  test(`${id}: a deterministic rollout is the act/step loop's episode and evaluatePolicy's return and length`, async () => {
    const env = makeEnv(id);
    for (const stats of [null, skewedStats(flatDim(env.observationSpace))]) {
      const policy = policyFor(env, 1, stats);
      const steps = await episode(env, policy, { seed: 5, deterministic: true });
      assert.equal(plain(steps), referenceEpisode(makeEnv(id), policy, 5, null));
      assert.equal(steps.map((s) => s.t), steps.map((_, i) => i));
      const last = steps[steps.length - 1];
      assert.ok(last.terminated || last.truncated, 'ends with the episode');
      assert.ok(steps.slice(0, -1).every((s) => !s.terminated && !s.truncated));
      const evaluation = await evaluatePolicy(saved(id, policy), { episodes: 2, seed: 5 });
      assert.is(evaluation.lengths[0], steps.length);
      assert.is(evaluation.returns[0], steps.reduce((a, s) => a + s.reward, 0));
      const second = await episode(env, policy, { seed: 6, deterministic: true });
      assert.equal(evaluation.lengths[1], second.length, 'episode i of evaluatePolicy starts from seed + i');
    }
  });

  test(`${id}: a sampled rollout draws from the Rng of its options (default: seeded by seed), and is cold`, async () => {
    const env = makeEnv(id);
    const policy = policyFor(env, 2);
    const given = rngStateFromSeed(99);
    assert.equal(plain(await episode(env, policy, { seed: 3, deterministic: false, rng: given })), referenceEpisode(makeEnv(id), policy, 3, new Rng(given)));
    const byDefault = rollouts(env, policy, { seed: 3, deterministic: false });
    const first = plain(await lastValueFrom(byDefault.pipe(toArray())));
    assert.equal(first, referenceEpisode(makeEnv(id), policy, 3, new Rng(rngStateFromSeed(3))));
    assert.equal(plain(await lastValueFrom(byDefault.pipe(toArray()))), first, 'a second subscription runs the same episode afresh');
    assert.not.equal(first, plain(await episode(env, policy, { seed: 3, deterministic: true })), 'sampling differs from the mode');
  });
}

test('a LoadedPolicy (policyFromSaved) runs the same episode as its snapshot', async () => {
  const env = makeEnv('Pendulum-v1');
  const policy = policyFor(env, 12, skewedStats(3));
  const loaded = policyFromSaved(saved('Pendulum-v1', policy));
  for (const deterministic of [true, false])
    assert.equal(plain(await episode(env, loaded, { seed: 1, deterministic })), plain(await episode(env, policy, { seed: 1, deterministic })));
});

test('the saved normalizer is applied before acting (raw observations would act otherwise)', async () => {
  const env = makeEnv('CartPole-v1');
  const stats = skewedStats(4);
  const normalized = policyFor(env, 4, stats), raw = policyFor(env, 4, null);
  const withStats = await episode(env, normalized, { seed: 11, deterministic: true, maxSteps: 30 });
  const input = new Float32Array(4), out = new Float32Array(1), actor = makeActor(normalized.spec, normalized.params, 1, 'mode');
  let observation = makeEnv('CartPole-v1').reset(11);
  for (const step of withStats) {
    normalizeObservation(stats, observation, input);
    actor.act(input, 1, out, null);
    assert.is(step.action, out[0], `action at t = ${step.t}`);
    observation = step.observation;
  }
  assert.not.equal(withStats.map((s) => s.action), (await episode(env, raw, { seed: 11, deterministic: true, maxSteps: 30 })).map((s) => s.action));
});

// envs whose dynamics are deterministic given the state (GridWalk's slips are not: its generator is not in the state)
for (const id of ['CartPole-v1', 'Pendulum-v1', 'Acrobot-v1', 'Hopper-v5'] as const) {
  test(`${id}: withState states replay: setState(state_t), then step(action_t+1) gives step t+1`, async () => {
    const env = await makeEnvAsync(id);
    const steps = await episode(env, policyFor(env, 7), { seed: 2, deterministic: false, withState: true, maxSteps: 60 });
    assert.ok(steps.length > 5, `${steps.length} steps`);
    const replay = await makeEnvAsync(id);
    replay.reset(2);
    for (let t = 0; t + 1 < steps.length; t++) {
      replay.setState(steps[t].state as Float64Array);
      const next = replay.step(steps[t + 1].action);
      assert.equal(Array.from(next.observation), Array.from(steps[t + 1].observation), `observation at t = ${t + 1}`);
      assert.is(next.reward, steps[t + 1].reward);
      assert.equal(Array.from(replay.getState()), Array.from(steps[t + 1].state as Float64Array));
    }
    assert.not.ok('state' in (await firstValueFrom(rollouts(env, policyFor(env, 7), { seed: 2, deterministic: true }))), 'no state unless asked');
    env.close();
    replay.close();
  });
}

test('unsubscribing after k steps stops stepping (synchronous and scheduled)', async () => {
  const cartPole = makeEnv('CartPole-v1');
  const policy = policyFor(cartPole, 8);
  const sync = counted(cartPole);
  assert.is((await lastValueFrom(rollouts(sync.env, policy, { seed: 0, deterministic: true }).pipe(take(4), toArray()))).length, 4);
  assert.is(sync.steps, 4);
  const paced = counted(makeEnv('CartPole-v1'));
  const seen: number[] = [];
  await new Promise<void>((resolve) => {
    const subscription = rollouts(paced.env, policy, { seed: 0, deterministic: true, scheduler: asyncScheduler }).subscribe((s) => {
      seen.push(s.t);
      if (s.t !== 2) return;
      subscription.unsubscribe();
      resolve();
    });
    assert.is(paced.steps, 0, 'a scheduler defers the first step');
  });
  await new Promise((resolve) => setTimeout(resolve, 30)); // time for more turns, were any still scheduled
  assert.equal(seen, [0, 1, 2]);
  assert.is(paced.steps, 3);
});

test('maxSteps cuts the episode; 0 steps completes at once; a bad maxSteps errors', async () => {
  const env = makeEnv('Pendulum-v1');
  const policy = policyFor(env, 9);
  const steps = await episode(env, policy, { seed: 0, deterministic: true, maxSteps: 7 });
  assert.is(steps.length, 7);
  assert.not.ok(steps[6].truncated, 'Pendulum goes on for 200 steps');
  assert.equal(await episode(env, policy, { seed: 0, deterministic: true, maxSteps: 0 }), []);
  await episode(env, policy, { seed: 0, deterministic: true, maxSteps: 1.5 }).then(
    () => assert.unreachable(),
    (e: Error) => assert.match(e.message, /maxSteps must be a non-negative integer, got 1.5/),
  );
});

test('a scheduler paces the steps: stepDelay apart in virtual time', () => {
  const env = makeEnv('CartPole-v1');
  const policy = policyFor(env, 10);
  const rewards = referenceEpisode(makeEnv('CartPole-v1'), policy, 4, null).map((s) => s.reward);
  new TestScheduler((actual, wanted) => assert.equal(actual, wanted)).run(({ expectObservable }) => {
    const steps = rollouts(env, policy, { seed: 4, deterministic: true, maxSteps: 3, scheduler: asyncScheduler, stepDelay: 10 });
    expectObservable(steps.pipe(map((s) => [s.t, s.reward]))).toBe('10ms a 9ms b 9ms (c|)', { a: [0, rewards[0]], b: [1, rewards[1]], c: [2, rewards[2]] });
  });
});

test('a policy that does not fit the env errors when subscribed, naming both sides', async () => {
  const cartPole = makeEnv('CartPole-v1'), pendulum = makeEnv('Pendulum-v1'), acrobot = makeEnv('Acrobot-v1');
  const error = (env: Env, policy: PolicySnapshot) =>
    episode(env, policy, { seed: 0, deterministic: true }).then(
      () => '',
      (e: Error) => (assert.instance(e, PolicyEnvMismatchError), e.message),
    );
  assert.is(await error(pendulum, policyFor(cartPole, 0)), 'rollouts: the policy takes observations of length 4, Pendulum-v1 gives 3');
  assert.is(await error(acrobot, policyFor(pendulum, 0)), 'rollouts: the policy takes observations of length 3, Acrobot-v1 gives 6');
  const twoActions = policyFor(cartPole, 0);
  const narrowed = { ...twoActions, spec: { ...twoActions.spec, network: { ...twoActions.spec.network, inputDim: 2 } } };
  assert.is(await error(makeEnv('MountainCar-v0'), narrowed), 'rollouts: the policy picks one of 2 actions, MountainCar-v0 has 3 actions');
  assert.is(await error(makeEnv('MountainCarContinuous-v0'), narrowed), 'rollouts: the policy picks one of 2 actions, MountainCarContinuous-v0 has continuous actions');
});

test('browser-safe: rollouts.ts imports nothing from node:* or tfjs, directly or through its imports', () => {
  const seen = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, 'utf8');
    for (const [, spec] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)) {
      assert.not.match(spec, /^node:|tensorflow|^(fs|path|url|worker_threads|os)$/, `${url.pathname} imports ${spec}`);
      if (spec.startsWith('.')) visit(new URL(spec.replace(/\.js$/, '.ts'), url));
    }
  };
  visit(new URL('../../src/streams/rollouts.ts', import.meta.url));
  assert.ok(seen.size >= 5, `followed ${seen.size} modules`);
});

test.run();
