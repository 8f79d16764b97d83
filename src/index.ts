/**
 * trpo-streams: Trust Region Policy Optimization (Schulman et al. 2015) as a typed RxJS pipeline.
 * The public API, re-exported on purpose.
 */
export type { Action, Env, StepResult } from './envs/env.js';
export { InvalidValueError, UnknownEnvError } from './envs/env.js';
export type { BoxSpace, DiscreteSpace, Space } from './envs/space.js';
export { makeEnv, makeEnvAsync, envIds } from './envs/registry.js';
export { VectorEnv } from './envs/vectorEnv.js';

export { Rng, rngStateFromSeed, splitRng } from './algebra/rng.js';
export type { RngState } from './algebra/rng.js';
export { conjugateGradient } from './algebra/cg.js';
export { backtrackingLineSearch } from './algebra/lineSearch.js';
export type { LineSearchResult } from './algebra/lineSearch.js';
export { gae, normalizeAdvantages } from './algebra/gae.js';
export { emptyStats, mergeStats, updateStats } from './algebra/runningStats.js';
export type { RunningStats } from './algebra/runningStats.js';
export { categorical, diagGaussian } from './algebra/distributions.js';
export { adamInit, adamStep } from './algebra/adam.js';
export type { AdamState } from './algebra/adam.js';
export { initMlp, mlpForward, mlpParameterCount } from './algebra/mlp.js';
export type { Activation, MlpSpec } from './algebra/mlp.js';

export { selectBackend } from './policies/backend.js';
export type { BackendName } from './policies/backend.js';
export { policySpec, policyParameterCount } from './policies/policySpec.js';
export type { PolicySpec } from './policies/policySpec.js';
export { policyObjective } from './policies/policyObjective.js';
export type { PolicyObjective, PolicySamples } from './policies/policyObjective.js';
export { makeActor } from './policies/actor.js';
export type { Actor } from './policies/actor.js';

export { baseConfig, validateConfig, TrainConfig } from './config/config.js';
export { presetNames, resolveConfig } from './config/presets.js';
export type { ConfigError } from './config/codec.js';

export { completeIteration, initialTrainingState, makeVectorEnv, train, trainRun } from './streams/train.js';
export type { TrainOptions } from './streams/train.js';
export { rollout, sampledOf, segmentRequest } from './streams/operators/rollout.js';
export { inProcessSampler, workerSampler } from './streams/sampling/sampler.js';
export type { Sampler, SampledSegment } from './streams/sampling/sampler.js';
export { concatSegments, sampleSegment } from './streams/sampling/segment.js';
export type { Segment, SegmentRequest } from './streams/sampling/segment.js';
export { advantages, estimateAdvantages } from './streams/operators/advantages.js';
export { trustRegionStep, trpoUpdate } from './streams/operators/trustRegionStep.js';
export type { TrustRegionOptions, UpdateOperator } from './streams/operators/trustRegionStep.js';
export { fitValue, fitValueNetwork } from './streams/operators/fitValue.js';
export { evaluatePolicy } from './streams/evaluate.js';
export { parsePolicy, savedPolicyOf, serializePolicy } from './streams/savedPolicy.js';
export type { SavedPolicy } from './streams/savedPolicy.js';
export { deserializeState, parseCheckpoint, serializeCheckpoint, serializeState } from './streams/stateCodec.js';
export type { Checkpoint, CheckpointError, MetricsPosition } from './streams/stateCodec.js';
export { decodeBase64, encodeBase64 } from './streams/base64.js';
export type {
  AdvantageEstimates,
  Batch,
  Estimated,
  Fitted,
  IterationMetrics,
  IterationResult,
  PolicyUpdate,
  Sampled,
  TrainingState,
  Updated,
  ValueFit,
} from './streams/types.js';
