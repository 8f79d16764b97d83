import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, take, toArray } from 'rxjs';
import { cemAsk } from '../../src/algebra/cem.js';
import type { CemState } from '../../src/algebra/cem.js';
import { cmaesAsk } from '../../src/algebra/cmaes.js';
import type { CmaesState } from '../../src/algebra/cmaes.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import type { TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { cemRule } from '../../src/rules/cemRule.js';
import { cmaesRule } from '../../src/rules/cmaesRule.js';
import { deserializeState, serializeState } from '../../src/streams/stateCodec.js';
import { isIterationEvent, trainEvents, trainRun } from '../../src/streams/train.js';
import type { IterationMetrics } from '../../src/streams/types.js';
import type { UpdateRule } from '../../src/streams/updateRule.js';

/** CartPole-v1 with a linear policy (4 observations → 2 logits: 10 parameters) and a tiny TRPO batch the rules ignore. */
const cartPole = (totalSteps: number): TrainConfig => {
  const r = resolveConfig({
    env: 'CartPole-v1',
    knownEnvs: envIds,
    file: { numEnvs: 1, stepsPerEnv: 10, totalSteps, seed: 0, policy: { hiddenSizes: [] }, value: { epochs: 1, minibatchSize: 10 } },
    flags: { backend: (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' },
  });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const withoutWall = (ms: IterationMetrics[]) => ms.map(({ wallSeconds: _, ...rest }) => rest);

interface Case<S> {
  readonly name: string;
  readonly rule: () => UpdateRule<S>;
  /** The optimizer's next candidates from a rule state. */
  readonly ask: (state: S, rng: Rng) => Float64Array[];
}
// any: each case pairs a rule with its own state type
const cases: readonly Case<any>[] = [
  { name: 'cem', rule: () => cemRule({ populationSize: 20, noise: { initial: 0.05, decrement: 0.005 } }), ask: (s: CemState, rng) => cemAsk(s, rng) } satisfies Case<CemState>,
  { name: 'cmaes', rule: () => cmaesRule(), ask: (s: CmaesState, rng) => cmaesAsk(s, rng) } satisfies Case<CmaesState>,
];

for (const { name, rule, ask } of cases) {
  test(`${name}: CartPole-v1 with a linear policy, the mean candidate return improves clearly within 20k steps`, async () => {
    const events = await lastValueFrom(trainEvents(cartPole(20_000), { update: () => rule() }).pipe(filter(isIterationEvent), toArray()));
    const returns = events.map((e) => e.metrics.diagnostics?.meanCandidateReturn ?? NaN);
    const first = returns[0], late = returns.slice(-3).reduce((s, r) => s + r, 0) / 3;
    assert.ok(late > 100 && late > 3 * first, `mean candidate return ${first} → ${late} (${returns.map((r) => r.toFixed(0)).join(' ')})`);
    const last = events[events.length - 1];
    assert.ok(last.metrics.timesteps >= 20_000, 'candidate evaluations count toward timesteps');
    assert.ok(last.metrics.iteration * 10 < last.metrics.timesteps / 2, 'most steps are candidate evaluations');
    const diagnostics = last.metrics.diagnostics ?? {};
    assert.ok(diagnostics.bestCandidateReturn >= diagnostics.meanCandidateReturn && diagnostics.sigma > 0, JSON.stringify(diagnostics));
    assert.is(last.state.rule?.name, name);
    assert.equal(Array.from(last.state.policyParams), Array.from(Float32Array.from((last.state.rule?.state as { mean: Float64Array }).mean)), 'the policy is the mean');
  });

  test(`${name}: the rule state survives serializeState/deserializeState: the resumed run asks the same candidates and continues identically`, async () => {
    const config = cartPole(6_000);
    const straight = await lastValueFrom(trainRun(config, { update: () => rule() }).pipe(toArray()));
    const firstTwo = await lastValueFrom(trainRun(config, { update: () => rule() }).pipe(take(2), toArray()));
    const saved = firstTwo[1].state;
    const restored = deserializeState(serializeState(saved));
    if (E.isLeft(restored)) throw new Error(restored.left.message);
    assert.equal(restored.right.rule, saved.rule);
    const seed = rngStateFromSeed(3);
    assert.equal(ask(restored.right.rule?.state, new Rng(seed)), ask(saved.rule?.state, new Rng(seed)));
    const rest = await lastValueFrom(trainRun(config, { update: () => rule(), initialState: restored.right }).pipe(toArray()));
    assert.ok(straight.length > 3, `${straight.length} iterations`);
    assert.equal(withoutWall([...firstTwo, ...rest].map((r) => r.metrics)), withoutWall(straight.map((r) => r.metrics)));
    assert.equal(rest[rest.length - 1].state.rule, straight[straight.length - 1].state.rule);
  });
}

test.run();
