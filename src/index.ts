/**
 * trpo-streams: Trust Region Policy Optimization (Schulman et al. 2015) as a typed RxJS pipeline.
 * The public API, re-exported on purpose.
 */
export type { Action, Env, EnvSnapshot, StepResult } from './envs/env.js';
export { InvalidValueError, UnknownEnvError } from './envs/env.js';
export type { BoxSpace, DiscreteSpace, Space } from './envs/space.js';
export { box, discrete } from './envs/space.js';
export { makeEnv, makeEnvAsync, envIds, registerEnv, knownEnvIds, isKnownEnvId, EnvRegistrationError } from './envs/registry.js';
export type { EnvFactory, RegisterEnvOptions } from './envs/registry.js';
export { checkEnv, EnvContractError } from './envs/envContract.js';
export { VectorEnv } from './envs/vectorEnv.js';
export { MINATAR_DEFAULTS, isMinAtarEnvId, minatarEnv, minatarEnvIds, resolveMinAtarOptions } from './envs/minatar/minatarEnv.js';
export type { MinAtarEnv, MinAtarEnvId, MinAtarOptions } from './envs/minatar/minatarEnv.js';
export { RandomState } from './envs/minatar/randomState.js';
export type { RandomStateSnapshot } from './envs/minatar/randomState.js';

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
export { convParameterCount, initConv } from './algebra/conv.js';
export type { ConvLayerSpec, ConvSpec } from './algebra/conv.js';

export { selectBackend } from './policies/backend.js';
export type { BackendName } from './policies/backend.js';
export { observationDim, policySpec, policyParameterCount, policySpecFromSaved } from './policies/policySpec.js';
export type { PolicySpec } from './policies/policySpec.js';
export { convNetworkSpec, initNetwork, plainNetworkOf } from './policies/networkSpec.js';
export type { BatchForward, ConvNetworkSpec, MlpNetworkSpec, NetworkKind, NetworkSpec, PlainNetwork } from './policies/networkSpec.js';
export { networkKinds, networkOf } from './policies/network.js';
export type { Network, NetworkTrace } from './policies/network.js';
export { policyObjective } from './policies/policyObjective.js';
export type { PolicyObjective, PolicySamples } from './policies/policyObjective.js';
export { vineObjective } from './policies/vineObjective.js';
export type { RolloutSamples } from './policies/vineObjective.js';
export { empiricalFisherAt, fisherAt } from './policies/fisher.js';
export type { FisherKind, FisherSamples, FisherStates, FisherVectorProduct } from './policies/fisher.js';
export { makeActor } from './policies/actor.js';
export type { Actor } from './policies/actor.js';

export { baseConfig, methodNames, validateConfig, RuleConfig, Sampling, TrainConfig, VineConfig } from './config/config.js';
export type { MethodName } from './config/config.js';
export { presetNames, resolveConfig } from './config/presets.js';
export { networksFor } from './config/networks.js';
export type { ConfigError } from './config/codec.js';

export { initialTrainingState, isIterationEvent, makeVectorEnv, samplerFor, train, trainEvents, trainRun, trpoStages } from './streams/train.js';
export type { SamplerFactory, TrainOptions } from './streams/train.js';
export { completeIteration, episodeEvents, iterationStreams, trainLoop } from './streams/loop.js';
export type { LoopOptions, LoopSampler, LoopStages } from './streams/loop.js';
export { isUpdateRule, ruleOperator } from './streams/updateRule.js';
export type { CandidateRequest, CandidateScores, RuleContext, RuleStep, UpdateOperator, UpdateRule } from './streams/updateRule.js';
export { candidateContext, evaluateCandidates, noCandidates } from './streams/candidates.js';
export { hopOn, nextTurn, onNextTurn } from './streams/immediate.js';
export { stallWarnings } from './streams/stalls.js';
export type { StallWarning } from './streams/stalls.js';
export { noStall, stallMessage, stallStreak, watchStalls } from './algebra/stalls.js';
export type { Stall, StallWatch, UpdateOutcome } from './algebra/stalls.js';
export type { Hop } from './streams/immediate.js';
export { rollout, sampledOf, segmentRequest } from './streams/operators/rollout.js';
export { inProcessSampler } from './streams/sampling/sampler.js';
export type { InProcessSamplerOptions, Sampler, SampledSegment } from './streams/sampling/sampler.js';
export { branchesPerState, concatBranches, sampleBranches } from './streams/sampling/branches.js';
export type { BranchRequest, BranchSegment } from './streams/sampling/branches.js';
export { rolloutSetRows, vineBranchSteps, vineSampler, vineStreams } from './streams/sampling/vineSampler.js';
export type { VineSamplerOptions } from './streams/sampling/vineSampler.js';
export { estimateVineQ, vineEstimates } from './streams/operators/vineEstimates.js';
export type { VineEstimateOptions } from './streams/operators/vineEstimates.js';
export { centerPerState } from './algebra/branchBaseline.js';
export { subsampleRows } from './algebra/rows.js';
export { concatSegments, sampleSegment } from './streams/sampling/segment.js';
export type { Segment, SegmentRequest } from './streams/sampling/segment.js';
export { advantages, estimateAdvantages } from './streams/operators/advantages.js';
export { trpoRule, trustRegionStep, trpoUpdate } from './streams/operators/trustRegionStep.js';
export type { TrustRegionOptions } from './streams/operators/trustRegionStep.js';
export { fitValue, fitValueNetwork } from './streams/operators/fitValue.js';
export { evaluateOn, evaluatePolicy, policyEnvMismatch, PolicyEnvMismatchError } from './streams/evaluate.js';
export type { EvaluateOptions, EvaluationResult } from './streams/evaluate.js';
export { policyFromSaved } from './streams/loadedPolicy.js';
export type { ActOptions, ContinuousPolicy, DiscretePolicy, LoadedPolicy } from './streams/loadedPolicy.js';
export { rollouts } from './streams/rollouts.js';
export type { PolicySnapshot, RolloutOptions, RolloutStep } from './streams/rollouts.js';
export { parsePolicy, savedPolicyOf, serializePolicy } from './streams/savedPolicy.js';
export type { SavedPolicy } from './streams/savedPolicy.js';
export { deserializeState, parseCheckpoint, serializeCheckpoint, serializeState } from './streams/stateCodec.js';
export type { Checkpoint, CheckpointError, MetricsPosition } from './streams/stateCodec.js';
export { decodeBase64, encodeBase64 } from './streams/base64.js';
export type {
  AdvantageEstimates,
  Batch,
  EpisodeEvent,
  Estimated,
  Fitted,
  IterationEvent,
  IterationMetrics,
  IterationResult,
  IterationStreams,
  PolicyUpdate,
  RolloutSet,
  RuleStateEntry,
  Sampled,
  SamplingReport,
  TrainEvent,
  TrainingState,
  Updated,
  ValueFit,
  VineEstimates,
} from './streams/types.js';
export { naturalDirection, stageObjective, trustRegionSearch, withGradient } from './streams/operators/trustRegionStep.js';
export type { GradientStart, KlBound } from './streams/operators/trustRegionStep.js';
export { countingRule, fixedStep } from './rules/gradientRule.js';
export type { RuleCounters } from './rules/gradientRule.js';
export { naturalGradientRule } from './rules/naturalGradient.js';
export type { NaturalGradientOptions } from './rules/naturalGradient.js';
export { vanillaGradientRule } from './rules/vanillaGradient.js';
export type { VanillaGradientOptions } from './rules/vanillaGradient.js';
export { maxKlRule } from './rules/maxKl.js';
export { rowKls } from './rules/rowKl.js';
export { cmaesAsk, cmaesInit, cmaesParameters, cmaesTell, FULL_COVARIANCE_MAX_DIMENSION, symmetricEigen } from './algebra/cmaes.js';
export type { CmaesOptions, CmaesParameters, CmaesState, CovarianceKind } from './algebra/cmaes.js';
export { cemAsk, cemInit, cemTell } from './algebra/cem.js';
export type { CemNoise, CemOptions, CemState } from './algebra/cem.js';
export { askTellRule } from './rules/askTellRule.js';
export { defaultStepSizes, ruleFor } from './rules/registry.js';
export type { AskTellOptimizer, CandidateEvaluationOptions } from './rules/askTellRule.js';
export { cemRule } from './rules/cemRule.js';
export type { CemRuleOptions } from './rules/cemRule.js';
export { cmaesRule } from './rules/cmaesRule.js';
export type { CmaesRuleOptions } from './rules/cmaesRule.js';

// Theory checked in code (paper §2–3): exact tabular MDPs, L_π, the bounds and Algorithm 1.
export { solveLinear } from './algebra/tabular/linearSolve.js';
export { tabularMdp } from './algebra/tabular/mdp.js';
export type { MdpError, TabularMdp } from './algebra/tabular/mdp.js';
export { greedyPolicy, mixPolicies, policyRow, softmaxPolicy, uniformPolicy } from './algebra/tabular/policy.js';
export type { TabularPolicy } from './algebra/tabular/policy.js';
export { randomLogits, randomMdp } from './algebra/tabular/randomMdp.js';
export type { RandomMdpOptions } from './algebra/tabular/randomMdp.js';
export { gridworld } from './algebra/tabular/gridworld.js';
export type { GridworldOptions } from './algebra/tabular/gridworld.js';
export { evaluatePolicy as evaluateTabularPolicy } from './algebra/tabular/evaluation.js';
export type { PolicyEvaluation } from './algebra/tabular/evaluation.js';
export { advantageGain, baseline, expectedAdvantages, surrogate, surrogateGradient } from './algebra/tabular/surrogate.js';
export type { Baseline } from './algebra/tabular/surrogate.js';
export { klDivergence, maxDivergence, perStateDivergence, totalVariation } from './algebra/tabular/divergence.js';
export type { Divergence } from './algebra/tabular/divergence.js';
export { cpiLowerBound, klLowerBound, maxAbsAdvantage, penaltyCoefficient, tvLowerBound } from './algebra/tabular/bounds.js';
export { algorithm1, maximizeMinorizer } from './algebra/tabular/algorithm1.js';
export type { Algorithm1Step, MinorizerSearchOptions } from './algebra/tabular/algorithm1.js';
export { algorithm1Slacks, cpiSlack, eq4Errors, etaDecreases, lemma1Error, pinskerSlack, theorem1Slacks } from './algebra/tabular/laws.js';
export { theoryReport } from './algebra/tabular/theoryReport.js';
export type { LawRow, TheoryCheckOptions, TheoryReport, TheorySummary } from './algebra/tabular/theoryReport.js';
export { lineChartSvg } from './report/lineChart.js';
export { panelGridSvg, summarizeCurves } from './report/learningCurves.js';
export type { CurvePanel, CurveSeries, CurveSummary, ReferenceLine, RunCurve } from './report/learningCurves.js';
export { experimentOf, groupRunsByExperiment, nonExperimentKeys } from './report/runGroups.js';
export type { ExperimentGroup, GroupableRun } from './report/runGroups.js';
export { panelNames, plotCaption, plotPanels } from './report/plotPanels.js';
export type { PanelName, PlottedRun } from './report/plotPanels.js';

// Exported policies (`trpo export`): a TensorFlow.js layers model and back, and the page's parts.
export { exportFormat, exportMetadataOf, layerWeightsOf, savedPolicyFromExport } from './export/exportedPolicy.js';
export type { ActionMapping, ExportMetadata, ObservationNormalizer } from './export/exportedPolicy.js';
export { modelFiles, policyModel, weightsFileName } from './export/tfjsModel.js';
export type { ModelFiles } from './export/tfjsModel.js';
export { exportPageHtml } from './export/exportPage.js';
export { playExported } from './export/page/playExported.js';
export type { PlayedEpisode } from './export/page/playExported.js';
export { drawObservation, drawnEnvIds } from './export/page/drawEnv.js';
export type { Canvas2D, Frame } from './export/page/drawEnv.js';
export type { ChartPanel, ChartSeries } from './report/lineChart.js';

// Empirical Fisher and reward-weighted regression (paper §8).
export { rowScores, scoreJvp, scoreVjp } from './policies/score.js';
export type { RowScores } from './policies/score.js';
export type { PolicyObjectiveOptions } from './policies/policyObjective.js';
export { weightedLikelihood } from './policies/weightedLikelihood.js';
export type { WeightedLikelihood } from './policies/weightedLikelihood.js';
export { empiricalFisherRule } from './rules/empiricalFisher.js';
export { effectiveSampleSize, rewardWeights } from './algebra/rewardWeights.js';
export type { RewardWeightOptions } from './algebra/rewardWeights.js';
export { rwrRule } from './rules/rwr.js';
export type { RwrOptions } from './rules/rwr.js';
