/** State of the xoshiro128** generator: four uint32 words (not all zero). Plain, serializable. */
export type RngState = readonly [number, number, number, number];

/** splitmix32: expands one 32-bit value into a well-mixed stream of 32-bit words. */
const splitmix32 = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
};

const stateFrom = (next: () => number): RngState => {
  const s: [number, number, number, number] = [next(), next(), next(), next()];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
};

/** Generator state for an integer seed (any sign); throws on a non-integer. */
export const rngStateFromSeed = (seed: number): RngState => {
  if (!Number.isSafeInteger(seed)) throw new Error(`rngStateFromSeed: seed must be an integer, got ${seed}`);
  const low = seed >>> 0, high = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2d));
  return stateFrom(mix);
};

/**
 * `n` independent child states derived from `state` (pure: same input, same output). Each child
 * seeds splitmix32 from the parent's words and its index, so children differ from each other and
 * from the parent's own stream.
 */
export const splitRng = (state: RngState, n: number): RngState[] => {
  const parent = new Rng(state);
  const base = [parent.nextUint32(), parent.nextUint32(), parent.nextUint32(), parent.nextUint32()];
  return Array.from({ length: n }, (_, i) => {
    const mix = splitmix32((base[0] ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const mix2 = splitmix32((base[1] ^ base[2] ^ Math.imul(i + 1, 0x85ebca77)) >>> 0);
    return stateFrom(() => (mix() ^ mix2() ^ base[3]) >>> 0);
  });
};

/**
 * xoshiro128** (Blackman & Vigna): a fast 32-bit generator with 2¹²⁸ − 1 period. Mutable while
 * drawing; `state()` captures it fully, so `new Rng(r.state())` continues the same sequence.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  /** Uniform 32-bit unsigned integer. */
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

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5, low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal draw (Box–Muller, one draw per call, no cached value). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n) || n > 2 ** 32) throw new Error(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** The current state (a copy). */
  state(): RngState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
