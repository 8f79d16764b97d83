/**
 * `HalfCheetah-v5`: a planar two-legged runner rewarded for forward speed; it never terminates.
 * Observation `[17]`: qpos without x (z, pitch, six joint angles; m, rad), then qvel (unclipped).
 * Action `[6]` in [−1, 1]: back thigh, shin, foot, then front thigh, shin, foot torques.
 *
 * Source: Gymnasium 1.x gymnasium/envs/mujoco/half_cheetah_v5.py (`HalfCheetahEnv.__init__`
 * defaults, `_get_rew`, `reset_model`) and envs/__init__.py (max_episode_steps=1000).
 *
 * @module
 */
import { halfCheetahXml } from './models/halfCheetah.js';
import type { LocomotionTask } from './mujocoEnv.js';
import { controlCost, positionsThenVelocities } from './mujocoEnv.js';

/** Gymnasium's `HalfCheetah-v5` defaults. */
export const HALF_CHEETAH = {
  frameSkip: 5,
  forwardRewardWeight: 1,
  ctrlCostWeight: 0.1,
  /** qpos noise is uniform(±0.1); qvel noise is 0.1 · N(0, 1). */
  resetNoiseScale: 0.1,
  maxEpisodeSteps: 1000,
} as const;

const halfCheetahControlCost = controlCost(HALF_CHEETAH.ctrlCostWeight);

/** `_get_rew`: forward velocity − control cost (no health term). */
export const halfCheetahReward = (xVelocity: number, _healthy: boolean, action: ArrayLike<number>): number =>
  HALF_CHEETAH.forwardRewardWeight * xVelocity - halfCheetahControlCost(action);

/** `_get_obs`: qpos[1:], then qvel. */
export const halfCheetahObservation = positionsThenVelocities({ skippedQpos: 1 });

/** The `HalfCheetah-v5` task, for `locomotionEnv`. */
export const halfCheetah: LocomotionTask = {
  id: 'HalfCheetah-v5',
  xml: halfCheetahXml,
  frameSkip: HALF_CHEETAH.frameSkip,
  maxEpisodeSteps: HALF_CHEETAH.maxEpisodeSteps,
  skippedQpos: 1,
  observe: halfCheetahObservation,
  isHealthy: () => true,
  terminateWhenUnhealthy: false,
  reward: halfCheetahReward,
  resetNoise: { scale: HALF_CHEETAH.resetNoiseScale, qvel: 'normal' },
};
