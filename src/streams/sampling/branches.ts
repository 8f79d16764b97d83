/**
 * Vine branch rollouts (paper Sec. 5.2): from each state of a rollout set, several short rollouts
 * that differ only by their first action, with common random numbers. A group of states can be
 * rolled out on any thread: a state's branches depend only on the state's snapshot, observation
 * and generator, so any split of the states gives the same result.
 *
 * @module
 */
import { Rng, splitRng } from '../../algebra/rng.js';
import type { RngState } from '../../algebra/rng.js';
import type { RunningStats } from '../../algebra/runningStats.js';
import { normalizeObservation } from '../../algebra/runningStats.js';
import type { Env, EnvSnapshot } from '../../envs/env.js';
import { makeActor } from '../../policies/actor.js';
import type { PolicySpec } from '../../policies/policySpec.js';
import { actionWidth, observationDim } from '../../policies/policySpec.js';
import type { EnvGroup } from './segment.js';

/** What the branch rollouts of a group of rollout-set states need. */
export interface BranchRequest {
  /** The frozen policy π_old of the iteration, and its frozen observation statistics. */
  readonly policySpec: PolicySpec;
  readonly policyParams: Float32Array;
  readonly observationStats: RunningStats | null;
  /** Discount of the branch returns. */
  readonly gamma: number;
  /** Most env steps per branch, the first action's included. */
  readonly branchLength: number;
  /** Branches per state for a Gaussian policy (a categorical one branches on each of its actions). */
  readonly branches: number;
  /** Env snapshot of each state (simulator state, time-limit counter, env generator). */
  readonly snapshots: readonly EnvSnapshot[];
  /** Each state's observation as the policy sees it, `[states, obsDim]`. */
  readonly observations: Float32Array;
  /** One generator per state: its first actions and its shared policy-noise stream are split from it. */
  readonly rngs: readonly RngState[];
}

/** Branch rollouts of a group of states; rows state-major (row = n · branches + k). Plain typed arrays: transferable. */
export interface BranchSegment {
  readonly states: number;
  readonly branches: number;
  /** First action of each branch, `[rows, actionWidth]`. */
  readonly actions: Float32Array;
  /** Discounted return Σ γᵗ rₜ of each branch. */
  readonly returns: Float64Array;
  /** Env steps of each branch. */
  readonly lengths: Float64Array;
  /** 1 where the branch ended without a terminal state (its length, or the env's time limit). */
  readonly cut: Uint8Array;
  /** Observation after the last step of each branch, as the policy sees it, `[rows, obsDim]`. */
  readonly finalObservations: Float32Array;
}

/** Branches per state of a policy: every action for a categorical head, else `requested`. */
export const branchesPerState = (spec: PolicySpec, requested: number): number => (spec.head === 'categorical' ? spec.actions : requested);

const normalizeInto = (stats: RunningStats | null, raw: Float32Array, out: Float32Array): void => {
  if (stats) normalizeObservation(stats, raw, out);
  else out.set(raw);
};

/**
 * Rolls out every branch of every state of `request` on `env` (mutated; its previous state does
 * not matter). Each branch starts from a clean env: `reset`, then `restore` of the state's
 * snapshot (Gymnasium semantics carried in it survive, e.g. CartPole's steps-beyond-terminated);
 * takes its first action (branch k: action k for a categorical policy, else the k-th of K draws
 * from π_old); then follows π_old for up to `branchLength − 1` more steps, ending early at a
 * terminal state or the time limit. All branches of a state draw their policy noise from the same
 * stream (common random numbers), so they differ only by their first action.
 *
 * @example
 * const branches = sampleBranches(makeEnv('CartPole-v1'), { policySpec, policyParams, observationStats: null, gamma: 0.99, branchLength: 50, branches: 2, snapshots, observations, rngs });
 */
export const sampleBranches = (env: Env, request: BranchRequest): BranchSegment => {
  const { policySpec: spec, observationStats: stats, gamma, branchLength } = request;
  const states = request.snapshots.length;
  if (request.rngs.length !== states) throw new Error(`sampleBranches: ${request.rngs.length} generators for ${states} states`);
  if (!(branchLength >= 1)) throw new Error(`sampleBranches: branchLength must be at least 1, got ${branchLength}`);
  const obsDim = observationDim(spec), width = actionWidth(spec);
  const branches = branchesPerState(spec, request.branches);
  const rows = states * branches;
  const actions = new Float32Array(rows * width);
  const returns = new Float64Array(rows), lengths = new Float64Array(rows);
  const cut = new Uint8Array(rows);
  const finalObservations = new Float32Array(rows * obsDim);
  const actor = makeActor(spec, request.policyParams, Math.max(branches, 1), 'sample');
  const observation = new Float32Array(obsDim), action = new Float32Array(width);
  const repeated = new Float32Array(branches * obsDim);
  for (let n = 0; n < states; n++) {
    const [first, noise] = splitRng(request.rngs[n], 2);
    const stateObservation = request.observations.subarray(n * obsDim, (n + 1) * obsDim);
    const firstActions = actions.subarray(n * branches * width, (n + 1) * branches * width);
    if (spec.head === 'categorical') for (let k = 0; k < branches; k++) firstActions[k] = k;
    else {
      // K draws from π_old(·|sₙ), one after another from the state's first-action stream
      for (let k = 0; k < branches; k++) repeated.set(stateObservation, k * obsDim);
      const draws = new Rng(first);
      actor.act(repeated, branches, firstActions, Array.from({ length: branches }, () => draws));
    }
    for (let k = 0; k < branches; k++) {
      const row = n * branches + k;
      env.reset();
      env.restore(request.snapshots[n]);
      const policyNoise = [new Rng(noise)];
      action.set(firstActions.subarray(k * width, (k + 1) * width));
      let discount = 1, total = 0, steps = 0, ended = false, timeLimit = false;
      while (steps < branchLength && !ended) {
        if (steps > 0) actor.act(observation, 1, action, policyNoise);
        const result = env.step(spec.head === 'categorical' ? action[0] : action);
        total += discount * result.reward;
        discount *= gamma;
        steps += 1;
        ended = result.terminated || result.truncated;
        timeLimit = result.truncated && !result.terminated;
        normalizeInto(stats, result.observation, observation);
      }
      returns[row] = total;
      lengths[row] = steps;
      cut[row] = !ended || timeLimit ? 1 : 0;
      finalObservations.set(observation, row * obsDim);
    }
  }
  return { states, branches, actions, returns, lengths, cut, finalObservations };
};

/** The typed arrays of a branch segment, for a worker's transfer list. */
export const branchBuffers = (segment: BranchSegment): ArrayBuffer[] =>
  [segment.actions, segment.returns, segment.lengths, segment.cut, segment.finalObservations].map((a) => a.buffer as ArrayBuffer);

/** The request of one group of consecutive states. */
export const groupBranchRequest = (request: BranchRequest, group: EnvGroup): BranchRequest => {
  const obsDim = observationDim(request.policySpec);
  const { start, count } = group;
  return {
    ...request,
    snapshots: request.snapshots.slice(start, start + count),
    rngs: request.rngs.slice(start, start + count),
    observations: request.observations.slice(start * obsDim, (start + count) * obsDim),
  };
};

const concatArrays = <A extends Float32Array | Float64Array | Uint8Array>(parts: readonly A[], make: (n: number) => A): A => {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The branch segments of consecutive groups of states as one. */
export const concatBranches = (segments: readonly BranchSegment[]): BranchSegment => {
  if (segments.length === 1) return segments[0];
  const f32 = (n: number) => new Float32Array(n), f64 = (n: number) => new Float64Array(n);
  return {
    states: segments.reduce((n, s) => n + s.states, 0),
    branches: segments[0].branches,
    actions: concatArrays(segments.map((s) => s.actions), f32),
    returns: concatArrays(segments.map((s) => s.returns), f64),
    lengths: concatArrays(segments.map((s) => s.lengths), f64),
    cut: concatArrays(segments.map((s) => s.cut), (n) => new Uint8Array(n)),
    finalObservations: concatArrays(segments.map((s) => s.finalObservations), f32),
  };
};
