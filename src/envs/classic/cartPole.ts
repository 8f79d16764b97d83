/**
 * CartPole-v1 as Gymnasium 1.x defines it (gymnasium/envs/classic_control/cartpole.py,
 * `CartPoleEnv` with the default `sutton_barto_reward=False` and Euler integration).
 *
 * @module
 */
import { box, discrete } from '../space.js';
import type { ClassicTask } from './classicEnv.js';

/** CartPoleEnv's constants (SI units; `length` is half the pole's length). */
export const CARTPOLE = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  totalMass: 0.1 + 1.0,
  length: 0.5,
  poleMassLength: 0.1 * 0.5,
  forceMag: 10.0,
  /** Seconds between state updates. */
  tau: 0.02,
  /** Pole angle beyond which the episode terminates: 12 degrees, in radians. */
  thetaThresholdRadians: (12 * 2 * Math.PI) / 360,
  /** Cart position beyond which the episode terminates. */
  xThreshold: 2.4,
  /** Bounds of the uniform initial state, every coordinate. */
  resetLow: -0.05,
  resetHigh: 0.05,
} as const;

const { gravity, massPole, totalMass, length, poleMassLength, forceMag, tau, thetaThresholdRadians, xThreshold } = CARTPOLE;

/**
 * CartPole-v1. State (x [m], ẋ [m/s], θ [rad], θ̇ [rad/s]); actions {0: push left, 1: push right}
 * with ±10 N; reward 1 per step, the terminating step included; terminates when |x| > 2.4 or
 * |θ| > 12°; truncated at 500 steps. Observation: the state rounded to float32.
 */
export const cartPole: ClassicTask = {
  id: 'CartPole-v1',
  // The observation bounds are twice the termination thresholds, so a failing state is still inside.
  observationSpace: box([-xThreshold * 2, -Infinity, -thetaThresholdRadians * 2, -Infinity], [xThreshold * 2, Infinity, thetaThresholdRadians * 2, Infinity]),
  actionSpace: discrete(2),
  maxEpisodeSteps: 500,
  stateSize: 4,
  drawInitialState: (random, state) => {
    for (let i = 0; i < 4; i++) state[i] = random.uniform(CARTPOLE.resetLow, CARTPOLE.resetHigh);
  },
  transition: (state, action, next) => {
    const x = state[0], xDot = state[1], theta = state[2], thetaDot = state[3];
    const force = action === 1 ? forceMag : -forceMag;
    const cosTheta = Math.cos(theta), sinTheta = Math.sin(theta);
    // https://coneural.org/florian/papers/05_cart_pole.pdf, operation order as in Gymnasium
    const temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass;
    const thetaAcc = (gravity * sinTheta - cosTheta * temp) / (length * (4.0 / 3.0 - (massPole * (cosTheta * cosTheta)) / totalMass));
    const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
    // Euler: positions advance with the old velocities
    const nx = x + tau * xDot;
    const nTheta = theta + tau * thetaDot;
    next[0] = nx;
    next[1] = xDot + tau * xAcc;
    next[2] = nTheta;
    next[3] = thetaDot + tau * thetaAcc;
    return nx < -xThreshold || nx > xThreshold || nTheta < -thetaThresholdRadians || nTheta > thetaThresholdRadians;
  },
  reward: () => 1.0,
  rewardAfterTermination: 0.0,
  observe: (state, out, offset) => {
    out[offset] = state[0];
    out[offset + 1] = state[1];
    out[offset + 2] = state[2];
    out[offset + 3] = state[3];
  },
};
