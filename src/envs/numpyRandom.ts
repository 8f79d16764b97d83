/**
 * NumPy's default generator, `np.random.default_rng(seed)` = SeedSequence(seed) → PCG64, as far
 * as Gymnasium's classic-control resets need it: uniform doubles. Bit-exact with NumPy, so
 * `reset(seed)` starts from the very state Gymnasium starts from. BigInt arithmetic: slow-ish,
 * used only at episode starts.
 */

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = (0x2360ed051fc65da4n << 64n) | 0x4385df649fccf645n;

// SeedSequence hashing constants (numpy/random/bit_generator.pyx)
const INIT_A = 0x43b0d7e5, MULT_A = 0x931e8875, INIT_B = 0x8b51f9dd, MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd, MIX_MULT_R = 0x4973f715, XSHIFT = 16, POOL_SIZE = 4;

/** Splits a non-negative integer into little-endian 32-bit words (0 → [0]). */
const uint32Words = (seed: bigint): number[] => {
  const words: number[] = [];
  let rest = seed;
  do {
    words.push(Number(rest & MASK32));
    rest >>= 32n;
  } while (rest > 0n);
  return words;
};

/** SeedSequence(entropy).generate_state(nWords) as uint32 words. */
export const seedSequenceState = (seed: number | bigint, nWords: number): Uint32Array => {
  const entropy = uint32Words(BigInt(seed));
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++)
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
  for (let src = POOL_SIZE; src < entropy.length; src++) for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  const out = new Uint32Array(nWords);
  let hashB = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
};

/** Plain-data state of a {@link NumpyGenerator}: the PCG64 state and increment as hex strings. */
export interface NumpyGeneratorState {
  readonly state: string;
  readonly inc: string;
}

/** PCG64 (XSL-RR 128/64) seeded as `np.random.default_rng(seed)`. */
export class NumpyGenerator {
  private state: bigint;
  private inc: bigint;

  /** `seed`: a non-negative integer, or a saved {@link NumpyGeneratorState}. */
  constructor(seed: number | NumpyGeneratorState) {
    if (typeof seed === 'object') {
      this.state = BigInt(`0x${seed.state}`);
      this.inc = BigInt(`0x${seed.inc}`);
      return;
    }
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    const words = seedSequenceState(seed, 8);
    const u64 = (i: number): bigint => (BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]);
    const initState = (u64(0) << 64n) | u64(1);
    const initSeq = (u64(2) << 64n) | u64(3);
    this.state = 0n;
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.inc) & MASK128;
  }

  /** Next 64-bit output. */
  nextUint64(): bigint {
    this.step();
    const rot = Number(this.state >> 122n);
    const value = ((this.state >> 64n) ^ this.state) & MASK64;
    return rot === 0 ? value : ((value >> BigInt(rot)) | (value << BigInt(64 - rot))) & MASK64;
  }

  /** Uniform double in [0, 1): (next_uint64 >> 11) · 2⁻⁵³, as NumPy's `next_double`. */
  nextDouble(): number {
    return Number(this.nextUint64() >> 11n) / 9007199254740992;
  }

  /** `Generator.uniform(low, high)`: low + (high − low) · next_double. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.nextDouble();
  }

  /**
   * A standard normal draw by Box–Muller from two doubles. NumPy uses a ziggurat here, so these
   * draws are deterministic per seed but not NumPy's (HalfCheetah's qvel reset noise).
   */
  standardNormal(): number {
    const u = 1 - this.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.nextDouble());
  }

  /** The generator's state as plain data. */
  snapshot(): NumpyGeneratorState {
    return { state: this.state.toString(16), inc: this.inc.toString(16) };
  }
}
