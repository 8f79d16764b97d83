import { box, discrete } from '../space.js';
import type { ClassicDynamics } from './classicEnv.js';

// Gymnasium 1.x gymnasium/envs/classic_control/acrobot.py (AcrobotEnv, book dynamics, rk4, dt 0.2).
const DT = 0.2;
const LINK_LENGTH_1 = 1.0, LINK_MASS_1 = 1.0, LINK_MASS_2 = 1.0;
const LINK_COM_POS_1 = 0.5, LINK_COM_POS_2 = 0.5, LINK_MOI = 1.0;
/** Velocity bounds of the two joints (rad/s). */
export const ACROBOT_MAX_VEL_1 = 4 * Math.PI;
export const ACROBOT_MAX_VEL_2 = 9 * Math.PI;
const AVAIL_TORQUE = [-1.0, 0.0, 1.0];

/** Time derivative of (θ1, θ2, θ̇1, θ̇2, torque), "book" variant of the equations of motion. */
const dsdt = (s: readonly number[]): number[] => {
  const m1 = LINK_MASS_1, m2 = LINK_MASS_2, l1 = LINK_LENGTH_1, lc1 = LINK_COM_POS_1, lc2 = LINK_COM_POS_2;
  const I1 = LINK_MOI, I2 = LINK_MOI, g = 9.8;
  const [theta1, theta2, dtheta1, dtheta2, a] = s;
  const d1 = m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(theta2)) + I1 + I2;
  const d2 = m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(theta2)) + I2;
  const phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
  const phi1 =
    -m2 * l1 * lc2 * dtheta2 ** 2 * Math.sin(theta2) -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2) +
    (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2) +
    phi2;
  const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * dtheta1 ** 2 * Math.sin(theta2) - phi2) / (m2 * lc2 ** 2 + I2 - d2 ** 2 / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  return [dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0];
};

/** One classical Runge–Kutta step of length `dt`, as Gymnasium's `rk4` over t = [0, dt]. */
const rk4 = (y0: readonly number[], dt: number): number[] => {
  const dt2 = dt / 2.0;
  const add = (y: readonly number[], h: number, k: readonly number[]) => y.map((v, i) => v + h * k[i]);
  const k1 = dsdt(y0);
  const k2 = dsdt(add(y0, dt2, k1));
  const k3 = dsdt(add(y0, dt2, k2));
  const k4 = dsdt(add(y0, dt, k3));
  return y0.map((v, i) => v + (dt / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
};

/** Gymnasium's `wrap`: shifts x by multiples of (M − m) into [m, M]. */
const wrap = (x: number, m: number, M: number): number => {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
};

const bound = (x: number, m: number, M: number): number => Math.min(Math.max(x, m), M);

/** Acrobot-v1: two links, torque on the joint between them, reward −1 until the tip swings above the bar. */
export const acrobot: ClassicDynamics = {
  id: 'Acrobot-v1',
  observationSpace: box([-1, -1, -1, -1, -ACROBOT_MAX_VEL_1, -ACROBOT_MAX_VEL_2], [1, 1, 1, 1, ACROBOT_MAX_VEL_1, ACROBOT_MAX_VEL_2]),
  actionSpace: discrete(3),
  maxEpisodeSteps: 500,
  stateSize: 4,
  // Gymnasium casts the initial draw to float32
  initialState: (random) => Float64Array.from({ length: 4 }, () => Math.fround(random.uniform(-0.1, 0.1))),
  transition(state, action) {
    const torque = AVAIL_TORQUE[action as number];
    const ns = rk4([state[0], state[1], state[2], state[3], torque], DT);
    const next = Float64Array.of(
      wrap(ns[0], -Math.PI, Math.PI),
      wrap(ns[1], -Math.PI, Math.PI),
      bound(ns[2], -ACROBOT_MAX_VEL_1, ACROBOT_MAX_VEL_1),
      bound(ns[3], -ACROBOT_MAX_VEL_2, ACROBOT_MAX_VEL_2),
    );
    const terminated = -Math.cos(next[0]) - Math.cos(next[1] + next[0]) > 1.0;
    return { state: next, reward: terminated ? 0.0 : -1.0, terminated };
  },
  observe: (s) => Float32Array.of(Math.cos(s[0]), Math.sin(s[0]), Math.cos(s[1]), Math.sin(s[1]), s[2], s[3]),
};
