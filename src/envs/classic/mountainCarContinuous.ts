import { box } from '../space.js';
import type { ClassicDynamics } from './classicEnv.js';

// Gymnasium 1.x gymnasium/envs/classic_control/continuous_mountain_car.py (Continuous_MountainCarEnv).
const MIN_ACTION = -1.0, MAX_ACTION = 1.0, MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07;
const GOAL_POSITION = 0.45, GOAL_VELOCITY = 0, POWER = 0.0015;

/**
 * MountainCarContinuous-v0: force in [−1, 1], reward 100 at the goal minus 0.1·a² per step; 999
 * steps. Gymnasium keeps the state in float32 after each step; so does this port.
 */
export const mountainCarContinuous: ClassicDynamics = {
  id: 'MountainCarContinuous-v0',
  observationSpace: box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]),
  actionSpace: box([MIN_ACTION], [MAX_ACTION]),
  maxEpisodeSteps: 999,
  stateSize: 2,
  initialState: (random) => Float64Array.of(random.uniform(-0.6, -0.4), 0),
  transition(state, action) {
    const a = Math.fround(typeof action === 'number' ? action : action[0]);
    let [position, velocity] = state;
    const force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
    velocity += force * POWER - 0.0025 * Math.cos(3 * position);
    if (velocity > MAX_SPEED) velocity = MAX_SPEED;
    if (velocity < -MAX_SPEED) velocity = -MAX_SPEED;
    position += velocity;
    if (position > MAX_POSITION) position = MAX_POSITION;
    if (position < MIN_POSITION) position = MIN_POSITION;
    if (position === MIN_POSITION && velocity < 0) velocity = 0;
    const terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    const reward = (terminated ? 100.0 : 0) - a ** 2 * 0.1;
    return { state: Float64Array.of(Math.fround(position), Math.fround(velocity)), reward, terminated };
  },
  observe: (state) => Float32Array.from(state),
};
