/**
 * `Hopper-v5`: a one-legged planar robot rewarded for hopping forward while it stays upright.
 * Observation `[11]`: qpos without x (z, pitch, thigh, leg, foot angles; m, rad), then qvel
 * clipped to ±10 (m/s, rad/s). Action `[3]` in [−1, 1]: torques of the thigh, leg and foot motors.
 *
 * Source: Gymnasium 1.x gymnasium/envs/mujoco/hopper_v5.py (`HopperEnv.__init__` defaults,
 * `is_healthy`, `_get_rew`, `reset_model`) and envs/__init__.py (max_episode_steps=1000).
 *
 * @module
 */
import { hopperXml } from './models/hopper.js';
import type { LocomotionTask } from './mujocoEnv.js';
import { controlCost, positionsThenVelocities } from './mujocoEnv.js';

/** Gymnasium's `Hopper-v5` defaults. */
export const HOPPER = {
  frameSkip: 4,
  forwardRewardWeight: 1,
  ctrlCostWeight: 1e-3,
  healthyReward: 1,
  terminateWhenUnhealthy: true,
  /** Open interval for every entry of `state_vector()[2:]` (pitch, joint angles, all velocities). */
  healthyStateRange: [-100, 100],
  /** Open interval for the torso height z (m). */
  healthyZRange: [0.7, Infinity],
  /** Open interval for the torso pitch (rad). */
  healthyAngleRange: [-0.2, 0.2],
  resetNoiseScale: 5e-3,
  velocityClip: 10,
  maxEpisodeSteps: 1000,
} as const;

const [minState, maxState] = HOPPER.healthyStateRange;
const [minZ, maxZ] = HOPPER.healthyZRange;
const [minAngle, maxAngle] = HOPPER.healthyAngleRange;

/** Gymnasium's `is_healthy`: state_vector()[2:] inside (−100, 100), z in (0.7, ∞), pitch in (−0.2, 0.2). */
export const isHopperHealthy = (qpos: ArrayLike<number>, qvel: ArrayLike<number>): boolean => {
  for (let i = 2; i < qpos.length; i++) if (!(minState < qpos[i] && qpos[i] < maxState)) return false;
  for (let i = 0; i < qvel.length; i++) if (!(minState < qvel[i] && qvel[i] < maxState)) return false;
  const z = qpos[1], angle = qpos[2];
  return minZ < z && z < maxZ && minAngle < angle && angle < maxAngle;
};

const hopperControlCost = controlCost(HOPPER.ctrlCostWeight);

/** `_get_rew`: (forward velocity + healthy reward) − control cost, summed in that order. */
export const hopperReward = (xVelocity: number, healthy: boolean, action: ArrayLike<number>): number =>
  HOPPER.forwardRewardWeight * xVelocity + (healthy ? HOPPER.healthyReward : 0) - hopperControlCost(action);

/** `_get_obs`: qpos[1:], then qvel clipped to ±10. */
export const hopperObservation = positionsThenVelocities({ skippedQpos: 1, velocityClip: HOPPER.velocityClip });

/** The `Hopper-v5` task, for `locomotionEnv`. */
export const hopper: LocomotionTask = {
  id: 'Hopper-v5',
  xml: hopperXml,
  frameSkip: HOPPER.frameSkip,
  maxEpisodeSteps: HOPPER.maxEpisodeSteps,
  skippedQpos: 1,
  observe: hopperObservation,
  isHealthy: isHopperHealthy,
  terminateWhenUnhealthy: HOPPER.terminateWhenUnhealthy,
  reward: hopperReward,
  resetNoise: { scale: HOPPER.resetNoiseScale, qvel: 'uniform' },
};
