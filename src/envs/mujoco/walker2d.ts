/**
 * `Walker2d-v5`: a two-legged planar walker rewarded for moving forward while it stays upright.
 * Observation `[17]`: qpos without x (z, pitch, six joint angles; m, rad), then qvel clipped to
 * ±10. Action `[6]` in [−1, 1]: right thigh, leg, foot, then left thigh, leg, foot torques.
 *
 * Source: Gymnasium 1.x gymnasium/envs/mujoco/walker2d_v5.py (`Walker2dEnv.__init__` defaults,
 * `is_healthy`, `_get_rew`, `reset_model`) and envs/__init__.py (max_episode_steps=1000).
 *
 * @module
 */
import { walker2dXml } from './models/walker2d.js';
import type { LocomotionTask } from './mujocoEnv.js';
import { controlCost, positionsThenVelocities } from './mujocoEnv.js';

/** Gymnasium's `Walker2d-v5` defaults. */
export const WALKER2D = {
  frameSkip: 4,
  forwardRewardWeight: 1,
  ctrlCostWeight: 1e-3,
  healthyReward: 1,
  terminateWhenUnhealthy: true,
  /** Open interval for the torso height z (m). */
  healthyZRange: [0.8, 2],
  /** Open interval for the torso pitch (rad). */
  healthyAngleRange: [-1, 1],
  resetNoiseScale: 5e-3,
  velocityClip: 10,
  maxEpisodeSteps: 1000,
} as const;

const [minZ, maxZ] = WALKER2D.healthyZRange;
const [minAngle, maxAngle] = WALKER2D.healthyAngleRange;

/** Gymnasium's `is_healthy`: z in (0.8, 2) and pitch in (−1, 1); velocities do not count. */
export const isWalker2dHealthy = (qpos: ArrayLike<number>): boolean => {
  const z = qpos[1], angle = qpos[2];
  return minZ < z && z < maxZ && minAngle < angle && angle < maxAngle;
};

const walker2dControlCost = controlCost(WALKER2D.ctrlCostWeight);

/** `_get_rew`: (forward velocity + healthy reward) − control cost, summed in that order. */
export const walker2dReward = (xVelocity: number, healthy: boolean, action: ArrayLike<number>): number =>
  WALKER2D.forwardRewardWeight * xVelocity + (healthy ? WALKER2D.healthyReward : 0) - walker2dControlCost(action);

/** `_get_obs`: qpos[1:], then qvel clipped to ±10. */
export const walker2dObservation = positionsThenVelocities({ skippedQpos: 1, velocityClip: WALKER2D.velocityClip });

/** The `Walker2d-v5` task, for `locomotionEnv`. */
export const walker2d: LocomotionTask = {
  id: 'Walker2d-v5',
  xml: walker2dXml,
  frameSkip: WALKER2D.frameSkip,
  maxEpisodeSteps: WALKER2D.maxEpisodeSteps,
  skippedQpos: 1,
  observe: walker2dObservation,
  isHealthy: isWalker2dHealthy,
  terminateWhenUnhealthy: WALKER2D.terminateWhenUnhealthy,
  reward: walker2dReward,
  resetNoise: { scale: WALKER2D.resetNoiseScale, qvel: 'uniform' },
};
