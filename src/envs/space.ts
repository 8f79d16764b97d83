/** A finite set of actions {start, ..., start + n - 1}, as Gymnasium's `Discrete`. */
export interface DiscreteSpace {
  readonly _tag: 'Discrete';
  readonly n: number;
  readonly start: number;
}

/**
 * A box of float32 arrays with per-coordinate bounds, as Gymnasium's `Box`: `shape` is the
 * array's shape ([n] for vectors, [10, 10, n] for MinAtar's grids) and `low`/`high` hold one bound
 * per scalar in C order (length: the product of `shape`). Observations are passed flat.
 */
export interface BoxSpace {
  readonly _tag: 'Box';
  readonly shape: readonly number[];
  readonly low: Float32Array;
  readonly high: Float32Array;
}

/** An observation or action space. */
export type Space = DiscreteSpace | BoxSpace;

/** Gymnasium's `Discrete(n, start)`. */
export const discrete = (n: number, start = 0): DiscreteSpace => ({ _tag: 'Discrete', n, start });

/**
 * Gymnasium's `Box(low, high, shape, dtype=float32)`; bounds are rounded to float32 as Gymnasium
 * stores them. `shape` defaults to `[low.length]`; another shape must hold `low.length` scalars.
 *
 * @example box(new Float32Array(400), new Float32Array(400).fill(1), [10, 10, 4]) // MinAtar Breakout's observations
 */
export const box = (low: ArrayLike<number>, high: ArrayLike<number>, shape: readonly number[] = [low.length]): BoxSpace => {
  if (low.length !== high.length) throw new Error(`box: low has ${low.length} entries, high ${high.length}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 1) || size !== low.length) throw new Error(`box: shape [${shape.join(', ')}] does not hold the ${low.length} bounds`);
  return { _tag: 'Box', shape: [...shape], low: Float32Array.from(low), high: Float32Array.from(high) };
};

/** Number of scalars in one element of the space (1 for Discrete). */
export const flatDim = (space: Space): number => (space._tag === 'Discrete' ? 1 : space.shape.reduce((a, b) => a * b, 1));
