import { box } from '../space.js';
import type { ClassicDynamics } from './classicEnv.js';

// Gymnasium 1.x gymnasium/envs/classic_control/pendulum.py (PendulumEnv, g = 10).
const MAX_SPEED = 8, MAX_TORQUE = 2.0, DT = 0.05, G = 10.0, M = 1.0, L = 1.0;

/** Angle wrapped to [−π, π) with Python's modulo semantics. */
const angleNormalize = (x: number): number => {
  const period = 2 * Math.PI;
  const r = (x + Math.PI) % period;
  return (r < 0 ? r + period : r) - Math.PI;
};

/** Pendulum-v1: torque in [−2, 2], reward −(θ² + 0.1 θ̇² + 0.001 u²), never terminates; 200 steps. */
export const pendulum: ClassicDynamics = {
  id: 'Pendulum-v1',
  observationSpace: box([-1.0, -1.0, -MAX_SPEED], [1.0, 1.0, MAX_SPEED]),
  actionSpace: box([-MAX_TORQUE], [MAX_TORQUE]),
  maxEpisodeSteps: 200,
  stateSize: 2,
  initialState: (random) => Float64Array.of(random.uniform(-Math.PI, Math.PI), random.uniform(-1.0, 1.0)),
  transition(state, action) {
    const [th, thdot] = state;
    const raw = Math.fround(typeof action === 'number' ? action : action[0]);
    const u = Math.min(Math.max(raw, -MAX_TORQUE), MAX_TORQUE);
    const costs = angleNormalize(th) ** 2 + 0.1 * thdot ** 2 + 0.001 * u ** 2;
    let newThdot = thdot + ((3 * G) / (2 * L) * Math.sin(th) + (3.0 / (M * L ** 2)) * u) * DT;
    newThdot = Math.min(Math.max(newThdot, -MAX_SPEED), MAX_SPEED);
    const newTh = th + newThdot * DT;
    return { state: Float64Array.of(newTh, newThdot), reward: -costs, terminated: false };
  },
  observe: (state) => Float32Array.of(Math.cos(state[0]), Math.sin(state[0]), state[1]),
};
