/**
 * Random finite MDPs and random softmax logits drawn from the project's seeded generator, for
 * property tests and `trpo theory`.
 *
 * @module
 */
import type { Rng } from '../rng.js';
import type { TabularMdp } from './mdp.js';

/** Sizes and discount of a random MDP. */
export interface RandomMdpOptions {
  readonly states: number;
  readonly actions: number;
  readonly gamma: number;
}

/** A draw from the flat Dirichlet(1, …, 1) on `n` outcomes (normalized exponential draws). */
const dirichlet = (n: number, rng: Rng): Float64Array => {
  const x = Float64Array.from({ length: n }, () => -Math.log(1 - rng.uniform()));
  const total = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / total);
};

/**
 * A random MDP: every P(· | s, a) and ρ₀ drawn from the flat Dirichlet, rewards r(s) standard
 * normal. Draws from `rng` (which advances).
 *
 * @example randomMdp({ states: 5, actions: 3, gamma: 0.9 })(new Rng(rngStateFromSeed(0)))
 */
export const randomMdp =
  (options: RandomMdpOptions) =>
  (rng: Rng): TabularMdp => {
    const { states: S, actions: A, gamma } = options;
    const transitions = new Float64Array(S * A * S);
    for (let row = 0; row < S * A; row++) transitions.set(dirichlet(S, rng), row * S);
    const rewards = Float64Array.from({ length: S }, () => rng.normal());
    return { states: S, actions: A, transitions, rewards, initial: dirichlet(S, rng), gamma };
  };

/**
 * Logits θ `[S, A]` with independent normal entries of standard deviation `scale` (for
 * `softmaxPolicy`). Draws from `rng`.
 *
 * @example softmaxPolicy(5, 3)(randomLogits({ states: 5, actions: 3, scale: 1 })(rng))
 */
export const randomLogits =
  (options: { readonly states: number; readonly actions: number; readonly scale: number }) =>
  (rng: Rng): Float64Array =>
    Float64Array.from({ length: options.states * options.actions }, () => options.scale * rng.normal());
