// Shared pieces of the rule suites: one update from a rule's initial state, step geometry, and
// float64 references of the surrogate computed without tfjs.
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { noCandidates } from '../../src/streams/candidates.js';
import type { Estimated, PolicyUpdate } from '../../src/streams/types.js';
import type { UpdateRule } from '../../src/streams/updateRule.js';
import type { RuleCounters } from '../../src/rules/gradientRule.js';
import type { PolicyCase } from '../policies/fixtures.js';
import { dot, mean, tsDistributions } from '../policies/fixtures.js';
import { policyStage } from '../streams/operators/fixtures.js';

export const heads = fc.constantFrom('categorical' as const, 'gaussian' as const);
export const seeds = fc.integer({ min: 0, max: 1_000_000 });
export const norm = (v: ArrayLike<number>) => Math.sqrt(dot(v, v));
export const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => dot(a, b) / (norm(a) * norm(b));
/** θ_new − θ_old in float64. */
export const stepOf = (c: PolicyCase, params: Float32Array) => Float64Array.from(params, (p, i) => p - c.params[i]);

/** TRPO's options as the operator suite sets them (CG on half the rows). */
export const trpoOptions = { maxKl: 0.01, cgIterations: 10, cgDamping: 0.1, cgResidualTolerance: 1e-10, fisherFraction: 0.5, lineSearchBacktracks: 10, backtrackRatio: 0.5 };

/** One synchronous update of `rule` from its initial state (what the loop does on a run's first batch). */
export const firstUpdate = <S>(rule: UpdateRule<S>, stage: Estimated): PolicyUpdate => {
  const out = rule.update(stage, rule.init(stage.state.policySpec, stage.state.policyParams), noCandidates(stage));
  if (!('update' in out)) throw new Error(`rule ${rule.name} answered with an Observable`);
  return out.update;
};

/** Asserts that one update of a counting rule on `c` leaves no tensor behind and returns counters that survive JSON as they are. */
export const countsPlainlyWithoutLeaks = (rule: UpdateRule<RuleCounters>, c: PolicyCase): void => {
  const stage = policyStage(c);
  const before = tf.memory().numTensors;
  const out = rule.update(stage, rule.init(c.spec, c.params), noCandidates(stage));
  assert.is(tf.memory().numTensors, before, `${rule.name} leaked tensors`);
  if (!('ruleState' in out)) throw new Error(`rule ${rule.name} answered with an Observable`);
  assert.equal(JSON.parse(JSON.stringify(out.ruleState)), out.ruleState);
  assert.equal(out.ruleState, { updates: 1, accepted: out.update.accepted ? 1 : 0 });
};

/** L(θ) − L(θ_old) with L(θ) = mean(π_θ(a|s)/π_old(a|s) · A), in float64 (no tfjs). */
export const tsSurrogateGain = (c: PolicyCase, params: ArrayLike<number>): number => {
  const old = tsDistributions(c, c.params, c.params).logProb;
  return mean(tsDistributions(c, c.params, params).logProb.map((lp, i) => (Math.exp(lp - old[i]) - 1) * c.advantages[i]));
};

/** g = ∂L/∂θ at θ_old by central differences of {@link tsSurrogateGain}. */
export const tsPolicyGradient = (c: PolicyCase): Float64Array => {
  const h = 1e-6;
  return Float64Array.from(c.params, (_, j) => {
    const up = Float64Array.from(c.params), down = Float64Array.from(c.params);
    up[j] += h;
    down[j] -= h;
    return (tsSurrogateGain(c, up) - tsSurrogateGain(c, down)) / (2 * h);
  });
};

/** gᵢ = ∇θ log π(aᵢ|sᵢ) of each listed row, `[parameterCount]` each, by central differences of the float64 log-probs (no tfjs). */
export const tsRowScores = (c: PolicyCase, rows: ArrayLike<number>): Float64Array[] => {
  const h = 1e-6;
  const scores = Array.from(rows, () => new Float64Array(c.params.length));
  for (let j = 0; j < c.params.length; j++) {
    const up = Float64Array.from(c.params), down = Float64Array.from(c.params);
    up[j] += h;
    down[j] -= h;
    const lpUp = tsDistributions(c, c.params, up).logProb, lpDown = tsDistributions(c, c.params, down).logProb;
    Array.from(rows).forEach((r, i) => (scores[i][j] = (lpUp[r] - lpDown[r]) / (2 * h)));
  }
  return scores;
};
