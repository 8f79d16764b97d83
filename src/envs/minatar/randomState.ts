/**
 * NumPy's legacy `np.random.RandomState(seed)` (MT19937), as far as MinAtar draws from it: integer
 * seeding (`init_genrand`), raw 32-bit outputs (`genrand_int32` with its tempering), `rand()` (53-bit
 * doubles from two outputs) and the legacy masked-rejection `randint`. Bit for bit what NumPy gives,
 * so a port of MinAtar consumes the same stream as MinAtar does.
 *
 * This is not `np.random.default_rng` (PCG64, see ../numpyRandom.ts), nor Python's `random`.
 *
 * @module
 */

/** Words of MT19937's state. */
export const MT_STATE_WORDS = 624;
const SHIFT = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/** The largest seed `RandomState(seed)` accepts (NumPy raises above it). */
export const MAX_RANDOM_STATE_SEED = 0xffffffff;

/**
 * Plain-data state of a {@link RandomState}: MT19937's 624 words and the position of the next output
 * (624: the next draw twists first), as NumPy's `get_state()[1]` and `[2]`.
 */
export interface RandomStateSnapshot {
  readonly key: readonly number[];
  readonly pos: number;
}

/**
 * Whether `seed` is one `RandomState(seed)` accepts: an integer in [0, 2³² − 1].
 *
 * @example isRandomStateSeed(2 ** 32) // false (NumPy raises ValueError)
 */
export const isRandomStateSeed = (seed: unknown): seed is number => typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_RANDOM_STATE_SEED;

/**
 * NumPy's legacy `RandomState` over MT19937. Mutable: every draw advances it.
 *
 * @example
 * const random = new RandomState(0);
 * random.rand();     // 0.5488135039273248, as np.random.RandomState(0).rand()
 * random.randint(2); // as the next np.random.RandomState(0) call randint(2) would give
 */
export class RandomState {
  private readonly key = new Uint32Array(MT_STATE_WORDS);
  private pos = MT_STATE_WORDS;

  /** `seed`: an integer in [0, 2³² − 1] (NumPy's `init_genrand`; anything else throws a RangeError). */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** Re-seeds in place, as a new `RandomState(seed)`. */
  seed(seed: number): void {
    if (!isRandomStateSeed(seed)) throw new RangeError(`RandomState: seed must be an integer in [0, 2**32 - 1], got ${seed}`);
    const key = this.key;
    key[0] = seed;
    for (let i = 1; i < MT_STATE_WORDS; i++) {
      const previous = key[i - 1];
      key[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
    this.pos = MT_STATE_WORDS;
  }

  /** Regenerates all 624 words (MT19937's twist). */
  private twist(): void {
    const key = this.key;
    const n = MT_STATE_WORDS;
    for (let i = 0; i < n; i++) {
      const y = (key[i] & UPPER_MASK) | (key[(i + 1) % n] & LOWER_MASK);
      key[i] = key[(i + SHIFT) % n] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }

  /** The next raw 32-bit output (`genrand_int32`), as an unsigned number. */
  nextUint32(): number {
    if (this.pos >= MT_STATE_WORDS) this.twist();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `rand()`: a double in [0, 1) from two outputs (27 high bits first, then 26), exact in float64. */
  rand(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * Legacy `randint(low, high)` for one value in [low, high) (`randint(n)` is `randint(0, n)`): masked
   * rejection sampling on 32-bit outputs; a one-value range returns `low` without drawing. Ranges wider
   * than 2³² are not supported (MinAtar needs at most 8 values).
   */
  randint(lowOrHigh: number, high?: number): number {
    const low = high === undefined ? 0 : lowOrHigh;
    const top = high === undefined ? lowOrHigh : high;
    const span = top - low - 1;
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(top) || span < 0) throw new RangeError(`RandomState.randint: need integers low < high, got [${low}, ${top})`);
    if (span === 0) return low;
    if (span === 0xffffffff) return low + this.nextUint32();
    if (span > 0xffffffff) throw new RangeError(`RandomState.randint: ranges over 2**32 values are not supported, got [${low}, ${top})`);
    let mask = span;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > span);
    return low + value;
  }

  /** The state as plain data (see {@link RandomStateSnapshot}). */
  snapshot(): RandomStateSnapshot {
    return { key: Array.from(this.key), pos: this.pos };
  }

  /** Continues from a {@link RandomStateSnapshot}; throws a RangeError on a malformed one. */
  restore(snapshot: RandomStateSnapshot): void {
    this.load(snapshot.key, snapshot.pos);
  }

  /** Writes the 624 words then the position into `out` from `offset` (625 values). */
  writeTo(out: Float64Array | number[], offset: number): void {
    for (let i = 0; i < MT_STATE_WORDS; i++) out[offset + i] = this.key[i];
    out[offset + MT_STATE_WORDS] = this.pos;
  }

  /** Reads 624 words then the position from `values` at `offset` (the layout of {@link RandomState.writeTo}). */
  readFrom(values: ArrayLike<number>, offset: number): void {
    const key = new Array<number>(MT_STATE_WORDS);
    for (let i = 0; i < MT_STATE_WORDS; i++) key[i] = values[offset + i];
    this.load(key, values[offset + MT_STATE_WORDS]);
  }

  private load(key: ArrayLike<number>, pos: number): void {
    if (key.length !== MT_STATE_WORDS) throw new RangeError(`RandomState: the key must have ${MT_STATE_WORDS} words, got ${key.length}`);
    if (!Number.isInteger(pos) || pos < 0 || pos > MT_STATE_WORDS) throw new RangeError(`RandomState: pos must be an integer in [0, ${MT_STATE_WORDS}], got ${pos}`);
    for (let i = 0; i < MT_STATE_WORDS; i++) {
      const word = key[i];
      if (!Number.isInteger(word) || word < 0 || word > 0xffffffff) throw new RangeError(`RandomState: key word ${i} must be a uint32, got ${word}`);
    }
    this.key.set(key);
    this.pos = pos;
  }
}
