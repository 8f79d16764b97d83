/**
 * Pendulum-v1 as Gymnasium 1.x defines it (gymnasium/envs/classic_control/pendulum.py,
 * `PendulumEnv` with `g=10.0`), with NumPy 1.x arithmetic (float64 throughout).
 *
 * @module
 */
import { box } from '../space.js';
import type { ClassicTask } from './classicEnv.js';

/** PendulumEnv's constants (SI units). */
export const PENDULUM = {
  maxSpeed: 8,
  maxTorque: 2.0,
  dt: 0.05,
  g: 10.0,
  m: 1.0,
  l: 1.0,
  /** Half-widths of the uniform initial (θ, θ̇): DEFAULT_X = π, DEFAULT_Y = 1.0. */
  resetHigh: [Math.PI, 1.0],
} as const;

const { maxSpeed, maxTorque, dt, g, m, l } = PENDULUM;

/** Gymnasium's `angle_normalize`: `((x + π) % 2π) − π` with Python's modulo (result in [−π, π]). */
export const angleNormalize = (x: number): number => {
  const period = 2 * Math.PI;
  const r = (x + Math.PI) % period;
  return (r < 0 ? r + period : r) - Math.PI;
};

/** `np.clip(u, -max_torque, max_torque)`. */
const clipTorque = (u: number): number => Math.min(Math.max(u, -maxTorque), maxTorque);

/**
 * Pendulum-v1. State (θ [rad], unwrapped; θ̇ [rad/s]); action: torque, clipped to [−2, 2];
 * reward −(normalize(θ)² + 0.1·θ̇² + 0.001·u²) from the state before the step; never
 * terminates; truncated at 200 steps. Observation: (cos θ, sin θ, θ̇) in float32.
 */
export const pendulum: ClassicTask = {
  id: 'Pendulum-v1',
  observationSpace: box([-1.0, -1.0, -maxSpeed], [1.0, 1.0, maxSpeed]),
  actionSpace: box([-maxTorque], [maxTorque]),
  maxEpisodeSteps: 200,
  stateSize: 2,
  // `np_random.uniform(low=-high, high=high)` with high = [π, 1]: two draws, θ first
  drawInitialState: (random, state) => {
    state[0] = random.uniform(-PENDULUM.resetHigh[0], PENDULUM.resetHigh[0]);
    state[1] = random.uniform(-PENDULUM.resetHigh[1], PENDULUM.resetHigh[1]);
  },
  transition: (state, action, next) => {
    const th = state[0], thdot = state[1];
    const u = clipTorque(action);
    let newThdot = thdot + (((3 * g) / (2 * l)) * Math.sin(th) + (3.0 / (m * l ** 2)) * u) * dt;
    newThdot = Math.min(Math.max(newThdot, -maxSpeed), maxSpeed);
    next[0] = th + newThdot * dt;
    next[1] = newThdot;
    return false;
  },
  reward: (state, action) => {
    const th = angleNormalize(state[0]), thdot = state[1], u = clipTorque(action);
    return -(th * th + 0.1 * (thdot * thdot) + 0.001 * (u * u));
  },
  observe: (state, out, offset) => {
    out[offset] = Math.cos(state[0]);
    out[offset + 1] = Math.sin(state[0]);
    out[offset + 2] = state[1];
  },
};
