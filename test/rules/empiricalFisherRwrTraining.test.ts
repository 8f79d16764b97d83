import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, toArray } from 'rxjs';
import type { TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { logStdOffset } from '../../src/policies/policySpec.js';
import { empiricalFisherRule } from '../../src/rules/empiricalFisher.js';
import type { RuleCounters } from '../../src/rules/gradientRule.js';
import { rwrRule } from '../../src/rules/rwr.js';
import { isIterationEvent, trainEvents } from '../../src/streams/train.js';
import type { IterationEvent } from '../../src/streams/types.js';
import type { UpdateRule } from '../../src/streams/updateRule.js';

const configOf = (env: string, totalSteps: number) => {
  const resolved = resolveConfig({ env, knownEnvs: envIds, file: { totalSteps }, flags: { backend: (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' } });
  if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
  return resolved.right;
};

const run = (config: TrainConfig, rule?: UpdateRule<RuleCounters>): Promise<IterationEvent[]> =>
  lastValueFrom(trainEvents(config, rule ? { update: () => rule } : {}).pipe(filter(isIterationEvent), toArray()));

/** The metrics' field names apart from a rule's diagnostics. */
const fieldsOf = (events: readonly IterationEvent[]) => events.map(({ metrics }) => Object.keys(metrics).filter((k) => k !== 'diagnostics').sort());

// CartPole-v1's preset (4 envs × 500 steps a batch), 10k steps: five updates, about a second a rule on wasm
const cartPole = configOf('CartPole-v1', 10_000);
// Pendulum-v1's preset, four updates: the Gaussian head
const pendulum = configOf('Pendulum-v1', 8_000);

const rules = (config: TrainConfig): readonly [UpdateRule<RuleCounters>, readonly string[]][] => [
  [empiricalFisherRule(config.trpo), []],
  [rwrRule(), ['effectiveSampleSize', 'logLikelihoodGain']],
];

test('empirical-Fisher TRPO and RWR train CartPole-v1 through trainEvents: the return improves, and the metrics keep TRPO\'s fields', async () => {
  const trpoFields = fieldsOf(await run(cartPole))[0];
  for (const [rule, diagnostics] of rules(cartPole)) {
    const events = await run(cartPole, rule);
    const first = events[0].metrics, last = events[events.length - 1].metrics;
    assert.is(events.length, 5);
    assert.ok((last.episodeReturnMean ?? 0) > 1.5 * (first.episodeReturnMean ?? Infinity), `${rule.name}: return ${first.episodeReturnMean} → ${last.episodeReturnMean}`);
    for (const fields of fieldsOf(events)) assert.equal(fields, trpoFields, rule.name);
    for (const { metrics } of events) {
      assert.ok(metrics.kl > 0 && metrics.entropy > 0 && metrics.accepted, `${rule.name} iteration ${metrics.iteration}: ${JSON.stringify(metrics)}`);
      for (const key of diagnostics) assert.ok(Number.isFinite(metrics.diagnostics?.[key]), `${rule.name} reports diagnostics.${key}`);
    }
    assert.equal(events[events.length - 1].state.rule, { name: rule.name, state: { updates: 5, accepted: 5 } });
  }
});

test('on Pendulum-v1 (Gaussian head) both rules update the policy with TRPO\'s metrics; TRPO\'s δ bounds the empirical-Fisher steps, RWR refits σ', async () => {
  const trpoFields = fieldsOf(await run(pendulum))[0];
  for (const [rule] of rules(pendulum)) {
    const events = await run(pendulum, rule);
    assert.is(events.length, 4);
    for (const fields of fieldsOf(events)) assert.equal(fields, trpoFields, rule.name);
    for (const { metrics } of events) {
      assert.ok(metrics.accepted && metrics.kl > 0 && Number.isFinite(metrics.surrogateGain), `${rule.name} iteration ${metrics.iteration}: ${JSON.stringify(metrics)}`);
      if (rule.name === 'empirical-fisher') assert.ok(metrics.kl <= pendulum.trpo.maxKl * (1 + 1e-3), `mean KL ${metrics.kl} > δ`);
    }
    const { policySpec, policyParams } = events[events.length - 1].state;
    if (rule.name === 'rwr') assert.ok(Math.abs(policyParams[logStdOffset(policySpec)] - pendulum.policy.logStdInit) > 1e-3, 'σ was refitted');
  }
});

test.run();
