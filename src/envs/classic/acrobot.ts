/**
 * Acrobot-v1 as Gymnasium 1.x defines it (gymnasium/envs/classic_control/acrobot.py, `AcrobotEnv`):
 * the "book" equations of motion, integrated with one classical Runge–Kutta step of 0.2 s, no
 * torque noise.
 *
 * @module
 */
import { box, discrete } from '../space.js';
import type { ClassicTask } from './classicEnv.js';

/** AcrobotEnv's class constants (SI units). */
export const ACROBOT = {
  dt: 0.2,
  linkLength1: 1.0,
  linkLength2: 1.0,
  linkMass1: 1.0,
  linkMass2: 1.0,
  /** Position of each link's centre of mass along the link. */
  linkComPos1: 0.5,
  linkComPos2: 0.5,
  /** Moment of inertia of both links. */
  linkMoi: 1.0,
  gravity: 9.8,
  /** Joint velocity bounds [rad/s]. */
  maxVel1: 4 * Math.PI,
  maxVel2: 9 * Math.PI,
  /** Torque of actions 0, 1, 2 on the joint between the links. */
  availTorque: [-1.0, 0.0, 1.0],
  /** Bounds of the uniform initial state, every coordinate (drawn, then rounded to float32). */
  resetLow: -0.1,
  resetHigh: 0.1,
} as const;

const m1 = ACROBOT.linkMass1, m2 = ACROBOT.linkMass2, l1 = ACROBOT.linkLength1;
const lc1 = ACROBOT.linkComPos1, lc2 = ACROBOT.linkComPos2, I1 = ACROBOT.linkMoi, I2 = ACROBOT.linkMoi, g = ACROBOT.gravity;
const pi = Math.PI;

/**
 * `AcrobotEnv._dsdt` with `book_or_nips = "book"`: the time derivative of the augmented state
 * y = (θ1, θ2, θ̇1, θ̇2, torque), written into `out` [5]. Operation order as in Gymnasium.
 */
export const acrobotDerivative = (y: Float64Array, out: Float64Array): void => {
  const theta1 = y[0], theta2 = y[1], dtheta1 = y[2], dtheta2 = y[3], a = y[4];
  const d1 = m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(theta2)) + I1 + I2;
  const d2 = m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(theta2)) + I2;
  const phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - pi / 2.0);
  const phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2) - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2) + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - pi / 2) + phi2;
  // "book" (and the Java implementation); the NIPS paper's variant omits the θ̇1² term
  const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2) / (m2 * lc2 ** 2 + I2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
  out[4] = 0.0;
};

// Scratch for one rk4 step (the env is synchronous, so one set serves every Acrobot instance).
const y0 = new Float64Array(5), yt = new Float64Array(5);
const k1 = new Float64Array(5), k2 = new Float64Array(5), k3 = new Float64Array(5), k4 = new Float64Array(5);

/** Gymnasium's `rk4(derivs, y0, [0, dt])` for one interval: the final y [5] written into `y0`. */
const rk4Step = (dt: number): void => {
  const dt2 = dt / 2.0;
  acrobotDerivative(y0, k1);
  for (let i = 0; i < 5; i++) yt[i] = y0[i] + dt2 * k1[i];
  acrobotDerivative(yt, k2);
  for (let i = 0; i < 5; i++) yt[i] = y0[i] + dt2 * k2[i];
  acrobotDerivative(yt, k3);
  for (let i = 0; i < 5; i++) yt[i] = y0[i] + dt * k3[i];
  acrobotDerivative(yt, k4);
  for (let i = 0; i < 5; i++) y0[i] = y0[i] + (dt / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
};

/** Gymnasium's `wrap`: shifts x by whole multiples of (M − m) until m ≤ x ≤ M. */
export const wrap = (x: number, m: number, M: number): number => {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
};

/** Gymnasium's `bound`: `min(max(x, m), M)`. */
export const bound = (x: number, m: number, M: number): number => Math.min(Math.max(x, m), M);

/** Whether the tip is more than one link length above the pivot. */
const tipAboveBar = (s: Float64Array): boolean => -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;

/**
 * Acrobot-v1. State (θ1, θ2 [rad], θ̇1, θ̇2 [rad/s]); actions {0, 1, 2} = torque −1, 0, +1;
 * reward −1 per step and 0 on the terminating step (the tip above the bar); truncated at 500 steps.
 * Observation: (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2) in float32.
 */
export const acrobot: ClassicTask = {
  id: 'Acrobot-v1',
  observationSpace: box([-1, -1, -1, -1, -ACROBOT.maxVel1, -ACROBOT.maxVel2], [1, 1, 1, 1, ACROBOT.maxVel1, ACROBOT.maxVel2]),
  actionSpace: discrete(3),
  maxEpisodeSteps: 500,
  stateSize: 4,
  // `uniform(low, high, size=(4,)).astype(np.float32)`: the initial state is float32-valued
  drawInitialState: (random, state) => {
    for (let i = 0; i < 4; i++) state[i] = Math.fround(random.uniform(ACROBOT.resetLow, ACROBOT.resetHigh));
  },
  transition: (state, action, next) => {
    y0.set(state);
    y0[4] = ACROBOT.availTorque[action];
    rk4Step(ACROBOT.dt);
    next[0] = wrap(y0[0], -pi, pi);
    next[1] = wrap(y0[1], -pi, pi);
    next[2] = bound(y0[2], -ACROBOT.maxVel1, ACROBOT.maxVel1);
    next[3] = bound(y0[3], -ACROBOT.maxVel2, ACROBOT.maxVel2);
    return tipAboveBar(next);
  },
  reward: (_state, _action, _next, terminated) => (terminated ? 0.0 : -1.0),
  observe: (s, out, offset) => {
    out[offset] = Math.cos(s[0]);
    out[offset + 1] = Math.sin(s[0]);
    out[offset + 2] = Math.cos(s[1]);
    out[offset + 3] = Math.sin(s[1]);
    out[offset + 4] = s[2];
    out[offset + 5] = s[3];
  },
};
