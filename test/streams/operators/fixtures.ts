// Small hand-built stages for the operator suites: a training state and a batch holding only what
// the stages read.
import { adamInit } from '../../../src/algebra/adam.js';
import type { Activation } from '../../../src/algebra/mlp.js';
import { rngStateFromSeed, splitRng } from '../../../src/algebra/rng.js';
import type { RunningStats } from '../../../src/algebra/runningStats.js';
import type { MlpNetworkSpec } from '../../../src/policies/networkSpec.js';
import type { PolicySpec } from '../../../src/policies/policySpec.js';
import { actionWidth, observationDim } from '../../../src/policies/policySpec.js';
import type { AdvantageEstimates, Batch, Estimated, IterationStreams, TrainingState, Updated } from '../../../src/streams/types.js';
import type { PolicyCase } from '../../policies/fixtures.js';

/** A value network spec as TrainingState holds it. */
export const valueNetwork = (inputDim: number, hiddenSizes: readonly number[], activation: Activation = 'tanh'): MlpNetworkSpec => ({
  kind: 'mlp',
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
  wallSeconds: 0,
  rule: null,
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
  const [sampling, fisher, value, rule] = splitRng(rngStateFromSeed(seed), 4);
  return { sampling, fisher, value, rule };
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

/** A stage holding a policy case (value network unused by the policy update). */
export const policyStage = (c: PolicyCase, advantages: Float64Array = c.advantages, streams = streamsOf(0)): Estimated => {
  const d = observationDim(c.spec);
  const state = stateOf({ policySpec: c.spec, policyParams: c.params, valueSpec: valueNetwork(d, []), valueParams: new Float32Array(d + 1) });
  const batch = batchOf({ numEnvs: 1, observationDim: d, actionWidth: actionWidth(c.spec), observations: c.observations, actions: c.actions });
  return estimatedOf(state, batch, { advantages }, streams);
};

/** The backends a suite runs on: TRPO_BACKEND if set, else both pure-JS backends. */
export const suiteBackends = (): readonly ('cpu' | 'wasm')[] => {
  const chosen = process.env.TRPO_BACKEND;
  return chosen === 'cpu' || chosen === 'wasm' ? [chosen] : ['cpu', 'wasm'];
};

/** Solves A x = b by Gaussian elimination with partial pivoting (float64, A copied). */
export const solve = (matrix: readonly Float64Array[], b: Float64Array): Float64Array => {
  const n = b.length, a = matrix.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      for (let j = col; j <= n; j++) a[r][j] -= f * a[col][j];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let j = r + 1; j < n; j++) s -= a[r][j] * x[j];
    x[r] = s / a[r][r];
  }
  return x;
};
