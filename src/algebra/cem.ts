/**
 * The cross-entropy method as the TRPO paper's §8 compares it (after Szita & Lőrincz 2006, "noisy
 * CEM"): sample candidates from a diagonal Gaussian, keep the elite fraction, refit the mean and
 * standard deviation to the elites, optionally adding extra variance on a decreasing schedule so
 * the distribution does not collapse early. Pure ask/tell functions over plain-data state. Fitness
 * is MAXIMIZED (returns); pass −f to minimize.
 *
 * @module
 */
import type { Rng } from './rng.js';

/**
 * Extra variance Z_t added to every coordinate after the refit of generation t (0-based):
 * Z_t = max(initial − decrement · t, minimum).
 */
export interface CemNoise {
  readonly initial: number;
  /** Per-generation decrease (default 0: constant noise). */
  readonly decrement?: number;
  /** Floor of the schedule (default 0). */
  readonly minimum?: number;
}

/** Options of {@link cemInit}. */
export interface CemOptions {
  /** N, candidates per generation (default 4 + ⌊3 ln n⌋ as in CMA-ES, at least 10). */
  readonly populationSize?: number;
  /** ρ, fraction of candidates kept as elites (default 0.2; at least one elite). */
  readonly eliteFraction?: number;
  /** Extra variance schedule (default none). */
  readonly noise?: CemNoise;
}

/** The whole state of a CEM run: plain numbers and `Float64Array`s. n is `mean.length`. */
export interface CemState {
  readonly populationSize: number;
  /** ⌈ρN⌉ elites kept each generation. */
  readonly eliteCount: number;
  /** Generations told so far. */
  readonly generation: number;
  /** μ, [n]. */
  readonly mean: Float64Array;
  /** σ per coordinate, [n]. */
  readonly std: Float64Array;
  /** The extra-variance schedule, resolved (all zero: none). */
  readonly noise: { readonly initial: number; readonly decrement: number; readonly minimum: number };
}

/**
 * A fresh CEM state around `mean` (copied) with the same standard deviation `std` on every coordinate.
 *
 * @example
 * const state = cemInit(new Float64Array(4), 1, { populationSize: 50, eliteFraction: 0.2, noise: { initial: 0.1, decrement: 0.01 } });
 */
export const cemInit = (mean: ArrayLike<number>, std: number, options: CemOptions = {}): CemState => {
  const n = mean.length;
  if (n < 1) throw new Error('cemInit: the mean must have at least one dimension');
  if (!(std > 0) || !Number.isFinite(std)) throw new Error(`cemInit: std must be a positive number, got ${std}`);
  const populationSize = options.populationSize ?? Math.max(10, 4 + Math.floor(3 * Math.log(n)));
  if (!Number.isInteger(populationSize) || populationSize < 1) throw new Error(`cemInit: populationSize must be a positive integer, got ${populationSize}`);
  const eliteFraction = options.eliteFraction ?? 0.2;
  if (!(eliteFraction > 0 && eliteFraction <= 1)) throw new Error(`cemInit: eliteFraction must be in (0, 1], got ${eliteFraction}`);
  const noise = { initial: options.noise?.initial ?? 0, decrement: options.noise?.decrement ?? 0, minimum: options.noise?.minimum ?? 0 };
  if (!(noise.initial >= 0 && noise.decrement >= 0 && noise.minimum >= 0)) throw new Error(`cemInit: noise terms must be ≥ 0, got ${JSON.stringify(noise)}`);
  return {
    populationSize,
    eliteCount: Math.max(1, Math.ceil(eliteFraction * populationSize)),
    generation: 0,
    mean: Float64Array.from(mean),
    std: new Float64Array(n).fill(std),
    noise,
  };
};

/**
 * N candidates x_k = μ + σ ⊙ z_k, z_k ~ N(0, I), each [n]. Draws N·n normals from `rng`, candidate by candidate.
 *
 * @example
 * const candidates = cemAsk(state, new Rng(rngStateFromSeed(0)));
 */
export const cemAsk = (state: CemState, rng: Rng): Float64Array[] =>
  Array.from({ length: state.populationSize }, () => state.mean.map((m, i) => m + state.std[i] * rng.normal()));

/**
 * Indices of the `count` fittest candidates (highest fitness; ties to the lower index), in
 * ascending index order, so the refit does not depend on how the elites ranked among themselves.
 */
const eliteIndices = (fitness: readonly number[], count: number): number[] =>
  fitness
    .map((_, i) => i)
    .sort((i, j) => (fitness[j] - fitness[i]) || i - j)
    .slice(0, count)
    .sort((i, j) => i - j);

/** Extra variance Z_t of generation t. */
const extraVariance = (noise: CemState['noise'], generation: number): number => Math.max(noise.initial - noise.decrement * generation, noise.minimum);

/**
 * The next state: the mean and (population, divide-by-count) standard deviation of the elites,
 * summed in ascending candidate order, with the schedule's extra variance added (σ² + Z_t).
 * Only the ranking of `fitness` matters.
 *
 * @example
 * const next = cemTell(state, candidates, candidates.map((x) => -x.reduce((s, v) => s + v * v, 0)));
 */
export const cemTell = (state: CemState, candidates: readonly ArrayLike<number>[], fitness: readonly number[]): CemState => {
  const n = state.mean.length;
  if (candidates.length !== state.populationSize || fitness.length !== state.populationSize)
    throw new Error(`cemTell: expected ${state.populationSize} candidates and fitness values, got ${candidates.length} and ${fitness.length}`);
  if (fitness.some((f) => Number.isNaN(f))) throw new Error('cemTell: a fitness value is NaN');
  const elites = eliteIndices(fitness, state.eliteCount).map((k) => {
    if (candidates[k].length !== n) throw new Error(`cemTell: candidate ${k} has ${candidates[k].length} entries, expected ${n}`);
    return candidates[k];
  });
  const mean = new Float64Array(n), std = new Float64Array(n);
  const extra = extraVariance(state.noise, state.generation);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const x of elites) sum += x[i];
    const m = sum / elites.length;
    let squares = 0;
    for (const x of elites) squares += (x[i] - m) ** 2;
    mean[i] = m;
    std[i] = Math.sqrt(squares / elites.length + extra);
  }
  return { ...state, generation: state.generation + 1, mean, std };
};
