/**
 * A small slippery gridworld: an exact finite MDP with a goal, for Algorithm 1's picture.
 *
 * @module
 */
import type { TabularMdp } from './mdp.js';

/** Gridworld settings; all have defaults. */
export interface GridworldOptions {
  /** Side of the square grid (states = size²). Default 4. */
  readonly size?: number;
  /** Probability that a move goes in a uniformly random direction instead. Default 0.2. */
  readonly slip?: number;
  /** Discount. Default 0.9. */
  readonly gamma?: number;
}

/** Moves of the four actions (up, right, down, left) as (row, column) steps. */
const moves = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
] as const;

/**
 * A size × size grid, states numbered row by row from the top-left start cell (ρ₀ = the start).
 * Actions up, right, down, left; with probability `slip` the move is in a random direction; a
 * move into a wall stays put. The bottom-right goal pays r = 1 per step and is absorbing; every
 * other state pays 0, so η(π) = Σ_t γ^t P(at the goal at t).
 *
 * @example gridworld({ size: 4, slip: 0.2 }).states // 16
 */
export const gridworld = (options: GridworldOptions = {}): TabularMdp => {
  const size = options.size ?? 4, slip = options.slip ?? 0.2, gamma = options.gamma ?? 0.9;
  const S = size * size, A = moves.length, goal = S - 1;
  const transitions = new Float64Array(S * A * S);
  const target = (s: number, [dr, dc]: readonly [number, number]) => {
    const r = Math.floor(s / size) + dr, c = (s % size) + dc;
    return r < 0 || r >= size || c < 0 || c >= size ? s : r * size + c;
  };
  for (let s = 0; s < S; s++)
    for (let a = 0; a < A; a++) {
      const row = (s * A + a) * S;
      if (s === goal) {
        transitions[row + s] = 1;
        continue;
      }
      moves.forEach((move, b) => (transitions[row + target(s, move)] += (b === a ? 1 - slip : 0) + slip / A));
    }
  const rewards = new Float64Array(S);
  rewards[goal] = 1;
  const initial = new Float64Array(S);
  initial[0] = 1;
  return { states: S, actions: A, transitions, rewards, initial, gamma };
};
