import type { TrainConfig } from '../config/config.js';
import { networksFor } from '../config/networks.js';
import type { Env } from '../envs/env.js';
import { UnknownEnvError } from '../envs/env.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { vineBranchSteps } from '../streams/sampling/vineSampler.js';
import { makeEnvAsync } from '../envs/registry.js';
import { UserError } from './runFiles.js';

/** The smallest iteration a run can take: its trunk steps (all envs) and the most its vine branches add. */
export interface SmallestIteration {
  readonly trunkSteps: number;
  readonly branchSteps: number;
}

/**
 * Why a run of `config` starting at `startSteps` would do nothing, or null when it would run at
 * least one iteration (`smallest`: by default one step for each of the `numEnvs` envs, no branches).
 *
 * @example idleRunReason({ ...config, totalSteps: 3, numEnvs: 4 }, 0) // 'the run has 3 steps left …'
 */
export const idleRunReason = (config: Pick<TrainConfig, 'totalSteps' | 'numEnvs'>, startSteps: number, smallest: SmallestIteration = { trunkSteps: config.numEnvs, branchSteps: 0 }): string | null => {
  const left = config.totalSteps - startSteps;
  const { trunkSteps, branchSteps } = smallest;
  if (left >= trunkSteps + branchSteps) return null;
  const needs = branchSteps
    ? `a trunk of ${trunkSteps} (the rollout set's states, over numEnvs ${config.numEnvs}) plus up to ${branchSteps} for the vine branches`
    : `at least one per env (numEnvs ${config.numEnvs})`;
  return `the run has ${left} step${left === 1 ? '' : 's'} left and needs ${needs}: no iteration would run; raise --steps`;
};

/**
 * The smallest iteration of a run of `policy`: single path, one step per env; vine, a trunk that
 * holds the whole rollout set (⌈N / numEnvs⌉ steps per env) and N · branches · branchLength steps
 * of branches at most (the training loop never shrinks a vine trunk below N states).
 *
 * @example smallestIteration(config, policySpec) // CartPole vine default: { trunkSteps: 52, branchSteps: 5000 }
 */
export const smallestIteration = (config: TrainConfig, policy: PolicySpec): SmallestIteration =>
  config.sampling === 'vine'
    ? { trunkSteps: Math.ceil(config.vine.rolloutSetSize / config.numEnvs) * config.numEnvs, branchSteps: vineBranchSteps(config.vine, policy) }
    : { trunkSteps: config.numEnvs, branchSteps: 0 };

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
    const idle = idleRunReason(config, startSteps, smallestIteration(config, networksOn(config, env)));
    if (idle) throw new UserError(idle);
    if (startSteps === 0) for (const seed of [config.seed, config.seed + config.numEnvs - 1]) env.reset(seed);
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(`invalid configuration: ${error.message}`);
    throw error;
  } finally {
    env.close();
  }
};
