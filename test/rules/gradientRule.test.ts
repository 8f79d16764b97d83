import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { selectBackend } from '../../src/policies/backend.js';
import type { RuleCounters } from '../../src/rules/gradientRule.js';
import { maxKlRule } from '../../src/rules/maxKl.js';
import { naturalGradientRule } from '../../src/rules/naturalGradient.js';
import { vanillaGradientRule } from '../../src/rules/vanillaGradient.js';
import { noCandidates } from '../../src/streams/candidates.js';
import { decodeTree, encodeTree } from '../../src/streams/stateCodec.js';
import type { Estimated, PolicyUpdate } from '../../src/streams/types.js';
import type { UpdateRule } from '../../src/streams/updateRule.js';
import { policyCase } from '../policies/fixtures.js';
import { policyStage, streamsOf } from '../streams/operators/fixtures.js';
import { trpoOptions } from './fixtures.js';

const rules: readonly UpdateRule<RuleCounters>[] = [naturalGradientRule({ ...trpoOptions, stepSize: 0.05 }), vanillaGradientRule({ stepSize: 0.1 }), maxKlRule(trpoOptions)];

const step = (rule: UpdateRule<RuleCounters>, stage: Estimated, state: RuleCounters): { update: PolicyUpdate; ruleState: RuleCounters } => {
  const out = rule.update(stage, state, noCandidates(stage));
  if (!('update' in out)) throw new Error('expected a synchronous step');
  return out;
};

test('each rule keeps plain data that round-trips through JSON (encodeTree/decodeTree) and continues the same after it', async () => {
  await selectBackend('cpu');
  for (const rule of rules)
    for (const head of ['categorical', 'gaussian'] as const) {
      let state = rule.init(policyCase({ head, seed: 0 }).spec, new Float32Array(0));
      let accepted = 0;
      for (let k = 0; k < 3; k++) {
        const c = policyCase({ head, seed: 40 + k });
        // zero advantages on the last batch: a rejected max-KL step counts as an update, not an acceptance
        const out = step(rule, policyStage(c, k === 2 ? new Float64Array(c.rows) : c.advantages, streamsOf(k)), state);
        accepted += out.update.accepted ? 1 : 0;
        const restored = decodeTree(JSON.parse(JSON.stringify(encodeTree(out.ruleState)))) as RuleCounters;
        assert.equal(restored, out.ruleState, `${rule.name}: state after update ${k + 1}`);
        state = restored;
      }
      assert.equal(state, { updates: 3, accepted }, `${rule.name} (${head})`);
      const c = policyCase({ head, seed: 50 });
      const a = step(rule, policyStage(c), state), b = step(rule, policyStage(c), decodeTree(JSON.parse(JSON.stringify(encodeTree(state)))) as RuleCounters);
      assert.equal(Array.from(a.update.params), Array.from(b.update.params));
      assert.equal(a.ruleState, b.ruleState);
    }
});

test('rules have distinct names (a resume refuses a checkpoint of another rule)', () => {
  assert.equal(new Set(rules.map((r) => r.name)).size, rules.length);
});

test.run();
