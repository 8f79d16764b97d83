// Small hand-built stages for the operator suites: a training state, a batch and the float64
// TypeScript reference of the policy's distributions, independent of tfjs.
import { adamInit } from '../../../src/algebra/adam.js';
import { categorical, diagGaussian } from '../../../src/algebra/distributions.js';
import { initMlp, mlpForward } from '../../../src/algebra/mlp.js';
import type { Activation, MlpSpec } from '../../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed, splitRng } from '../../../src/algebra/rng.js';
import type { RunningStats } from '../../../src/algebra/runningStats.js';
import type { PolicySpec } from '../../../src/policies/policySpec.js';
import { actionWidth, logStdOffset, policyParameterCount, policySpec } from '../../../src/policies/policySpec.js';
import type { AdvantageEstimates, Batch, Estimated, IterationStreams, TrainingState, Updated } from '../../../src/streams/types.js';

/** The MLP of a policy (the one place these suites read the spec's network field). */
export const policyNetwork = (spec: PolicySpec): MlpSpec => spec.mlp;

/** A value network spec as TrainingState holds it. */
export const valueNetwork = (inputDim: number, hiddenSizes: readonly number[], activation: Activation = 'tanh'): TrainingState['valueSpec'] => ({
  inputDim,
  hiddenSizes,
  outputDim: 1,
  activation,
});

/** The fields of a TrainingState an operator reads; the rest are inert defaults. */
export interface StateParts {
  readonly policySpec: PolicySpec;
  readonly policyParams: Float32Array;
  readonly valueSpec: TrainingState['valueSpec'];
  readonly valueParams: Float32Array;
  readonly valueTargetStats?: RunningStats | null;
}

export const stateOf = (parts: StateParts): TrainingState => ({
  iteration: 0,
  timesteps: 0,
  episodes: 0,
  valueOptimizer: adamInit(parts.valueParams.length),
  observationStats: null,
  rng: rngStateFromSeed(1),
  envs: { envs: [] },
  observations: new Float32Array(0),
  episodeReturns: new Float64Array(0),
  episodeLengths: new Float64Array(0),
  recentReturns: [],
  recentLengths: [],
  valueTargetStats: null,
  ...parts,
});

/** The parts of a Batch the stages read; episode bookkeeping is left empty. */
export interface BatchParts {
  readonly numEnvs: number;
  readonly observationDim: number;
  readonly actionWidth: number;
  readonly observations: Float32Array;
  readonly actions: Float32Array;
  readonly rewards?: Float64Array;
  readonly terminated?: Uint8Array;
  readonly truncated?: Uint8Array;
  readonly finalObservations?: Float32Array;
  readonly bootstrapObservations?: Float32Array;
}

export const batchOf = (parts: BatchParts): Batch => {
  const rows = parts.observations.length / parts.observationDim;
  return {
    rows,
    stepsPerEnv: rows / parts.numEnvs,
    rewards: new Float64Array(rows),
    terminated: new Uint8Array(rows),
    truncated: new Uint8Array(rows),
    finalObservations: new Float32Array(parts.observations.length),
    bootstrapObservations: new Float32Array(parts.numEnvs * parts.observationDim),
    episodeReturns: [],
    episodeLengths: [],
    unstableEpisodes: 0,
    ...parts,
  };
};

export const streamsOf = (seed: number): IterationStreams => {
  const [sampling, fisher, value] = splitRng(rngStateFromSeed(seed), 3);
  return { sampling, fisher, value };
};

/** A stage after advantage estimation (values and returns only matter to the value fit). */
export const estimatedOf = (state: TrainingState, batch: Batch, estimates: Partial<AdvantageEstimates>, streams = streamsOf(0)): Estimated => ({
  state,
  batch,
  streams,
  estimates: {
    values: new Float64Array(batch.rows),
    advantages: new Float64Array(batch.rows),
    returns: new Float64Array(batch.rows),
    ...estimates,
  },
});

/** {@link estimatedOf} after a policy update that kept the policy. */
export const updatedOf = (stage: Estimated): Updated => ({
  ...stage,
  update: { params: stage.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0 },
});

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
  params.set(initMlp(policyNetwork(spec), { outputGain: 1 }, rng));
  for (let i = 0; i < params.length; i++) params[i] += 0.1 * rng.normal();
  if (spec.head === 'gaussian') for (let j = 0; j < spec.actionDim; j++) params[logStdOffset(spec) + j] = -0.4 + 0.3 * j;
  const observations = Float32Array.from({ length: rows * observationDim }, () => rng.normal());
  const actions =
    spec.head === 'categorical' ? Float32Array.from({ length: rows }, () => rng.int(actionSize)) : Float32Array.from({ length: rows * actionWidth(spec) }, () => rng.normal());
  const advantages = Float64Array.from({ length: rows }, () => rng.normal());
  return { spec, params, rows, observations, actions, advantages };
};

/** A stage holding a policy case (value network unused by the policy update). */
export const policyStage = (c: PolicyCase, advantages: Float64Array = c.advantages, streams = streamsOf(0)): Estimated => {
  const d = policyNetwork(c.spec).inputDim;
  const state = stateOf({ policySpec: c.spec, policyParams: c.params, valueSpec: valueNetwork(d, []), valueParams: new Float32Array(d + 1) });
  const batch = batchOf({ numEnvs: 1, observationDim: d, actionWidth: actionWidth(c.spec), observations: c.observations, actions: c.actions });
  return estimatedOf(state, batch, { advantages }, streams);
};

/** Distribution parameters of every row `[rows, outputDim]` by the float64 TypeScript forward pass. */
export const tsOutputs = (spec: PolicySpec, params: ArrayLike<number>, observations: Float32Array, rows: number): Float64Array => {
  const out = new Float64Array(rows * policyNetwork(spec).outputDim);
  mlpForward(policyNetwork(spec), params, observations, rows, out);
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

/** The backends a suite runs on: TRPO_BACKEND if set, else both pure-JS backends. */
export const suiteBackends = (): readonly ('cpu' | 'wasm')[] => {
  const chosen = process.env.TRPO_BACKEND;
  return chosen === 'cpu' || chosen === 'wasm' ? [chosen] : ['cpu', 'wasm'];
};
