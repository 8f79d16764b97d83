/**
 * `Swimmer-v5`: a three-link swimmer in a viscous fluid rewarded for speed along x; it never
 * terminates. Observation `[8]`: qpos without x and y (heading, two joint angles; rad), then qvel
 * (unclipped). Action `[2]` in [−1, 1]: torques of the two hinges.
 *
 * Source: Gymnasium 1.x gymnasium/envs/mujoco/swimmer_v5.py (`SwimmerEnv.__init__` defaults,
 * `_get_rew`, `reset_model`) and envs/__init__.py (max_episode_steps=1000).
 *
 * @module
 */
import { swimmerXml } from './models/swimmer.js';
import type { LocomotionTask } from './mujocoEnv.js';
import { controlCost, positionsThenVelocities } from './mujocoEnv.js';

/** Gymnasium's `Swimmer-v5` defaults. */
export const SWIMMER = {
  frameSkip: 4,
  forwardRewardWeight: 1,
  ctrlCostWeight: 1e-4,
  resetNoiseScale: 0.1,
  maxEpisodeSteps: 1000,
} as const;

const swimmerControlCost = controlCost(SWIMMER.ctrlCostWeight);

/** `_get_rew`: forward velocity along x − control cost (the y velocity is not rewarded). */
export const swimmerReward = (xVelocity: number, _healthy: boolean, action: ArrayLike<number>): number =>
  SWIMMER.forwardRewardWeight * xVelocity - swimmerControlCost(action);

/** `_get_obs`: qpos[2:], then qvel. */
export const swimmerObservation = positionsThenVelocities({ skippedQpos: 2 });

/** The `Swimmer-v5` task, for `locomotionEnv`. */
export const swimmer: LocomotionTask = {
  id: 'Swimmer-v5',
  xml: swimmerXml,
  frameSkip: SWIMMER.frameSkip,
  maxEpisodeSteps: SWIMMER.maxEpisodeSteps,
  skippedQpos: 2,
  observe: swimmerObservation,
  isHealthy: () => true,
  terminateWhenUnhealthy: false,
  reward: swimmerReward,
  resetNoise: { scale: SWIMMER.resetNoiseScale, qvel: 'uniform' },
};
