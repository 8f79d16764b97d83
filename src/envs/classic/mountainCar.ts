import { box, discrete } from '../space.js';
import type { ClassicDynamics } from './classicEnv.js';

// Gymnasium 1.x gymnasium/envs/classic_control/mountain_car.py (MountainCarEnv).
const MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07, GOAL_POSITION = 0.5, GOAL_VELOCITY = 0;
const FORCE = 0.001, GRAVITY = 0.0025;

const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/** MountainCar-v0: push left/none/right, reward −1 per step until the car reaches x ≥ 0.5; 200 steps. */
export const mountainCar: ClassicDynamics = {
  id: 'MountainCar-v0',
  observationSpace: box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]),
  actionSpace: discrete(3),
  maxEpisodeSteps: 200,
  stateSize: 2,
  initialState: (random) => Float64Array.of(random.uniform(-0.6, -0.4), 0),
  transition(state, action) {
    let [position, velocity] = state;
    velocity += ((action as number) - 1) * FORCE + Math.cos(3 * position) * -GRAVITY;
    velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
    position += velocity;
    position = clip(position, MIN_POSITION, MAX_POSITION);
    if (position === MIN_POSITION && velocity < 0) velocity = 0;
    const terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    return { state: Float64Array.of(position, velocity), reward: -1.0, terminated };
  },
  observe: (state) => Float32Array.from(state),
};
