/** A finite set of actions {start, ..., start + n - 1}, as Gymnasium's `Discrete`. */
export interface DiscreteSpace {
  readonly _tag: 'Discrete';
  readonly n: number;
  readonly start: number;
}

/** A box of float32 vectors with per-coordinate bounds, as Gymnasium's `Box` (shape is 1-D here). */
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

/** Gymnasium's `Box(low, high, dtype=float32)`; bounds are rounded to float32 as Gymnasium stores them. */
export const box = (low: ArrayLike<number>, high: ArrayLike<number>): BoxSpace => {
  if (low.length !== high.length) throw new Error(`box: low has ${low.length} entries, high ${high.length}`);
  return { _tag: 'Box', shape: [low.length], low: Float32Array.from(low), high: Float32Array.from(high) };
};

/** Number of scalars in one element of the space (1 for Discrete). */
export const flatDim = (space: Space): number => (space._tag === 'Discrete' ? 1 : space.shape.reduce((a, b) => a * b, 1));
