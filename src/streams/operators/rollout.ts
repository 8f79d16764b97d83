import type { OperatorFunction } from 'rxjs';
import { concatMap, from, map } from 'rxjs';
import { splitRng } from '../../algebra/rng.js';
import { updateStats } from '../../algebra/runningStats.js';
import type { VectorEnvState } from '../../envs/vectorEnv.js';
import { actionWidth, observationDim } from '../../policies/policySpec.js';
import type { Sampler } from '../sampling/sampler.js';
import type { Segment, SegmentRequest } from '../sampling/segment.js';
import type { Batch, IterationStreams, RolloutSet, Sampled, TrainingState } from '../types.js';

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** Steps the run's envs (in this thread or on workers). */
  readonly sampler: Sampler;
  /** Steps each env takes per iteration. */
  readonly stepsPerEnv: number;
}

/** How many finished episodes the running return/length means remember. */
export const RECENT_EPISODES = 100;

/**
 * What the envs need to sample one iteration from `state`: the frozen policy and observation
 * statistics, and one generator per env split off the iteration's sampling stream.
 */
export const segmentRequest = (state: TrainingState, streams: IterationStreams, stepsPerEnv: number): SegmentRequest => ({
  policySpec: state.policySpec,
  policyParams: state.policyParams,
  observationStats: state.observationStats,
  stepsPerEnv,
  rngs: splitRng(streams.sampling, state.episodeReturns.length),
  observations: state.observations,
  episodeReturns: state.episodeReturns,
  episodeLengths: state.episodeLengths,
});

/**
 * Folds a sampled segment into the stage after sampling: the batch, and the state with its env
 * part advanced (envs, observations, episode counters, observation statistics, timesteps). A vine
 * rollout set comes along; its branch steps count toward `timesteps` (its branches are not
 * episodes of the run: the episode statistics are the segment's).
 */
export const sampledOf = (state: TrainingState, streams: IterationStreams, segment: Segment, envs: VectorEnvState, rolloutSet?: RolloutSet): Sampled => {
  const spec = state.policySpec;
  const episodeReturns: number[] = [], episodeLengths: number[] = [];
  for (let i = 0; i < segment.finished.length; i += 4) {
    episodeReturns.push(segment.finished[i + 2]);
    episodeLengths.push(segment.finished[i + 3]);
  }
  const batch: Batch = {
    numEnvs: segment.numEnvs,
    stepsPerEnv: segment.stepsPerEnv,
    rows: segment.numEnvs * segment.stepsPerEnv,
    observationDim: observationDim(spec),
    actionWidth: actionWidth(spec),
    observations: segment.observations,
    actions: segment.actions,
    rewards: segment.rewards,
    terminated: segment.terminated,
    truncated: segment.truncated,
    finalObservations: segment.finalObservations,
    bootstrapObservations: segment.bootstrapObservations,
    episodeReturns,
    episodeLengths,
    unstableEpisodes: segment.unstableEpisodes,
  };
  return {
    streams,
    batch,
    ...(rolloutSet ? { rolloutSet } : {}),
    state: {
      ...state,
      timesteps: state.timesteps + batch.rows + (rolloutSet?.steps ?? 0),
      episodes: state.episodes + episodeReturns.length,
      envs,
      observations: segment.endObservations,
      episodeReturns: segment.episodeReturns,
      episodeLengths: segment.episodeLengths,
      recentReturns: [...state.recentReturns, ...episodeReturns].slice(-RECENT_EPISODES),
      recentLengths: [...state.recentLengths, ...episodeLengths].slice(-RECENT_EPISODES),
      observationStats: state.observationStats ? updateStats(state.observationStats, segment.rawObservations) : null,
    },
  };
};

/**
 * Single-path sampling (paper Sec. 5.1) as an operator: every env follows the current stochastic
 * policy for `stepsPerEnv` steps; `{ state, streams }` → {@link Sampled}.
 */
export const rollout = (options: RolloutOptions): OperatorFunction<{ readonly state: TrainingState; readonly streams: IterationStreams }, Sampled> =>
  concatMap(({ state, streams }) =>
    from(options.sampler.sample(state.envs, segmentRequest(state, streams, options.stepsPerEnv))).pipe(map(({ segment, envs }) => sampledOf(state, streams, segment, envs))),
  );
