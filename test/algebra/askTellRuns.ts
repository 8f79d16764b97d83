// Runs of an ask/tell optimizer (CEM, CMA-ES) shared by the property tests of both.
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { encodeTree } from '../../src/streams/stateCodec.js';

/** The ask/tell pair of an optimizer over state `S` (fitness maximized). */
export interface AskTell<S> {
  readonly ask: (state: S, rng: Rng) => Float64Array[];
  readonly tell: (state: S, candidates: readonly ArrayLike<number>[], fitness: readonly number[]) => S;
}
export type Objective = (x: ArrayLike<number>) => number;
export const sphere: Objective = (x) => Array.from(x).reduce((s, v) => s + v * v, 0);
/** Σ 10^(3 i/(n−1)) xᵢ²: condition number 1e3, separable. */
export const ellipsoid: Objective = (x) => Array.from(x).reduce((s, v, i) => s + 1e3 ** (x.length === 1 ? 0 : i / (x.length - 1)) * v * v, 0);

/**
 * Every state of a run from `state` that tells `fitness` of each candidate (maximized), drawing
 * from a generator seeded with `seed`, for `generations` generations or until `done`.
 */
export const run = <S>(optimizer: AskTell<S>, state: S, fitness: Objective, generations: number, seed: number, done: (s: S) => boolean = () => false): S[] => {
  const rng = new Rng(rngStateFromSeed(seed));
  const history = [state];
  for (let g = 0; g < generations && !done(history[g]); g++) {
    const candidates = optimizer.ask(history[g], rng);
    history.push(optimizer.tell(history[g], candidates, candidates.map(fitness)));
  }
  return history;
};

/** The last state of {@link run}. */
export const finalState = <S>(...args: Parameters<typeof run<S>>): S => {
  const history = run(...args);
  return history[history.length - 1];
};

/** A state as the JSON a checkpoint holds (typed arrays as exact bytes), for bit-for-bit comparisons. */
export const asJson = (state: unknown): unknown => JSON.parse(JSON.stringify(encodeTree(state)));

/** f = −log(objective) and exp(f): distinct values stay distinct near the optimum, where exp(−objective) would round them all to 1. */
export const logAndExp = (objective: Objective): readonly [Objective, Objective] => [(x) => -Math.log(objective(x)), (x) => Math.exp(-Math.log(objective(x)))];
