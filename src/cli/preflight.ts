import type { TrainConfig } from '../config/config.js';
import { networksFor } from '../config/networks.js';
import type { Env } from '../envs/env.js';
import { UnknownEnvError } from '../envs/env.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { branchesPerState } from '../streams/sampling/branches.js';
import { makeEnvAsync } from '../envs/registry.js';
import { UserError } from './runFiles.js';

/**
 * Why a run of `config` starting at `startSteps` would do nothing, or null when it would run at
 * least one iteration (which needs one step for each of the `numEnvs` envs, plus `branchSteps`, the
 * most steps vine branches take in the smallest iteration).
 *
 * @example idleRunReason({ ...config, totalSteps: 3, numEnvs: 4 }, 0) // 'the run has 3 steps left …'
 */
export const idleRunReason = (config: Pick<TrainConfig, 'totalSteps' | 'numEnvs'>, startSteps: number, branchSteps = 0): string | null => {
  const left = config.totalSteps - startSteps;
  return left >= config.numEnvs + branchSteps
    ? null
    : `the run has ${left} step${left === 1 ? '' : 's'} left and needs at least one per env (numEnvs ${config.numEnvs})${branchSteps ? ` plus up to ${branchSteps} for the vine branches` : ''}: no iteration would run; raise --steps`;
};

/**
 * The most branch steps of a one-step-per-env vine iteration of a `policy` (0 for single path).
 *
 * @example smallestBranchSteps(config, policySpec) // CartPole: min(N, numEnvs) × 2 × branchLength
 */
export const smallestBranchSteps = (config: TrainConfig, policy: PolicySpec): number =>
  config.sampling === 'vine' ? Math.min(config.vine.rolloutSetSize, config.numEnvs) * branchesPerState(policy, config.vine.branches) * config.vine.branchLength : 0;

/** The run's networks on `env`'s spaces; a misfit (a conv net on vector observations) is a {@link UserError}. */
const networksOn = (config: TrainConfig, env: Env): PolicySpec => {
  try {
    return networksFor(config, env).policy;
  } catch (error) {
    throw new UserError(`invalid configuration: ${(error as Error).message}`);
  }
};

/**
 * Everything about `config` that only a started run would find out, checked before anything is
 * written: the run does at least one iteration, and the env accepts its seeds (env i of the vector
 * env is reset with `seed + i`). Throws a {@link UserError} naming the problem.
 *
 * @example await checkRunnable(config, 0) // throws UserError for a seed the env refuses
 */
export const checkRunnable = async (config: TrainConfig, startSteps: number): Promise<void> => {
  const env = await makeEnvAsync(config.env).catch((error: unknown) => {
    throw error instanceof UnknownEnvError ? new UserError(error.message) : error;
  });
  try {
    const idle = idleRunReason(config, startSteps, smallestBranchSteps(config, networksOn(config, env)));
    if (idle) throw new UserError(idle);
    if (startSteps === 0) for (const seed of [config.seed, config.seed + config.numEnvs - 1]) env.reset(seed);
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(`invalid configuration: ${error.message}`);
    throw error;
  } finally {
    env.close();
  }
};
