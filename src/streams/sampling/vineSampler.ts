/**
 * Vine sampling (paper Sec. 5.2) as a sampler stage of the training loop: the trunk is the run's
 * usual segment; the rollout set is drawn from the trunk's states; the branches from each state
 * run through the wrapped sampler (in this thread or on its worker threads).
 *
 * @module
 */
import { lastValueFrom, from } from 'rxjs';
import { Rng, splitRng } from '../../algebra/rng.js';
import type { RngState } from '../../algebra/rng.js';
import { gatherRows, subsampleRows } from '../../algebra/rows.js';
import type { PolicySpec } from '../../policies/policySpec.js';
import { observationDim } from '../../policies/policySpec.js';
import type { LoopSampler } from '../loop.js';
import type { IterationStreams, RolloutSet } from '../types.js';
import { branchesPerState } from './branches.js';

/** Options of {@link vineSampler} (the config's `vine` section and γ). */
export interface VineSamplerOptions {
  /** N: states in the rollout set (at most the trunk's steps; a shorter last trunk caps it). */
  readonly rolloutSetSize: number;
  /** K: branches per state for a Gaussian policy (a categorical one branches on every action). */
  readonly branches: number;
  /** Most env steps per branch, the first action's included. */
  readonly branchLength: number;
  /** Discount of the branch returns. */
  readonly gamma: number;
}

/**
 * The vine streams of an iteration, split off its sampling stream: `selection` draws the rollout
 * set, `states` is split into one generator per state. `splitRng`'s child i does not depend on how
 * many children are asked, so child `numEnvs` is apart from the envs' own streams (children 0 …
 * numEnvs − 1, as `segmentRequest` splits them).
 *
 * @example
 * const { selection, states } = vineStreams(streams.sampling, 4);
 */
export const vineStreams = (sampling: RngState, numEnvs: number): { readonly selection: RngState; readonly states: RngState } => {
  const [selection, states] = splitRng(splitRng(sampling, numEnvs + 1)[numEnvs], 2);
  return { selection, states };
};

/**
 * The rollout set's trunk rows: `min(size, trunkRows)` distinct rows chosen uniformly at random
 * WITHOUT replacement from the trunk (every state of the trunk equally likely, none twice), sorted.
 * The paper does not say how the rollout set is chosen from the trunk; this is our choice.
 *
 * @example rolloutSetRows(2000, 100, selection) // Int32Array of 100 sorted distinct rows < 2000
 */
export const rolloutSetRows = (trunkRows: number, size: number, selection: RngState): Int32Array => subsampleRows(trunkRows, Math.min(size, trunkRows), new Rng(selection));

/**
 * The most branch steps one vine iteration takes, N · branches per state · branchLength: what the
 * loop's budget reserves for them and what the CLI's preflight asks a run to have room for.
 *
 * @example vineBranchSteps({ rolloutSetSize: 100, branches: 4, branchLength: 50 }, cartPoleSpec) // 100 · 2 actions · 50 = 10000
 */
export const vineBranchSteps = (options: Pick<VineSamplerOptions, 'rolloutSetSize' | 'branches' | 'branchLength'>, spec: PolicySpec): number =>
  options.rolloutSetSize * branchesPerState(spec, options.branches) * options.branchLength;

/**
 * Wraps a sampler that can branch (in-process or worker threads) into a vine sampler: each
 * iteration samples the trunk (recording the env snapshots at the rollout-set rows), then the
 * branches from those states, and returns the trunk with its {@link RolloutSet}. `extraSteps`
 * tells the loop the most branch steps an iteration takes (N · branches · branchLength), so the
 * step budget counts them; the last trunk shrinks to fit the budget only while it still holds N
 * states, and the run ends when it cannot (up to trunk + N · branches · branchLength steps early).
 * Same seed ⇒ same rollout set for any number of workers.
 *
 * @example
 * const sampler = vineSampler(inProcessSampler(envs), { rolloutSetSize: 100, branches: 4, branchLength: 50, gamma: 0.99 }, state.policySpec);
 */
export const vineSampler = (sampler: LoopSampler, options: VineSamplerOptions, spec: PolicySpec): LoopSampler => {
  const branch = sampler.branch?.bind(sampler);
  if (!branch) throw new Error('vine sampling needs a sampler that can roll out branches (inProcessSampler or workerSampler)');
  const branchSteps = vineBranchSteps(options, spec);
  const obsDim = observationDim(spec);
  return {
    numEnvs: sampler.numEnvs,
    background: sampler.background,
    // a trunk too short for the whole rollout set is never sampled (Infinity: the budget cannot fit it), so the run ends
    // short of its budget instead: a rollout set of a few states bounds the KL on those states only, and a nearly
    // deterministic policy (tiny Fisher elsewhere) may then take a step that wrecks it (Breakout vine at 5M frames: four such
    // last iterations took the deterministic eval from 4.78 to 0.55)
    extraSteps: (trunkRows) => (trunkRows < options.rolloutSetSize ? Infinity : branchSteps + (sampler.extraSteps?.(trunkRows) ?? 0)),
    branch,
    ...(sampler.report ? { report: sampler.report } : {}),
    close: () => sampler.close(),
    sample: async (envs, request, streams: IterationStreams) => {
      const { selection, states } = vineStreams(streams.sampling, request.rngs.length);
      const rows = rolloutSetRows(request.rngs.length * request.stepsPerEnv, options.rolloutSetSize, selection);
      const trunk = await lastValueFrom(from(sampler.sample(envs, { ...request, snapshotRows: rows }, streams)));
      const snapshots = trunk.segment.snapshots;
      if (!snapshots || snapshots.length !== rows.length) throw new Error(`vine: the sampler returned ${snapshots?.length ?? 0} snapshots for ${rows.length} rollout-set states`);
      const observations = gatherRows(trunk.segment.observations, obsDim, rows);
      const result = await lastValueFrom(
        from(
          branch({
            policySpec: request.policySpec,
            policyParams: request.policyParams,
            observationStats: request.observationStats,
            gamma: options.gamma,
            branchLength: options.branchLength,
            branches: options.branches,
            snapshots,
            observations,
            rngs: splitRng(states, rows.length),
          }),
        ),
      );
      let steps = 0;
      for (const length of result.lengths) steps += length;
      const rolloutSet: RolloutSet = {
        states: rows.length,
        branches: result.branches,
        rows,
        observations,
        actions: result.actions,
        returns: result.returns,
        lengths: result.lengths,
        cut: result.cut,
        finalObservations: result.finalObservations,
        steps,
      };
      return { ...trunk, rolloutSet };
    },
  };
};
