import type { AdamState } from '../algebra/adam.js';
import type { RngState } from '../algebra/rng.js';
import type { RunningStats } from '../algebra/runningStats.js';
import type { VectorEnvState } from '../envs/vectorEnv.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import type { PolicySpec } from '../policies/policySpec.js';

/**
 * Everything a training run needs to continue, as plain serializable data: counters, weights,
 * optimizer moments, normalizer, RNG and env states. Checkpoint = write it; resume = read it.
 */
export interface TrainingState {
  readonly iteration: number;
  readonly timesteps: number;
  /** Episodes completed since the start of the run. */
  readonly episodes: number;
  readonly policySpec: PolicySpec;
  readonly policyParams: Float32Array;
  readonly valueSpec: NetworkSpec;
  readonly valueParams: Float32Array;
  readonly valueOptimizer: AdamState;
  /**
   * Running statistics of the value targets (null when targets are not normalized): the network
   * predicts (V − mean) / std, so its output stays O(1) whatever the reward scale.
   */
  readonly valueTargetStats: RunningStats | null;
  /** Running statistics of raw observations (null when observations are not normalized). */
  readonly observationStats: RunningStats | null;
  /** Generator the next iteration splits its streams from. */
  readonly rng: RngState;
  readonly envs: VectorEnvState;
  /** Raw observation each env currently shows, `[numEnvs, obsDim]`. */
  readonly observations: Float32Array;
  /** Return and length so far of each env's unfinished episode. */
  readonly episodeReturns: Float64Array;
  readonly episodeLengths: Float64Array;
  /** Returns and lengths of the most recent finished episodes (up to 100), oldest first. */
  readonly recentReturns: readonly number[];
  readonly recentLengths: readonly number[];
  /** Wall-clock seconds the run has trained so far, across resumes. */
  readonly wallSeconds: number;
  /** The update rule's own state (plain data), tagged with the rule's name; null before its first update. */
  readonly rule: RuleStateEntry | null;
}

/** An update rule's state inside a {@link TrainingState}: the rule's name and its plain data. */
export interface RuleStateEntry {
  readonly name: string;
  readonly state: unknown;
}

/**
 * Experience of one iteration: `numEnvs` envs stepped `stepsPerEnv` times, rows time-major
 * (row = t · numEnvs + env). Observations are as the policy saw them (normalized if enabled).
 */
export interface Batch {
  readonly numEnvs: number;
  readonly stepsPerEnv: number;
  readonly rows: number;
  readonly observationDim: number;
  /** Scalars per action: 1 for discrete actions. */
  readonly actionWidth: number;
  readonly observations: Float32Array; // [rows, obsDim]
  readonly actions: Float32Array; // [rows, actionWidth]
  readonly rewards: Float64Array; // [rows]
  readonly terminated: Uint8Array; // [rows]
  readonly truncated: Uint8Array; // [rows]
  /** Final observation of an episode cut by the time limit, at its row; zeros on other rows. */
  readonly finalObservations: Float32Array; // [rows, obsDim]
  /** Observation after the last step of each env, `[numEnvs, obsDim]`, for bootstrapping. */
  readonly bootstrapObservations: Float32Array;
  /** Returns and lengths of the episodes that finished in this batch. */
  readonly episodeReturns: readonly number[];
  readonly episodeLengths: readonly number[];
  /** Episodes ended because the simulation went unstable (MuJoCo NaN states). */
  readonly unstableEpisodes: number;
}

/** Value predictions and GAE estimates for a batch. */
export interface AdvantageEstimates {
  readonly values: Float64Array; // [rows]
  /** GAE(γ, λ) advantages, normalized to mean 0 / std 1 when the config asks. */
  readonly advantages: Float64Array; // [rows]
  /** Value targets: unnormalized advantages plus values. */
  readonly returns: Float64Array; // [rows]
}

/** What a policy update did: new weights and its diagnostics. */
export interface PolicyUpdate {
  readonly params: Float32Array;
  readonly accepted: boolean;
  /** Mean KL(π_old ‖ π_new) over the batch (0 when rejected). */
  readonly kl: number;
  /** L(θ_new) − L(θ_old) (0 when rejected). */
  readonly surrogateGain: number;
  /** Surrogate evaluations of the line search (or 0 for rules without one). */
  readonly lineSearchSteps: number;
  /** Mean policy entropy before the update (nats). */
  readonly entropy: number;
  readonly cgIterations: number;
  readonly gradientNorm: number;
  /** A rule's own diagnostics (written to metrics.jsonl under `diagnostics`); TRPO has none. */
  readonly diagnostics?: Readonly<Record<string, number>>;
}

/** The value network after fitting, and its loss. */
export interface ValueFit {
  readonly params: Float32Array;
  readonly optimizer: AdamState;
  /** Target statistics after this batch (null when targets are not normalized). */
  readonly targetStats: RunningStats | null;
  /** Mean squared error on the batch before fitting, in the network's (normalized) units. */
  readonly lossBefore: number;
  /** Mean squared error on the batch after fitting. */
  readonly loss: number;
  /** 1 − Var(returns − V) / Var(returns), before fitting. */
  readonly explainedVariance: number;
}

/** The RNG streams one iteration draws from, split off the state's generator. */
export interface IterationStreams {
  readonly sampling: RngState;
  readonly fisher: RngState;
  readonly value: RngState;
  /** For the update rule's own draws (candidate seeds, perturbations). */
  readonly rule: RngState;
}

/**
 * The rollout set of a vine iteration (paper Sec. 5.2): `states` trunk states, each with
 * `branches` branch rollouts that differ only by their first action. Branch rows are state-major
 * (row = n · branches + k). Categorical policies branch on every action (action k on branch k).
 */
export interface RolloutSet {
  readonly states: number;
  readonly branches: number;
  /** Trunk rows (of the batch) the states were taken at, sorted, `[states]`. */
  readonly rows: Int32Array;
  /** The states' observations as the policy saw them, `[states, obsDim]`. */
  readonly observations: Float32Array;
  /** First action of each branch, `[states · branches, actionWidth]`. */
  readonly actions: Float32Array;
  /** Discounted return of each branch (Q̂ without any bootstrap), `[states · branches]`. */
  readonly returns: Float64Array;
  /** Env steps of each branch, `[states · branches]`. */
  readonly lengths: Float64Array;
  /** 1 where a branch ended without reaching a terminal state (branch length or time limit). */
  readonly cut: Uint8Array;
  /** Observation after each branch's last step, as the policy sees it, `[states · branches, obsDim]`. */
  readonly finalObservations: Float32Array;
  /** Env steps all branches took together. */
  readonly steps: number;
}

/** Stage after sampling: the state (env part advanced) and the batch. */
export interface Sampled {
  readonly state: TrainingState;
  readonly streams: IterationStreams;
  /** The trunk: the steps of the run's envs (single path: all the experience). */
  readonly batch: Batch;
  /** Vine sampling's rollout set (absent for single path). */
  readonly rolloutSet?: RolloutSet;
}

/** Vine estimates: one Q̂ per branch of the rollout set. */
export interface VineEstimates {
  /**
   * Q̂ of each branch `[states · branches]` minus its state's mean over the branches (a baseline
   * that changes neither Eq. (15)'s gradient nor Eq. (16) beyond a constant), optionally rescaled.
   */
  readonly q: Float64Array;
}

/** Stage after advantage estimation. */
export interface Estimated extends Sampled {
  /** GAE estimates of the batch (of the trunk under vine, for the value fit). */
  readonly estimates: AdvantageEstimates;
  /** Vine's Q̂ estimates; when present the policy update optimizes the vine surrogate over the rollout set. */
  readonly vine?: VineEstimates;
}

/** Stage after the policy update. */
export interface Updated extends Estimated {
  readonly update: PolicyUpdate;
}

/** Stage after value fitting. */
export interface Fitted extends Updated {
  readonly valueFit: ValueFit;
}

/** One line of metrics.jsonl: what an iteration did. */
export interface IterationMetrics {
  readonly iteration: number;
  readonly timesteps: number;
  /** Mean return over the last (up to) 100 finished episodes; null before any finished. */
  readonly episodeReturnMean: number | null;
  readonly episodeLengthMean: number | null;
  /** Episodes finished in this iteration. */
  readonly episodes: number;
  readonly kl: number;
  readonly surrogateGain: number;
  readonly entropy: number;
  readonly valueLoss: number;
  readonly explainedVariance: number;
  readonly lineSearchSteps: number;
  readonly accepted: boolean;
  readonly cgIterations: number;
  readonly unstableEpisodes: number;
  /** The update rule's own diagnostics, when it has any. */
  readonly diagnostics?: Readonly<Record<string, number>>;
  /** What sampling through a broker cost and survived for this batch (absent for in-process and thread sampling). */
  readonly broker?: SamplingReport;
  /** Wall-clock seconds since the run started, counted across resumes. */
  readonly wallSeconds: number;
}

/**
 * Counts of a sampler that sends tasks over a broker, for one batch: tasks sent, tasks run again
 * (a worker died or stalled, a job failed or was lost, a result was refused), late duplicate
 * results dropped, refused results, and bytes of tasks, policy releases and results.
 */
export interface SamplingReport {
  readonly tasks: number;
  readonly retried: number;
  readonly duplicatesDropped: number;
  readonly rejectedResults: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

/** What each iteration of a run emits: the new state and its metrics. */
export interface IterationResult {
  readonly state: TrainingState;
  readonly metrics: IterationMetrics;
}

/** An episode that finished while sampling. */
export interface EpisodeEvent {
  readonly _tag: 'episode';
  /** The iteration whose batch holds the episode's last step (1-based, as in the metrics). */
  readonly iteration: number;
  /** Index of the env in the vector env. */
  readonly env: number;
  /** Run timesteps when the episode ended. */
  readonly timesteps: number;
  readonly return: number;
  readonly length: number;
  /** Ended in a terminal state (else cut by the time limit). */
  readonly terminated: boolean;
  readonly truncated: boolean;
}

/** A finished iteration: its metrics and the state a checkpoint writer needs. */
export interface IterationEvent extends IterationResult {
  readonly _tag: 'iteration';
}

/** What a run emits: episodes as they finish, then each finished iteration. */
export type TrainEvent = EpisodeEvent | IterationEvent;
