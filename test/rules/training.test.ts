import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import type { RuleCounters } from '../../src/rules/gradientRule.js';
import { maxKlRule } from '../../src/rules/maxKl.js';
import { naturalGradientRule } from '../../src/rules/naturalGradient.js';
import { vanillaGradientRule } from '../../src/rules/vanillaGradient.js';
import { isIterationEvent, trainEvents } from '../../src/streams/train.js';
import type { IterationEvent } from '../../src/streams/types.js';
import type { UpdateRule } from '../../src/streams/updateRule.js';

// CartPole-v1's preset (4 envs × 500 steps a batch), 10k steps: five updates, ~0.5 s a rule on wasm
const resolved = resolveConfig({ env: 'CartPole-v1', knownEnvs: envIds, file: { totalSteps: 10_000 }, flags: { backend: (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' } });
if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
const config = resolved.right;

const run = (rule?: UpdateRule<RuleCounters>): Promise<IterationEvent[]> =>
  lastValueFrom(trainEvents(config, rule ? { update: () => rule } : {}).pipe(filter(isIterationEvent), toArray()));

// step sizes from a sweep by factors of 3 as in the paper (Sec. 8), on this config: the best that keeps the mean KL near δ = 0.01
const rules: readonly [UpdateRule<RuleCounters>, string][] = [
  [naturalGradientRule({ ...config.trpo, stepSize: 1 }), 'stepSize'],
  [vanillaGradientRule({ stepSize: 1 }), 'stepSize'],
  [maxKlRule(config.trpo), 'maxKl'],
];

test('each rule trains CartPole-v1 through trainEvents: the return improves, and the metrics keep TRPO\'s fields', async () => {
  const trpo = await run();
  const trpoFields = Object.keys(trpo[0].metrics).sort();
  for (const [rule, diagnostic] of rules) {
    const events = await run(rule);
    const first = events[0].metrics, last = events[events.length - 1].metrics;
    assert.is(events.length, 5);
    assert.ok((last.episodeReturnMean ?? 0) > 1.5 * (first.episodeReturnMean ?? Infinity), `${rule.name}: return ${first.episodeReturnMean} → ${last.episodeReturnMean}`);
    for (const { metrics } of events) {
      assert.equal(Object.keys(metrics).filter((k) => k !== 'diagnostics').sort(), trpoFields, rule.name);
      assert.ok(metrics.kl > 0 && metrics.entropy > 0 && metrics.accepted, `${rule.name} iteration ${metrics.iteration}: ${JSON.stringify(metrics)}`);
      assert.ok(Number.isFinite(metrics.diagnostics?.[diagnostic]), `${rule.name} reports diagnostics.${diagnostic}`);
    }
    assert.equal(events[events.length - 1].state.rule, { name: rule.name, state: { updates: 5, accepted: 5 } });
  }
});

test.run();
