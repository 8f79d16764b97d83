/**
 * Sampling a stretch of experience from a group of envs, and stitching the stretches of several
 * groups (in-process or on worker threads) into one time-major batch.
 *
 * Each env draws its action noise from its own generator, so an env's trajectory does not depend on
 * which group, thread or worker count stepped it: any split of the envs gives the same batch.
 *
 * @module
 */
import { Rng } from '../../algebra/rng.js';
import type { RngState } from '../../algebra/rng.js';
import type { RunningStats } from '../../algebra/runningStats.js';
import { normalizeObservation } from '../../algebra/runningStats.js';
import type { EnvSnapshot } from '../../envs/env.js';
import type { VectorEnv, VectorEnvState } from '../../envs/vectorEnv.js';
import { makeActor } from '../../policies/actor.js';
import type { PolicySpec } from '../../policies/policySpec.js';
import { actionWidth, observationDim } from '../../policies/policySpec.js';

/** What a group of envs needs to sample one iteration: the frozen policy and the group's starting point. */
export interface SegmentRequest {
  readonly policySpec: PolicySpec;
  readonly policyParams: Float32Array;
  /** Observation statistics frozen for the iteration (null: raw observations). */
  readonly observationStats: RunningStats | null;
  readonly stepsPerEnv: number;
  /** One generator state per env of the group. */
  readonly rngs: readonly RngState[];
  /** Raw observation each env shows, `[numEnvs, obsDim]`. */
  readonly observations: Float32Array;
  /** Return and length so far of each env's unfinished episode. */
  readonly episodeReturns: Float64Array;
  readonly episodeLengths: Float64Array;
  /**
   * Rows (time-major over these envs, sorted, distinct) at whose start the env's snapshot is taken:
   * the state the row's observation shows (vine's rollout set). None when absent.
   */
  readonly snapshotRows?: Int32Array;
}

/**
 * Experience of a group of `numEnvs` envs over `stepsPerEnv` steps, rows time-major
 * (row = t · numEnvs + env), plus where the group ended. Plain typed arrays: transferable.
 */
export interface Segment {
  readonly numEnvs: number;
  readonly stepsPerEnv: number;
  /** As the policy saw them (normalized when statistics are given). */
  readonly observations: Float32Array;
  /** As the envs returned them, for updating the observation statistics. */
  readonly rawObservations: Float32Array;
  readonly actions: Float32Array;
  readonly rewards: Float64Array;
  readonly terminated: Uint8Array;
  /** 1 where the time limit (and not a terminal state) ended the episode. */
  readonly truncated: Uint8Array;
  /** Normalized final observation of a truncated episode, at its row; zeros elsewhere. */
  readonly finalObservations: Float32Array;
  /** Normalized observation after the last step, `[numEnvs, obsDim]`. */
  readonly bootstrapObservations: Float32Array;
  /** Raw observation after the last step, `[numEnvs, obsDim]`. */
  readonly endObservations: Float32Array;
  readonly episodeReturns: Float64Array;
  readonly episodeLengths: Float64Array;
  /** Finished episodes in order, 4 numbers each: step, env (in the group), return, length. */
  readonly finished: Float64Array;
  readonly unstableEpisodes: number;
  /** The request's `snapshotRows`, and the env snapshot at the start of each (absent when none were asked). */
  readonly snapshotRows?: Int32Array;
  readonly snapshots?: readonly EnvSnapshot[];
}

/** Normalizes `rows` raw observations with frozen statistics (a copy when there are none). */
const normalizeRows = (stats: RunningStats | null, raw: Float32Array, out: Float32Array, obsDim: number, rows: number): void => {
  if (!stats) {
    out.set(raw.subarray(0, rows * obsDim));
    return;
  }
  for (let r = 0; r < rows; r++) normalizeObservation(stats, raw.subarray(r * obsDim, (r + 1) * obsDim), out.subarray(r * obsDim, (r + 1) * obsDim));
};

/**
 * Steps every env of `envs` `request.stepsPerEnv` times with actions drawn from the policy (a plain
 * TypeScript forward pass, batched over the envs). Mutates `envs`; everything else is returned.
 */
export const sampleSegment = (envs: VectorEnv, request: SegmentRequest): Segment => {
  const { policySpec: spec, observationStats: stats, stepsPerEnv } = request;
  const numEnvs = envs.num, obsDim = observationDim(spec), width = actionWidth(spec);
  if (request.rngs.length !== numEnvs) throw new Error(`sampleSegment: ${request.rngs.length} generators for ${numEnvs} envs`);
  const rows = numEnvs * stepsPerEnv;
  const rngs = request.rngs.map((s) => new Rng(s));
  const actor = makeActor(spec, request.policyParams, numEnvs, 'sample');
  const observations = new Float32Array(rows * obsDim), rawObservations = new Float32Array(rows * obsDim);
  const actions = new Float32Array(rows * width);
  const rewards = new Float64Array(rows);
  const terminated = new Uint8Array(rows), truncated = new Uint8Array(rows);
  const finalObservations = new Float32Array(rows * obsDim);
  const finished: number[] = [];
  const episodeReturns = Float64Array.from(request.episodeReturns), episodeLengths = Float64Array.from(request.episodeLengths);
  let unstableEpisodes = 0;
  const current = Float32Array.from(request.observations);
  const snapshotRows = request.snapshotRows, snapshots: EnvSnapshot[] = [];
  for (let t = 0; t < stepsPerEnv; t++) {
    const rowStart = t * numEnvs;
    while (snapshotRows && snapshots.length < snapshotRows.length && snapshotRows[snapshots.length] < rowStart + numEnvs) snapshots.push(envs.snapshotEnv(snapshotRows[snapshots.length] - rowStart));
    const obsView = observations.subarray(rowStart * obsDim, (rowStart + numEnvs) * obsDim);
    rawObservations.set(current, rowStart * obsDim);
    normalizeRows(stats, current, obsView, obsDim, numEnvs);
    const actionView = actions.subarray(rowStart * width, (rowStart + numEnvs) * width);
    actor.act(obsView, numEnvs, actionView, rngs);
    const result = envs.step(actionView);
    for (let e = 0; e < numEnvs; e++) {
      const row = rowStart + e;
      rewards[row] = result.rewards[e];
      terminated[row] = result.terminated[e];
      truncated[row] = result.truncated[e] && !result.terminated[e] ? 1 : 0;
      episodeReturns[e] += result.rewards[e];
      episodeLengths[e] += 1;
      if (result.terminated[e] || result.truncated[e]) {
        unstableEpisodes += result.unstable[e];
        finished.push(t, e, episodeReturns[e], episodeLengths[e]);
        episodeReturns[e] = 0;
        episodeLengths[e] = 0;
        const final = result.finalObservations[e];
        if (truncated[row] && final) normalizeRows(stats, final, finalObservations.subarray(row * obsDim, (row + 1) * obsDim), obsDim, 1);
      }
    }
    current.set(result.observations); // the vector env reuses its buffer: copy into ours
  }
  const bootstrapObservations = new Float32Array(numEnvs * obsDim);
  normalizeRows(stats, current, bootstrapObservations, obsDim, numEnvs);
  return {
    numEnvs,
    stepsPerEnv,
    observations,
    rawObservations,
    actions,
    rewards,
    terminated,
    truncated,
    finalObservations,
    bootstrapObservations,
    endObservations: current,
    episodeReturns,
    episodeLengths,
    finished: Float64Array.from(finished),
    unstableEpisodes,
    ...(snapshotRows ? { snapshotRows, snapshots } : {}),
  };
};

/** The typed arrays of a segment, for a worker's transfer list. */
export const segmentBuffers = (segment: Segment): ArrayBuffer[] =>
  [
    segment.observations,
    segment.rawObservations,
    segment.actions,
    segment.rewards,
    segment.terminated,
    segment.truncated,
    segment.finalObservations,
    segment.bootstrapObservations,
    segment.endObservations,
    segment.episodeReturns,
    segment.episodeLengths,
    segment.finished,
  ].map((a) => a.buffer as ArrayBuffer);

/** Row-interleaves per-group `[steps · n_g, width]` arrays into one `[steps · Σn_g, width]` array. */
const interleave = <A extends Float32Array | Float64Array | Uint8Array>(parts: readonly A[], counts: readonly number[], steps: number, width: number, make: (n: number) => A): A => {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = make(steps * total * width);
  for (let t = 0; t < steps; t++) {
    let column = 0;
    parts.forEach((part, g) => {
      const n = counts[g];
      out.set(part.subarray(t * n * width, (t + 1) * n * width), (t * total + column) * width);
      column += n;
    });
  }
  return out;
};

/**
 * Stitches the segments of consecutive env groups (group g holds the envs after those of groups
 * < g) into one segment over all envs, exactly as if one group had stepped them all.
 */
export const concatSegments = (segments: readonly Segment[], obsDim: number, width: number): Segment => {
  if (segments.length === 1) return segments[0];
  const steps = segments[0].stepsPerEnv;
  if (segments.some((s) => s.stepsPerEnv !== steps)) throw new Error('concatSegments: segments of different lengths');
  const counts = segments.map((s) => s.numEnvs);
  const f32 = (n: number) => new Float32Array(n), f64 = (n: number) => new Float64Array(n), u8 = (n: number) => new Uint8Array(n);
  const rows = <A extends Float32Array | Float64Array | Uint8Array>(pick: (s: Segment) => A, w: number, make: (n: number) => A) => interleave(segments.map(pick), counts, steps, w, make);
  const finished: (readonly [number, number, number, number])[] = [];
  let offset = 0;
  segments.forEach((s, g) => {
    for (let i = 0; i < s.finished.length; i += 4) finished.push([s.finished[i], s.finished[i + 1] + offset, s.finished[i + 2], s.finished[i + 3]]);
    offset += counts[g];
  });
  finished.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    ...concatSnapshots(segments, counts, offset),
    numEnvs: offset,
    stepsPerEnv: steps,
    observations: rows((s) => s.observations, obsDim, f32),
    rawObservations: rows((s) => s.rawObservations, obsDim, f32),
    actions: rows((s) => s.actions, width, f32),
    rewards: rows((s) => s.rewards, 1, f64),
    terminated: rows((s) => s.terminated, 1, u8),
    truncated: rows((s) => s.truncated, 1, u8),
    finalObservations: rows((s) => s.finalObservations, obsDim, f32),
    bootstrapObservations: interleave(segments.map((s) => s.bootstrapObservations), counts, 1, obsDim, f32),
    endObservations: interleave(segments.map((s) => s.endObservations), counts, 1, obsDim, f32),
    episodeReturns: interleave(segments.map((s) => s.episodeReturns), counts, 1, 1, f64),
    episodeLengths: interleave(segments.map((s) => s.episodeLengths), counts, 1, 1, f64),
    finished: Float64Array.from(finished.flat()),
    unstableEpisodes: segments.reduce((n, s) => n + s.unstableEpisodes, 0),
  };
};

/** The snapshots of consecutive groups' segments, in the order of the rows over all `total` envs. */
const concatSnapshots = (segments: readonly Segment[], counts: readonly number[], total: number): Pick<Segment, 'snapshotRows' | 'snapshots'> => {
  if (segments.every((s) => !s.snapshotRows)) return {};
  const taken: { readonly row: number; readonly snapshot: EnvSnapshot }[] = [];
  let start = 0;
  segments.forEach((s, g) => {
    const n = counts[g];
    s.snapshotRows?.forEach((row, i) => taken.push({ row: Math.floor(row / n) * total + start + (row % n), snapshot: (s.snapshots as readonly EnvSnapshot[])[i] }));
    start += n;
  });
  taken.sort((a, b) => a.row - b.row);
  return { snapshotRows: Int32Array.from(taken, (x) => x.row), snapshots: taken.map((x) => x.snapshot) };
};

/** Where a group's envs sit among all envs: `[start, start + count)`. */
export interface EnvGroup {
  readonly start: number;
  readonly count: number;
}

/** Splits `numEnvs` envs into at most `groups` contiguous groups of near-equal size (none empty). */
export const envGroups = (numEnvs: number, groups: number): EnvGroup[] => {
  const n = Math.max(1, Math.min(groups, numEnvs));
  return Array.from({ length: n }, (_, g) => {
    const start = Math.floor((g * numEnvs) / n), end = Math.floor(((g + 1) * numEnvs) / n);
    return { start, count: end - start };
  });
};

/** The request of one group, cut from the request of all envs. */
export const groupRequest = (request: SegmentRequest, group: EnvGroup): SegmentRequest => {
  const obsDim = observationDim(request.policySpec);
  const { start, count } = group;
  const total = request.rngs.length;
  // the group's rows among the requested ones, renumbered over its own envs (order is kept)
  const snapshotRows = request.snapshotRows?.filter((row) => row % total >= start && row % total < start + count).map((row) => Math.floor(row / total) * count + (row % total) - start);
  return {
    ...request,
    ...(snapshotRows ? { snapshotRows } : {}),
    rngs: request.rngs.slice(start, start + count),
    observations: request.observations.slice(start * obsDim, (start + count) * obsDim),
    episodeReturns: request.episodeReturns.slice(start, start + count),
    episodeLengths: request.episodeLengths.slice(start, start + count),
  };
};

/** The env state of a group, cut from the state of all envs. */
export const groupEnvState = (state: VectorEnvState, group: EnvGroup): VectorEnvState => ({ envs: state.envs.slice(group.start, group.start + group.count) });
