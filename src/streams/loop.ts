/**
 * The training loop, written once over swappable stages: sampler → estimator → update → value
 * fit → next state. Stages are operators over the one long stream of iterations (a `scan` stage
 * keeps its state), the RNG streams of each iteration are split in one place
 * ({@link iterationStreams}), and the loop owns the timing: the step budget, one event-loop hop
 * per iteration, sampling the next batch during value fitting when the sampler runs in the
 * background, and cancellation of all of it on unsubscribe.
 *
 * @module
 */
import type { Observable, ObservableInput, OperatorFunction } from 'rxjs';
import { Observable as RxObservable, ReplaySubject, Subject, Subscription, from, tap } from 'rxjs';
import { splitRng } from '../algebra/rng.js';
import { mean } from '../algebra/vector.js';
import type { RngState } from '../algebra/rng.js';
import type { VectorEnvState } from '../envs/vectorEnv.js';
import type { Hop } from './immediate.js';
import { onNextTurn } from './immediate.js';
import { sampledOf, segmentRequest } from './operators/rollout.js';
import type { BranchRequest, BranchSegment } from './sampling/branches.js';
import type { SampledSegment } from './sampling/sampler.js';
import type { SegmentRequest } from './sampling/segment.js';
import type {
  EpisodeEvent,
  Estimated,
  Fitted,
  IterationMetrics,
  IterationResult,
  IterationStreams,
  Sampled,
  SamplingReport,
  TrainEvent,
  TrainingState,
  Updated,
} from './types.js';
import type { UpdateOperator } from './updateRule.js';

/** The sampler stage: steps the run's envs from a given env state for one iteration. */
export interface LoopSampler {
  readonly numEnvs: number;
  /**
   * Whether sampling runs off this thread (worker threads, other machines). Then the loop starts
   * the next batch as soon as the policy is updated, while this thread fits the value network;
   * in-process sampling gains nothing from that and is not run ahead.
   */
  readonly background: boolean;
  /**
   * Samples `request` from env state `envs` (a Promise or an Observable of one segment); `streams`
   * are the iteration's, whose `sampling` stream `request.rngs` were split from (vine sampling
   * draws its rollout set from it too).
   */
  sample(envs: VectorEnvState, request: SegmentRequest, streams: IterationStreams): ObservableInput<SampledSegment>;
  /** Rolls out vine branches (paper Sec. 5.2) on envs apart from the run's; samplers that can offer it. */
  branch?(request: BranchRequest): ObservableInput<BranchSegment>;
  /**
   * The most env steps an iteration with `trunkRows` trunk steps takes beyond them (vine's
   * branches); the loop's step budget counts them. Infinity: no iteration of that trunk may run
   * (vine's trunk must hold its whole rollout set), so the last trunk shrinks no further and the
   * run ends. Absent: none.
   */
  readonly extraSteps?: (trunkRows: number) => number;
  /**
   * What sampling cost since the last call (a broker's retries, duplicates, bytes); the loop reads
   * it when a batch arrives and puts it in that iteration's metrics. Absent: nothing is reported.
   */
  readonly report?: () => SamplingReport;
  /** Releases envs and threads; the loop calls it when it ends. */
  close(): void | Promise<void>;
}

/**
 * The stages of an iteration. Each of estimator, update and valueFit is an operator applied once
 * to the run's stream of iterations, so operator state (`scan`, `bufferCount`) lasts the whole run.
 * Each must emit exactly one output per input, in order.
 */
export interface LoopStages {
  readonly sampler: LoopSampler;
  /** Advantage estimation: {@link Sampled} → {@link Estimated} (GAE in the TRPO preset). */
  readonly estimator: OperatorFunction<Sampled, Estimated>;
  /** Policy update: {@link Estimated} → {@link Updated} (see `ruleOperator` for rules). */
  readonly update: UpdateOperator;
  /** Value fitting: {@link Updated} → {@link Fitted}. */
  readonly valueFit: OperatorFunction<Updated, Fitted>;
}

/** Budget and timing of {@link trainLoop}. */
export interface LoopOptions {
  /** Steps each env takes per iteration (the last iteration shrinks to fit the budget). */
  readonly stepsPerEnv: number;
  /**
   * Run until this many env steps (counted in the state's `timesteps`: every simulated step, vine
   * branches included). An iteration starts only if its most steps fit in what is left.
   */
  readonly totalSteps: number;
  /** How the loop waits for the next turn between iterations (default: the next event-loop turn). */
  readonly hop?: Hop;
  /** Milliseconds clock for `wallSeconds` (default `performance.now`). */
  readonly clock?: () => number;
}

/**
 * The generator state an iteration continues with and the streams it draws from, split off the
 * state's generator. A hand-composed iteration uses this to draw exactly what the loop draws.
 *
 * @example
 * const { rng, streams } = iterationStreams(state);
 * of({ state: { ...state, rng }, streams }).pipe(rollout({ sampler, stepsPerEnv: 256 }), ...)
 */
export const iterationStreams = (state: TrainingState): { readonly rng: RngState; readonly streams: IterationStreams } => {
  const [rng, sampling, fisher, value, rule] = splitRng(state.rng, 5);
  return { rng, streams: { sampling, fisher, value, rule } };
};

/**
 * Mean of the recent episodes' returns or lengths, as metrics.jsonl reports it (null before any).
 *
 * @example recentMean([10, 20]) // 15
 */
export const recentMean = (xs: readonly number[]): number | null => (xs.length ? mean(xs) : null);

/**
 * Folds the stages of an iteration into the next state and its metrics; `wallSeconds` is the
 * run's training time when the iteration finished (counted across resumes); `broker`, when given,
 * is the sampler's report of the iteration's batch.
 *
 * @example
 * fitted$.pipe(map((fitted) => completeIteration(fitted, 12.5)))
 */
export const completeIteration = (fitted: Fitted, wallSeconds: number, broker?: SamplingReport): IterationResult => {
  const { state, batch, update, valueFit } = fitted;
  const next: TrainingState = {
    ...state,
    iteration: state.iteration + 1,
    policyParams: update.params,
    valueParams: valueFit.params,
    valueOptimizer: valueFit.optimizer,
    valueTargetStats: valueFit.targetStats,
    wallSeconds,
  };
  const metrics: IterationMetrics = {
    iteration: next.iteration,
    timesteps: next.timesteps,
    episodeReturnMean: recentMean(next.recentReturns),
    episodeLengthMean: recentMean(next.recentLengths),
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
    ...(update.diagnostics ? { diagnostics: update.diagnostics } : {}),
    ...(broker ? { broker } : {}),
    wallSeconds,
  };
  return { state: next, metrics };
};

/** The episodes that finished in a sampled batch, as events. */
export const episodeEvents = (before: TrainingState, sampled: Sampled, segment: SampledSegment['segment']): EpisodeEvent[] => {
  const { finished, numEnvs } = segment;
  const events: EpisodeEvent[] = [];
  for (let i = 0; i < finished.length; i += 4) {
    const t = finished[i], env = finished[i + 1], row = t * numEnvs + env;
    events.push({
      _tag: 'episode',
      iteration: before.iteration + 1,
      env,
      timesteps: before.timesteps + (t + 1) * numEnvs,
      return: finished[i + 2],
      length: finished[i + 3],
      terminated: sampled.batch.terminated[row] === 1,
      truncated: sampled.batch.terminated[row] !== 1,
    });
  }
  return events;
};

/** A batch being sampled, with the generator state and streams it was split from. */
interface PendingBatch {
  readonly rng: RngState;
  readonly streams: IterationStreams;
  readonly sampled: Observable<SampledSegment>;
}

/**
 * Runs iterations from `initial` until `options.totalSteps`: emits an `episode` event for each
 * episode of a batch as the batch arrives, then an `iteration` event (metrics and new state) when
 * the iteration is done. Unsubscribing stops everything at once: the pending hop, the batch being
 * sampled (ahead or not) and the stages; the sampler is closed when the loop ends.
 *
 * @example
 * trainLoop({ sampler: inProcessSampler(envs), estimator: advantages(opts), update: trustRegionStep(trpo), valueFit: fitValue(v) }, state, { stepsPerEnv: 256, totalSteps: 1e5 })
 *   .subscribe((event) => event._tag === 'iteration' && console.log(event.metrics.episodeReturnMean));
 */
export const trainLoop = (stages: LoopStages, initial: TrainingState, options: LoopOptions): Observable<TrainEvent> =>
  new RxObservable<TrainEvent>((subscriber) => {
    const hop = options.hop ?? onNextTurn;
    const clock = options.clock ?? (() => performance.now());
    const startedAt = clock(), baseSeconds = initial.wallSeconds;
    const { sampler } = stages;
    const run = new Subscription();
    const stepsFor = (timesteps: number): number => {
      const left = options.totalSteps - timesteps, extra = sampler.extraSteps;
      let steps = Math.min(options.stepsPerEnv, Math.floor(left / sampler.numEnvs));
      if (extra) while (steps >= 1 && steps * sampler.numEnvs + extra(steps * sampler.numEnvs) > left) steps--;
      return steps;
    };
    const fail = (error: unknown) => subscriber.error(error);

    // Starts sampling a batch from `origin`'s envs and policy; its result is kept until used.
    const launch = (origin: TrainingState, stepsPerEnv: number): PendingBatch => {
      const { rng, streams } = iterationStreams(origin);
      const result = new ReplaySubject<SampledSegment>(1);
      run.add(from(sampler.sample(origin.envs, segmentRequest(origin, streams, stepsPerEnv), streams)).subscribe(result));
      return { rng, streams, sampled: result };
    };

    let ahead: PendingBatch | null = null;
    // the sampler's report of the batch in the stages (one iteration is in them at a time)
    let report: SamplingReport | undefined;
    const inputs = new Subject<Sampled>();
    const begin = (state: TrainingState): void => {
      const stepsPerEnv = stepsFor(state.timesteps);
      if (stepsPerEnv < 1) {
        subscriber.complete();
        return;
      }
      const pending = ahead ?? launch(state, stepsPerEnv);
      ahead = null;
      let delivered = false;
      const waiting = pending.sampled.subscribe({
        next: ({ segment, envs, rolloutSet }) => {
          if (delivered) return;
          delivered = true;
          report = sampler.report?.();
          const sampled = sampledOf({ ...state, rng: pending.rng }, pending.streams, segment, envs, rolloutSet);
          for (const event of episodeEvents(state, sampled, segment)) subscriber.next(event);
          inputs.next(sampled);
        },
        error: fail,
      });
      run.add(waiting);
    };

    const runAhead = (stage: Updated): void => {
      if (!sampler.background) return;
      const stepsPerEnv = stepsFor(stage.state.timesteps);
      if (stepsPerEnv >= 1) ahead = launch({ ...stage.state, policyParams: stage.update.params }, stepsPerEnv);
    };
    run.add(
      inputs.pipe(stages.estimator, stages.update, tap(runAhead), stages.valueFit).subscribe({
        next: (fitted) => {
          const result = completeIteration(fitted, baseSeconds + (clock() - startedAt) / 1000, report);
          subscriber.next({ _tag: 'iteration', ...result });
          run.add(hop(() => begin(result.state)));
        },
        error: fail,
        complete: () => subscriber.complete(),
      }),
    );
    run.add(hop(() => begin(initial)));
    run.add(() => void Promise.resolve(sampler.close()).catch(() => undefined));
    return run;
  });
