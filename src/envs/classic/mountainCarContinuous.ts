/**
 * MountainCarContinuous-v0 as Gymnasium 1.x defines it
 * (gymnasium/envs/classic_control/continuous_mountain_car.py, `Continuous_MountainCarEnv` with
 * `goal_velocity=0`), with NumPy 1.x arithmetic: the step computes in float64 from the stored
 * state, then stores the new state as float32.
 *
 * @module
 */
import { box } from '../space.js';
import type { ClassicTask } from './classicEnv.js';

/** Continuous_MountainCarEnv's constants. */
export const MOUNTAIN_CAR_CONTINUOUS = {
  minAction: -1.0,
  maxAction: 1.0,
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  /** 0.45 here (0.5 in MountainCar-v0). */
  goalPosition: 0.45,
  goalVelocity: 0,
  power: 0.0015,
  gravity: 0.0025,
  /** Reward for reaching the goal. */
  goalReward: 100.0,
  /** Cost per unit of squared action. */
  actionCost: 0.1,
  resetLow: -0.6,
  resetHigh: -0.4,
} as const;

const C = MOUNTAIN_CAR_CONTINUOUS;

/**
 * MountainCarContinuous-v0. State (position, velocity); action: a force in [−1, 1] (larger
 * values are clipped for the physics but still pay 0.1·a² at full size); reward 100 on reaching
 * position ≥ 0.45 with velocity ≥ 0, minus 0.1·a² every step; truncated at 999 steps. The state
 * is stored as float32 after every step (the reset state stays float64); the observation is it.
 */
export const mountainCarContinuous: ClassicTask = {
  id: 'MountainCarContinuous-v0',
  observationSpace: box([C.minPosition, -C.maxSpeed], [C.maxPosition, C.maxSpeed]),
  actionSpace: box([C.minAction], [C.maxAction]),
  maxEpisodeSteps: 999,
  stateSize: 2,
  drawInitialState: (random, state) => {
    state[0] = random.uniform(C.resetLow, C.resetHigh);
    state[1] = 0;
  },
  transition: (state, action, next) => {
    let position = state[0], velocity = state[1];
    const force = Math.min(Math.max(action, C.minAction), C.maxAction);
    velocity += force * C.power - C.gravity * Math.cos(3 * position);
    if (velocity > C.maxSpeed) velocity = C.maxSpeed;
    if (velocity < -C.maxSpeed) velocity = -C.maxSpeed;
    position += velocity;
    if (position > C.maxPosition) position = C.maxPosition;
    if (position < C.minPosition) position = C.minPosition;
    if (position === C.minPosition && velocity < 0) velocity = 0;
    // judged on the float64 values, before the float32 store
    const terminated = position >= C.goalPosition && velocity >= C.goalVelocity;
    next[0] = Math.fround(position);
    next[1] = Math.fround(velocity);
    return terminated;
  },
  // `reward = 100.0 if terminated else 0; reward -= math.pow(action[0], 2) * 0.1` on the unclipped action
  reward: (_state, action, _next, terminated) => (terminated ? C.goalReward : 0) - action * action * C.actionCost,
  observe: (state, out, offset) => {
    out[offset] = state[0];
    out[offset + 1] = state[1];
  },
};
