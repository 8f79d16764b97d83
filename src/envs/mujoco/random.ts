/**
 * The seeded generator behind the MuJoCo envs' reset noise: xoshiro128** seeded through
 * splitmix32. It does not reproduce NumPy's draws (the recorded references set the state
 * directly); it makes `reset(seed)` deterministic and its state plain data for snapshots.
 *
 * @module
 */

/** Generator state: four uint32 words, not all zero. Plain and serializable. */
export type ResetRandomState = readonly [number, number, number, number];

const TWO_POW_53 = 9007199254740992;

/** splitmix32's output function applied to the i-th step from `seed`. */
const splitmix32 = (seed: number, i: number): number => {
  let z = (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
};

/**
 * The state for a seed: any safe integer (negative ones too). Distinct seeds give distinct states:
 * the first word is a bijection of the low 32 bits, the second then fixes the high ones, and every
 * later word mixes in both halves.
 *
 * @example resetRandomState(42) // four words, the same on every run
 */
export const resetRandomState = (seed: number): ResetRandomState => {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`reset seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const w0 = splitmix32(low, 0);
  const w1 = splitmix32((high ^ w0) >>> 0, 1);
  const w2 = splitmix32((low ^ w1) >>> 0, 2);
  const w3 = splitmix32((high ^ w2) >>> 0, 3);
  // xoshiro must never start from all zeros
  return (w0 | w1 | w2 | w3) === 0 ? [1, 0, 0, 0] : [w0, w1, w2, w3];
};

/** A mutable xoshiro128** stream with the two draws the locomotion resets need. */
export class ResetRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: ResetRandomState) {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff) || (state[0] | state[1] | state[2] | state[3]) === 0)
      throw new RangeError(`ResetRandom: state must be four uint32 words, not all zero, got ${JSON.stringify(state)}`);
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  /** The next uint32 of the stream. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A double uniform on [0, 1) with 53 random bits. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** Uniform on [low, high), as NumPy's `uniform`: low + (high − low)·u. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.nextDouble();
  }

  /** A standard normal draw (Box–Muller from two uniforms; the sine partner is dropped). */
  standardNormal(): number {
    const u = 1 - this.nextDouble(); // (0, 1]: the logarithm stays finite
    const v = this.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The current state (a copy). */
  state(): ResetRandomState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
