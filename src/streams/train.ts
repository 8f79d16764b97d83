/**
 * TRPO training: the TRPO preset of {@link trainLoop} (in-process sampling, GAE, the trust-region
 * rule, Adam value fitting), as one multicast stream of events per run.
 *
 * @module
 */
import type { Observable, OperatorFunction } from 'rxjs';
import { defer, filter, from, map, share, switchMap } from 'rxjs';
import { adamInit } from '../algebra/adam.js';
import { Rng, rngStateFromSeed, splitRng } from '../algebra/rng.js';
import { emptyStats } from '../algebra/runningStats.js';
import type { TrainConfig } from '../config/config.js';
import { networksFor } from '../config/networks.js';
import { makeEnvAsync } from '../envs/registry.js';
import { VectorEnv } from '../envs/vectorEnv.js';
import type { BackendName } from '../policies/backend.js';
import { selectBackend } from '../policies/backend.js';
import { initNetwork } from '../policies/networkSpec.js';
import { logStdOffset, observationDim, policyParameterCount } from '../policies/policySpec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { candidateContext } from './candidates.js';
import type { EnvFactory } from './candidates.js';
import type { Hop } from './immediate.js';
import type { LoopSampler, LoopStages } from './loop.js';
import { trainLoop } from './loop.js';
import { advantages } from './operators/advantages.js';
import { fitValue } from './operators/fitValue.js';
import { trpoRule } from './operators/trustRegionStep.js';
import { vineEstimates } from './operators/vineEstimates.js';
import { inProcessSampler } from './sampling/sampler.js';
import { vineSampler } from './sampling/vineSampler.js';
import type { Estimated, Fitted, IterationEvent, IterationMetrics, IterationResult, Sampled, TrainEvent, TrainingState, Updated } from './types.js';
import type { UpdateOperator, UpdateRule } from './updateRule.js';
import { isUpdateRule, ruleOperator } from './updateRule.js';

/** Builds the sampler stage of a run from its config, its (in-process) envs and its env factory. */
export type SamplerFactory = (run: { readonly config: TrainConfig; readonly envs: VectorEnv; readonly makeEnv: EnvFactory }) => LoopSampler | Promise<LoopSampler>;

/** Options of {@link trainEvents} (and {@link trainRun}, {@link train}) beyond the config. */
export interface TrainOptions {
  /**
   * Replaces the TRPO update: an {@link UpdateRule} (its state goes into the training state and
   * checkpoints) or an update operator. Default: `trpoRule(config.trpo)`.
   */
  // any: the rule's state type is the rule's own business; the loop stores it as plain data
  readonly update?: (config: TrainConfig) => UpdateRule<any> | UpdateOperator;
  /** Replaces the advantage estimator (default: GAE(γ, λ) from the config). */
  readonly estimator?: (config: TrainConfig) => OperatorFunction<Sampled, Estimated>;
  /** Replaces the value fitter (default: Adam on the GAE returns, from the config). */
  readonly valueFit?: (config: TrainConfig) => OperatorFunction<Updated, Fitted>;
  /** Makes the run's envs (default: the registered factory of `config.env`); any object meeting the `Env` contract trains. */
  readonly makeEnv?: EnvFactory;
  /** Builds the sampler stage (default: in-process; `trpo-streams/node` has `workerSamplers(n)`). */
  readonly sampler?: SamplerFactory;
  /** Continues from a saved state instead of a fresh initialization. */
  readonly initialState?: TrainingState;
  /** Called once the tfjs backend has started, with its name. */
  readonly onBackend?: (backend: BackendName) => void;
  /** The loop's hop between iterations (tests pass a scheduler's; default: the next event-loop turn). */
  readonly hop?: Hop;
}

/**
 * A fresh training state: initialized networks, reset envs, zero counters.
 *
 * @example
 * const state = initialTrainingState(config, await makeVectorEnv(config));
 */
export const initialTrainingState = (config: TrainConfig, envs: VectorEnv): TrainingState => {
  const [policyStream, valueStream, loopStream] = splitRng(rngStateFromSeed(config.seed), 3);
  const { policy: spec, value: valueSpec } = networksFor(config, envs);
  const policyParams = new Float32Array(policyParameterCount(spec));
  policyParams.set(initNetwork(spec.network, { outputGain: 0.01 }, new Rng(policyStream)));
  if (spec.head === 'gaussian') policyParams.fill(config.policy.logStdInit, logStdOffset(spec));
  const valueParams = initNetwork(valueSpec, { outputGain: 1 }, new Rng(valueStream));
  const observations = Float32Array.from(envs.reset(config.seed));
  return {
    iteration: 0,
    timesteps: 0,
    episodes: 0,
    policySpec: spec,
    policyParams,
    valueSpec,
    valueParams,
    valueOptimizer: adamInit(valueParams.length),
    valueTargetStats: config.value.normalizeTargets ? emptyStats(1) : null,
    observationStats: config.normalizeObservations ? emptyStats(observationDim(spec)) : null,
    rng: loopStream,
    envs: envs.snapshot(),
    observations,
    episodeReturns: new Float64Array(envs.num),
    episodeLengths: new Float64Array(envs.num),
    recentReturns: [],
    recentLengths: [],
    wallSeconds: 0,
    rule: null,
  };
};

/**
 * Creates the config's vector env (MuJoCo ids load their wasm module first), or one of `makeEnv`'s envs.
 *
 * @example
 * const envs = await makeVectorEnv(config);
 */
export const makeVectorEnv = async (config: TrainConfig, makeEnv: EnvFactory = () => makeEnvAsync(config.env)): Promise<VectorEnv> => {
  const envs = await Promise.all(Array.from({ length: config.numEnvs }, () => makeEnv()));
  return new VectorEnv(envs);
};

/** GAE, and under vine sampling the branches' Q̂ too (paper Sec. 5.2). */
const defaultEstimator = (config: TrainConfig): OperatorFunction<Sampled, Estimated> => {
  const options = { gamma: config.gamma, lambda: config.lambda, normalize: config.trpo.normalizeAdvantages };
  return config.sampling === 'vine' ? vineEstimates({ ...options, bootstrap: config.vine.bootstrap }) : advantages(options);
};

/**
 * The sampler stage of a config: `sampler` itself for single path; for vine, `sampler` (which must
 * be able to branch: in-process or worker threads) wrapped into a {@link vineSampler}.
 *
 * @example
 * const stage = samplerFor(config, inProcessSampler(envs), state.policySpec);
 */
export const samplerFor = (config: TrainConfig, sampler: LoopSampler, spec: PolicySpec): LoopSampler =>
  config.sampling === 'vine' ? vineSampler(sampler, { ...config.vine, gamma: config.gamma }, spec) : sampler;

/**
 * The TRPO preset's stages for a config, any of them replaced through `options`. Under vine
 * sampling the estimator also estimates the branches' Q̂ (pass a sampler from {@link samplerFor}).
 *
 * @example
 * const stages = trpoStages(config, inProcessSampler(envs), () => makeEnvAsync(config.env));
 */
export const trpoStages = (config: TrainConfig, sampler: LoopSampler, makeEnv: EnvFactory, options: TrainOptions = {}): LoopStages => {
  const update = options.update?.(config) ?? trpoRule(config.trpo);
  return {
    sampler,
    estimator: options.estimator?.(config) ?? defaultEstimator(config),
    update: isUpdateRule(update) ? ruleOperator(update, candidateContext(makeEnv)) : update,
    valueFit: options.valueFit?.(config) ?? fitValue(config.value),
  };
};

/**
 * A training run as one multicast stream of events: `episode` as each episode of a batch
 * finishes, `iteration` (metrics and the new state) as each iteration ends. It starts when first
 * subscribed; every subscriber that joins before it ends sees the same run (subscribe the
 * consumers in the same tick to see all of it); unsubscribing the last one stops the run.
 * Iterations run until `config.totalSteps` env steps (the last batch shrinks to fit; under vine
 * sampling the branches' steps count too). `config.sampling` picks single path or vine.
 *
 * @example
 * const events = trainEvents(config);
 * events.pipe(filter((e) => e._tag === 'episode')).subscribe((e) => console.log('episode', e.return));
 * events.pipe(filter((e) => e._tag === 'iteration')).subscribe((e) => console.log(e.metrics.kl));
 */
export const trainEvents = (config: TrainConfig, options: TrainOptions = {}): Observable<TrainEvent> =>
  defer(() =>
    from(
      (async () => {
        const backend = await selectBackend(config.backend);
        options.onBackend?.(backend);
        const makeEnv = options.makeEnv ?? (() => makeEnvAsync(config.env));
        const envs = await makeVectorEnv(config, makeEnv);
        if (options.initialState) envs.restore(options.initialState.envs);
        const state = options.initialState ?? initialTrainingState(config, envs);
        const sampler = await (options.sampler ?? (({ envs: e }) => inProcessSampler(e, { makeEnv })))({ config, envs, makeEnv });
        return { stages: trpoStages(config, samplerFor(config, sampler, state.policySpec), makeEnv, options), state };
      })(),
    ),
  ).pipe(
    switchMap(({ stages, state }) => trainLoop(stages, state, { stepsPerEnv: config.stepsPerEnv, totalSteps: config.totalSteps, hop: options.hop })),
    share(),
  );

/** Whether an event is an iteration's. */
export const isIterationEvent = (event: TrainEvent): event is IterationEvent => event._tag === 'iteration';

/**
 * {@link trainEvents} reduced to its iterations: each emission is one finished iteration with the
 * new state (what a checkpoint writer needs) and its metrics. Multicast like `trainEvents`.
 *
 * @example
 * trainRun(config).pipe(take(3)).subscribe(({ state, metrics }) => console.log(state.iteration, metrics.kl));
 */
export const trainRun = (config: TrainConfig, options: TrainOptions = {}): Observable<IterationResult> =>
  trainEvents(config, options).pipe(
    filter(isIterationEvent),
    map(({ state, metrics }) => ({ state, metrics })),
    share(),
  );

/**
 * {@link trainRun} reduced to its metrics stream (one line of metrics.jsonl per iteration).
 *
 * @example
 * train(config).pipe(take(20)).subscribe((m) => console.log(m.iteration, m.episodeReturnMean));
 */
export const train = (config: TrainConfig, options: TrainOptions = {}): Observable<IterationMetrics> =>
  trainRun(config, options).pipe(
    map((r) => r.metrics),
    share(),
  );
