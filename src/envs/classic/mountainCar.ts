/**
 * MountainCar-v0 as Gymnasium 1.x defines it (gymnasium/envs/classic_control/mountain_car.py,
 * `MountainCarEnv` with `goal_velocity=0`).
 *
 * @module
 */
import { box, discrete } from '../space.js';
import type { ClassicTask } from './classicEnv.js';

/** MountainCarEnv's constants (position in track units, velocity per step). */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  goalVelocity: 0,
  force: 0.001,
  gravity: 0.0025,
  /** Bounds of the uniform initial position (the velocity starts at 0). */
  resetLow: -0.6,
  resetHigh: -0.4,
} as const;

const { minPosition, maxPosition, maxSpeed, goalPosition, goalVelocity, force, gravity } = MOUNTAIN_CAR;

/** `np.clip` of a scalar. */
const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/**
 * MountainCar-v0. State (position, velocity); actions {0: push left, 1: none, 2: push right};
 * reward −1 per step; terminates at position ≥ 0.5 with velocity ≥ 0; truncated at 200 steps.
 * Observation: the state rounded to float32.
 */
export const mountainCar: ClassicTask = {
  id: 'MountainCar-v0',
  observationSpace: box([minPosition, -maxSpeed], [maxPosition, maxSpeed]),
  actionSpace: discrete(3),
  maxEpisodeSteps: 200,
  stateSize: 2,
  drawInitialState: (random, state) => {
    state[0] = random.uniform(MOUNTAIN_CAR.resetLow, MOUNTAIN_CAR.resetHigh);
    state[1] = 0;
  },
  transition: (state, action, next) => {
    let position = state[0], velocity = state[1];
    velocity += (action - 1) * force + Math.cos(3 * position) * -gravity;
    velocity = clip(velocity, -maxSpeed, maxSpeed);
    position += velocity;
    position = clip(position, minPosition, maxPosition);
    // the left wall is inelastic
    if (position === minPosition && velocity < 0) velocity = 0;
    next[0] = position;
    next[1] = velocity;
    return position >= goalPosition && velocity >= goalVelocity;
  },
  reward: () => -1.0,
  observe: (state, out, offset) => {
    out[offset] = state[0];
    out[offset + 1] = state[1];
  },
};
