import type { Observable } from 'rxjs';
import { concatMap, defer, finalize, from, map, of, switchMap } from 'rxjs';
import { adamInit } from '../algebra/adam.js';
import { Rng, rngStateFromSeed, splitRng } from '../algebra/rng.js';
import type { RngState } from '../algebra/rng.js';
import { emptyStats } from '../algebra/runningStats.js';
import type { TrainConfig } from '../config/config.js';
import { makeEnvAsync } from '../envs/registry.js';
import { VectorEnv } from '../envs/vectorEnv.js';
import type { BackendName } from '../policies/backend.js';
import { selectBackend } from '../policies/backend.js';
import { initNetwork } from '../policies/networkSpec.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { logStdOffset, observationDim, policyParameterCount, policySpec } from '../policies/policySpec.js';
import { iterateTurns } from './immediate.js';
import { advantages } from './operators/advantages.js';
import { fitValue } from './operators/fitValue.js';
import { sampledOf, segmentRequest } from './operators/rollout.js';
import type { UpdateOperator } from './operators/trustRegionStep.js';
import { trustRegionStep } from './operators/trustRegionStep.js';
import { inProcessSampler, workerSampler } from './sampling/sampler.js';
import type { SampledSegment } from './sampling/sampler.js';
import type { Fitted, IterationResult, IterationStreams, TrainingState } from './types.js';

/** Options of {@link trainRun} beyond the config. */
export interface TrainOptions {
  /** Replaces the TRPO step with another update rule over the same stages. */
  readonly update?: (config: TrainConfig) => UpdateOperator;
  /** Continues from a saved state instead of a fresh initialization. */
  readonly initialState?: TrainingState;
  /** Called once the tfjs backend has started, with its name. */
  readonly onBackend?: (backend: BackendName) => void;
  /**
   * Worker threads that step the envs (default 1: in this thread). The batch is the same for any
   * number of workers: each env draws from its own generator.
   */
  readonly workers?: number;
}

/** The policy shape a config asks for on an env's spaces. */
export const policySpecFor = (config: TrainConfig, envs: VectorEnv): PolicySpec => {
  const space = envs.actionSpace;
  return policySpec({
    observationDim: envs.observationSpace.shape[0],
    head: space._tag === 'Discrete' ? 'categorical' : 'gaussian',
    actionSize: space._tag === 'Discrete' ? space.n : space.shape[0],
    hiddenSizes: config.policy.hiddenSizes,
    activation: config.policy.activation,
  });
};

/** A fresh training state: initialized networks, reset envs, zero counters. */
export const initialTrainingState = (config: TrainConfig, envs: VectorEnv): TrainingState => {
  const [policyStream, valueStream, loopStream] = splitRng(rngStateFromSeed(config.seed), 3);
  const spec = policySpecFor(config, envs);
  const policyParams = new Float32Array(policyParameterCount(spec));
  policyParams.set(initNetwork(spec.network, { outputGain: 0.01 }, new Rng(policyStream)));
  if (spec.head === 'gaussian') policyParams.fill(config.policy.logStdInit, logStdOffset(spec));
  const valueSpec: NetworkSpec = { kind: 'mlp', inputDim: observationDim(spec), hiddenSizes: config.value.hiddenSizes, outputDim: 1, activation: config.value.activation };
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
  };
};

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Folds the stages of an iteration into the next state and its metrics. */
export const completeIteration = (fitted: Fitted, startedAt: number): IterationResult => {
  const { state, batch, update, valueFit } = fitted;
  const next: TrainingState = {
    ...state,
    iteration: state.iteration + 1,
    policyParams: update.params,
    valueParams: valueFit.params,
    valueOptimizer: valueFit.optimizer,
    valueTargetStats: valueFit.targetStats,
  };
  return {
    state: next,
    metrics: {
      iteration: next.iteration,
      timesteps: next.timesteps,
      episodeReturnMean: mean(next.recentReturns),
      episodeLengthMean: mean(next.recentLengths),
      episodes: batch.episodeReturns.length,
      kl: update.kl,
      surrogateGain: update.surrogateGain,
      entropy: update.entropy,
      valueLoss: valueFit.lossBefore,
      explainedVariance: valueFit.explainedVariance,
      lineSearchSteps: update.lineSearchSteps,
      accepted: update.accepted,
      cgIterations: update.cgIterations,
      unstableEpisodes: batch.unstableEpisodes,
      wallSeconds: (performance.now() - startedAt) / 1000,
    },
  };
};

/** Creates the config's vector env (MuJoCo ids load their wasm module first). */
export const makeVectorEnv = async (config: TrainConfig): Promise<VectorEnv> => {
  const envs = await Promise.all(Array.from({ length: config.numEnvs }, () => makeEnvAsync(config.env)));
  return new VectorEnv(envs);
};

/**
 * TRPO training as a stream: each emission is one finished iteration (sample → advantages →
 * update → value fit) with the new state. The next batch is sampled while the value network is
 * fitted (it needs only the updated policy), which overlaps the two when sampling runs on workers. Iterations run until `config.totalSteps` env steps (the
 * last batch shrinks to fit); each hops through the event loop, so the stack stays flat and
 * unsubscribing stops the run between iterations.
 */
export const trainRun = (config: TrainConfig, options: TrainOptions = {}): Observable<IterationResult> =>
  defer(() =>
    from(
      (async () => {
        const backend = await selectBackend(config.backend);
        options.onBackend?.(backend);
        const envs = await makeVectorEnv(config);
        if (options.initialState) envs.restore(options.initialState.envs);
        const state = options.initialState ?? initialTrainingState(config, envs);
        const workers = Math.min(options.workers ?? 1, config.numEnvs);
        if (workers <= 1) return { sampler: inProcessSampler(envs), state };
        envs.close();
        return { sampler: workerSampler(config.env, config.numEnvs, workers), state };
      })(),
    ),
  ).pipe(
    switchMap(({ sampler, state }) => {
      const startedAt = performance.now();
      const update = (options.update ?? ((c: TrainConfig) => trustRegionStep(c.trpo)))(config);
      const stepsFor = (timesteps: number) => Math.min(config.stepsPerEnv, Math.floor((config.totalSteps - timesteps) / sampler.numEnvs));
      // Starts sampling the next batch from a state's envs and policy, with the streams split off its generator.
      const launch = (origin: TrainingState, stepsPerEnv: number): Lookahead => {
        const [rng, sampling, fisher, value] = splitRng(origin.rng, 4);
        const streams = { sampling, fisher, value };
        const sampled = sampler.sample(origin.envs, segmentRequest(origin, streams, stepsPerEnv));
        sampled.catch(() => undefined); // a run stopped before it is used must not leave an unhandled rejection
        return { rng, streams, sampled };
      };
      const iterate = ({ state: current, ahead }: LoopState): Observable<LoopStep> | null => {
        const stepsPerEnv = stepsFor(current.timesteps);
        if (stepsPerEnv < 1) return null;
        const pending = ahead ?? launch(current, stepsPerEnv);
        return from(pending.sampled).pipe(
          map(({ segment, envs }) => sampledOf({ ...current, rng: pending.rng }, pending.streams, segment, envs)),
          advantages({ gamma: config.gamma, lambda: config.lambda, normalize: config.trpo.normalizeAdvantages }),
          update,
          // the next batch needs only the new policy and the envs: it is sampled (on the workers)
          // while this thread fits the value network
          map((stage) => {
            const nextSteps = stepsFor(stage.state.timesteps);
            return { stage, next: nextSteps < 1 ? null : launch({ ...stage.state, policyParams: stage.update.params }, nextSteps) };
          }),
          concatMap(({ stage, next }) =>
            of(stage).pipe(
              fitValue(config.value),
              map((fitted) => ({ result: completeIteration(fitted, startedAt), next })),
            ),
          ),
        );
      };
      return iterateTurns<LoopState, LoopStep>({ state, ahead: null }, iterate, ({ result, next }) => ({ state: result.state, ahead: next })).pipe(
        map(({ result }) => result),
        finalize(() => void sampler.close()),
      );
    }),
  );

/** A batch being sampled ahead of its iteration, with the generator state and streams it was split from. */
interface Lookahead {
  readonly rng: RngState;
  readonly streams: IterationStreams;
  readonly sampled: Promise<SampledSegment>;
}

/** What the training loop carries from one iteration to the next. */
interface LoopState {
  readonly state: TrainingState;
  readonly ahead: Lookahead | null;
}

/** One turn of the training loop: the finished iteration and the next batch, already sampling. */
interface LoopStep {
  readonly result: IterationResult;
  readonly next: Lookahead | null;
}

/** {@link trainRun} reduced to its metrics stream. */
export const train = (config: TrainConfig, options: TrainOptions = {}): Observable<IterationResult['metrics']> =>
  trainRun(config, options).pipe(map((r) => r.metrics));
