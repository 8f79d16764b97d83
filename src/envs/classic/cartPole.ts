import { box, discrete } from '../space.js';
import type { ClassicDynamics } from './classicEnv.js';

// Gymnasium 1.x gymnasium/envs/classic_control/cartpole.py (CartPoleEnv), Euler integrator.
const GRAVITY = 9.8, MASS_CART = 1.0, MASS_POLE = 0.1, TOTAL_MASS = MASS_POLE + MASS_CART;
const LENGTH = 0.5; // half the pole's length
const POLE_MASS_LENGTH = MASS_POLE * LENGTH, FORCE_MAG = 10.0, TAU = 0.02;
/** Termination bounds: 12 degrees, 2.4 units. */
export const CARTPOLE_THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
export const CARTPOLE_X_THRESHOLD = 2.4;

/** CartPole-v1: state (x, ẋ, θ, θ̇), actions {0: push left, 1: push right}, reward 1 per step, 500 steps. */
export const cartPole: ClassicDynamics = {
  id: 'CartPole-v1',
  observationSpace: box(
    [-CARTPOLE_X_THRESHOLD * 2, -Infinity, -CARTPOLE_THETA_THRESHOLD * 2, -Infinity],
    [CARTPOLE_X_THRESHOLD * 2, Infinity, CARTPOLE_THETA_THRESHOLD * 2, Infinity],
  ),
  actionSpace: discrete(2),
  maxEpisodeSteps: 500,
  stateSize: 4,
  initialState: (random) => Float64Array.from({ length: 4 }, () => random.uniform(-0.05, 0.05)),
  transition(state, action) {
    let [x, xDot, theta, thetaDot] = state;
    const force = action === 1 ? FORCE_MAG : -FORCE_MAG;
    const cosTheta = Math.cos(theta), sinTheta = Math.sin(theta);
    const temp = (force + POLE_MASS_LENGTH * thetaDot ** 2 * sinTheta) / TOTAL_MASS;
    const thetaAcc = (GRAVITY * sinTheta - cosTheta * temp) / (LENGTH * (4.0 / 3.0 - (MASS_POLE * cosTheta ** 2) / TOTAL_MASS));
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cosTheta) / TOTAL_MASS;
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;
    const terminated = x < -CARTPOLE_X_THRESHOLD || x > CARTPOLE_X_THRESHOLD || theta < -CARTPOLE_THETA_THRESHOLD || theta > CARTPOLE_THETA_THRESHOLD;
    return { state: Float64Array.of(x, xDot, theta, thetaDot), reward: 1.0, terminated };
  },
  observe: (state) => Float32Array.from(state),
};
