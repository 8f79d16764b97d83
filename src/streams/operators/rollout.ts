import type { OperatorFunction } from 'rxjs';
import { map } from 'rxjs';
import { Rng } from '../../algebra/rng.js';
import type { RunningStats } from '../../algebra/runningStats.js';
import { normalizeObservation, updateStats } from '../../algebra/runningStats.js';
import type { VectorEnv } from '../../envs/vectorEnv.js';
import { makeActor } from '../../policies/actor.js';
import { actionWidth } from '../../policies/policySpec.js';
import type { Batch, IterationStreams, Sampled, TrainingState } from '../types.js';

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** The live envs; their state must equal `state.envs` when an iteration starts. */
  readonly envs: VectorEnv;
  /** Steps each env takes per iteration. */
  readonly stepsPerEnv: number;
}

/** How many finished episodes the running return/length means remember. */
export const RECENT_EPISODES = 100;

/** Normalizes `rows` raw observations with frozen statistics (a copy when stats are absent). */
const normalizeRows = (stats: RunningStats | null, raw: Float32Array, out: Float32Array, obsDim: number, rows: number): void => {
  if (!stats) {
    out.set(raw.subarray(0, rows * obsDim));
    return;
  }
  for (let r = 0; r < rows; r++) normalizeObservation(stats, raw.subarray(r * obsDim, (r + 1) * obsDim), out.subarray(r * obsDim, (r + 1) * obsDim));
};

/**
 * Single-path sampling (paper Sec. 5.1): every env follows the current stochastic policy for
 * `stepsPerEnv` steps. Advances the env part of the state (envs, observations, episode counters,
 * observation statistics, timesteps) and emits the batch.
 */
export const sampleBatch = (state: TrainingState, streams: IterationStreams, options: RolloutOptions): Sampled => {
  const { envs, stepsPerEnv } = options;
  const spec = state.policySpec;
  const numEnvs = envs.num, obsDim = spec.mlp.inputDim, width = actionWidth(spec);
  const rows = numEnvs * stepsPerEnv;
  const rng = new Rng(streams.sampling);
  const actor = makeActor(spec, state.policyParams, numEnvs, 'sample');
  const observations = new Float32Array(rows * obsDim);
  const rawObservations = new Float32Array(rows * obsDim);
  const actions = new Float32Array(rows * width);
  const rewards = new Float64Array(rows);
  const terminated = new Uint8Array(rows), truncated = new Uint8Array(rows);
  const finalObservations = new Float32Array(rows * obsDim);
  const episodeReturns: number[] = [], episodeLengths: number[] = [];
  const runningReturns = Float64Array.from(state.episodeReturns), runningLengths = Float64Array.from(state.episodeLengths);
  const stats = state.observationStats;
  let unstableEpisodes = 0;
  let current = Float32Array.from(state.observations);
  for (let t = 0; t < stepsPerEnv; t++) {
    const rowStart = t * numEnvs;
    const obsView = observations.subarray(rowStart * obsDim, (rowStart + numEnvs) * obsDim);
    rawObservations.set(current, rowStart * obsDim);
    normalizeRows(stats, current, obsView, obsDim, numEnvs);
    const actionView = actions.subarray(rowStart * width, (rowStart + numEnvs) * width);
    actor.act(obsView, numEnvs, actionView, rng);
    const result = envs.step(actionView);
    for (let e = 0; e < numEnvs; e++) {
      const row = rowStart + e;
      rewards[row] = result.rewards[e];
      terminated[row] = result.terminated[e];
      truncated[row] = result.truncated[e] && !result.terminated[e] ? 1 : 0;
      runningReturns[e] += result.rewards[e];
      runningLengths[e] += 1;
      if (result.terminated[e] || result.truncated[e]) {
        unstableEpisodes += result.unstable[e];
        episodeReturns.push(runningReturns[e]);
        episodeLengths.push(runningLengths[e]);
        runningReturns[e] = 0;
        runningLengths[e] = 0;
        const final = result.finalObservations[e];
        if (truncated[row] && final) normalizeRows(stats, final, finalObservations.subarray(row * obsDim, (row + 1) * obsDim), obsDim, 1);
      }
    }
    current = Float32Array.from(result.observations);
  }
  const bootstrapObservations = new Float32Array(numEnvs * obsDim);
  normalizeRows(stats, current, bootstrapObservations, obsDim, numEnvs);
  const batch: Batch = {
    numEnvs,
    stepsPerEnv,
    rows,
    observationDim: obsDim,
    actionWidth: width,
    observations,
    actions,
    rewards,
    terminated,
    truncated,
    finalObservations,
    bootstrapObservations,
    episodeReturns,
    episodeLengths,
    unstableEpisodes,
  };
  const recentReturns = [...state.recentReturns, ...episodeReturns].slice(-RECENT_EPISODES);
  const recentLengths = [...state.recentLengths, ...episodeLengths].slice(-RECENT_EPISODES);
  return {
    streams,
    batch,
    state: {
      ...state,
      timesteps: state.timesteps + rows,
      episodes: state.episodes + episodeReturns.length,
      envs: envs.snapshot(),
      observations: current,
      episodeReturns: runningReturns,
      episodeLengths: runningLengths,
      recentReturns,
      recentLengths,
      observationStats: stats ? updateStats(stats, rawObservations) : null,
    },
  };
};

/** The sampling stage as an operator: `{ state, streams }` → {@link Sampled}. */
export const rollout = (options: RolloutOptions): OperatorFunction<{ readonly state: TrainingState; readonly streams: IterationStreams }, Sampled> =>
  map(({ state, streams }) => sampleBatch(state, streams, options));
