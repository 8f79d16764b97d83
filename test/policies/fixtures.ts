// Policy problems and the float64 TypeScript reference of their distributions, independent of tfjs.
import { categorical, diagGaussian } from '../../src/algebra/distributions.js';
import type { Activation } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import type { NetworkSpec } from '../../src/policies/networkSpec.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';
import type { PolicySpec } from '../../src/policies/policySpec.js';
import { actionWidth, logStdOffset, policyParameterCount, policySpec } from '../../src/policies/policySpec.js';

/** The network of a policy (the one place these suites read the spec's network field). */
export const policyNetwork = (spec: PolicySpec): NetworkSpec => spec.network;

/** A random policy problem: weights with nonzero biases, observations, actions and advantages. */
export interface PolicyCase {
  readonly spec: PolicySpec;
  readonly params: Float32Array;
  readonly rows: number;
  readonly observations: Float32Array;
  readonly actions: Float32Array;
  readonly advantages: Float64Array;
}

export interface PolicyCaseOptions {
  readonly head: 'categorical' | 'gaussian';
  readonly seed: number;
  readonly rows?: number;
  readonly observationDim?: number;
  readonly actionSize?: number;
  readonly hiddenSizes?: readonly number[];
  readonly activation?: Activation;
}

export const policyCase = (options: PolicyCaseOptions): PolicyCase => {
  const { head, seed, rows = 16, observationDim = 3, actionSize = head === 'categorical' ? 3 : 2, hiddenSizes = [4], activation = 'tanh' } = options;
  const rng = new Rng(rngStateFromSeed(seed));
  const spec = policySpec({ observationDim, head, actionSize, hiddenSizes, activation });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(plainNetworkOf(policyNetwork(spec)).init({ outputGain: 1 }, rng));
  for (let i = 0; i < params.length; i++) params[i] += 0.1 * rng.normal();
  if (spec.head === 'gaussian') for (let j = 0; j < spec.actionDim; j++) params[logStdOffset(spec) + j] = -0.4 + 0.3 * j;
  const observations = Float32Array.from({ length: rows * observationDim }, () => rng.normal());
  const actions =
    spec.head === 'categorical' ? Float32Array.from({ length: rows }, () => rng.int(actionSize)) : Float32Array.from({ length: rows * actionWidth(spec) }, () => rng.normal());
  const advantages = Float64Array.from({ length: rows }, () => rng.normal());
  return { spec, params, rows, observations, actions, advantages };
};

/** Distribution parameters of every row `[rows, outputDim]` by the float64 TypeScript forward pass. */
export const tsOutputs = (spec: PolicySpec, params: ArrayLike<number>, observations: Float32Array, rows: number): Float64Array => {
  const out = new Float64Array(rows * policyNetwork(spec).outputDim);
  plainNetworkOf(policyNetwork(spec)).compile(params)(observations, rows, out);
  return out;
};

const logStdOf = (spec: PolicySpec, params: ArrayLike<number>): number[] =>
  spec.head === 'gaussian' ? Array.from({ length: spec.actionDim }, (_, j) => params[logStdOffset(spec) + j]) : [];

/** Per-row float64 reference of KL(π_a ‖ π_b), log π_b(action) and entropy of π_b. */
export const tsDistributions = (c: Pick<PolicyCase, 'spec' | 'rows' | 'observations' | 'actions'>, paramsA: ArrayLike<number>, paramsB: ArrayLike<number>) => {
  const { spec, rows } = c;
  const k = policyNetwork(spec).outputDim;
  const a = tsOutputs(spec, paramsA, c.observations, rows), b = tsOutputs(spec, paramsB, c.observations, rows);
  const sa = logStdOf(spec, paramsA), sb = logStdOf(spec, paramsB);
  const kl = new Float64Array(rows), logProb = new Float64Array(rows), entropy = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const p = a.subarray(r * k, (r + 1) * k), q = b.subarray(r * k, (r + 1) * k);
    if (spec.head === 'categorical') {
      kl[r] = categorical.kl(p, q);
      logProb[r] = categorical.logProb(q, c.actions[r]);
      entropy[r] = categorical.entropy(q);
    } else {
      kl[r] = diagGaussian.kl(p, sa, q, sb);
      logProb[r] = diagGaussian.logProb(q, sb, c.actions.subarray(r * k, (r + 1) * k));
      entropy[r] = diagGaussian.entropy(sb);
    }
  }
  return { kl, logProb, entropy };
};

export const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
};

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
