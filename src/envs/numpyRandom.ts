/**
 * NumPy's default generator, `np.random.default_rng(seed)` = `PCG64(SeedSequence(seed))`, as far as
 * Gymnasium's resets need it. Gymnasium seeds every env with `np.random.SeedSequence(seed)` →
 * `PCG64` (gymnasium/utils/seeding.py) and draws the initial state with `np_random.uniform`, so a
 * bit-exact port of these two algorithms makes `reset(seed)` start exactly where Gymnasium starts.
 *
 * The 128-bit arithmetic uses BigInt: a draw costs well under a microsecond and happens only at
 * episode starts, never inside `step`. Normal draws (NumPy's ziggurat) live in ./numpyNormal.ts.
 *
 * @module
 */
import { standardNormal } from './numpyNormal.js';

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const TWO_POW_53 = 9007199254740992;

// numpy/random/bit_generator.pyx: SeedSequence's hash constants (after Melissa O'Neill's seed_seq).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16; // 32-bit words: XSHIFT = 4 * 8 // 2
/** SeedSequence's default pool size, in 32-bit words. */
export const SEED_SEQUENCE_POOL_SIZE = 4;

/**
 * The 128-bit LCG multiplier of NumPy's PCG64 (PCG_DEFAULT_MULTIPLIER_128 in numpy's pcg64.h).
 */
export const PCG64_MULTIPLIER = (0x2360ed051fc65da4n << 64n) | 0x4385df649fccf645n;

/**
 * A non-negative integer as little-endian 32-bit words, as NumPy's `_int_to_uint32_array`
 * (0 becomes `[0]`).
 *
 * @example uint32Words(2n ** 32n + 5n) // [5, 1]
 */
export const uint32Words = (value: number | bigint): number[] => {
  const n = BigInt(value);
  if (n < 0n) throw new RangeError(`SeedSequence entropy must be non-negative, got ${value}`);
  const words: number[] = [];
  let rest = n;
  do {
    words.push(Number(rest & MASK32));
    rest >>= 32n;
  } while (rest > 0n);
  return words;
};

/** uint32 multiply modulo 2³², as NumPy's uint32 arithmetic. */
const mul32 = (a: number, b: number): number => Math.imul(a, b) >>> 0;

/**
 * The entropy pool of `np.random.SeedSequence(entropy)` (pool size 4, no spawn key): the uint32
 * words after `mix_entropy`.
 */
export const seedSequencePool = (entropy: number | bigint): Uint32Array => {
  const words = uint32Words(entropy);
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    v = mul32(v, hashConst);
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = new Uint32Array(SEED_SEQUENCE_POOL_SIZE);
  // Words past the entropy hash as zeros (the hash constant still advances).
  for (let i = 0; i < SEED_SEQUENCE_POOL_SIZE; i++) pool[i] = hashmix(i < words.length ? words[i] : 0);
  for (let src = 0; src < SEED_SEQUENCE_POOL_SIZE; src++)
    for (let dst = 0; dst < SEED_SEQUENCE_POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
  // Entropy longer than the pool is folded in word by word.
  for (let src = SEED_SEQUENCE_POOL_SIZE; src < words.length; src++)
    for (let dst = 0; dst < SEED_SEQUENCE_POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(words[src]));
  return pool;
};

/**
 * `np.random.SeedSequence(entropy).generate_state(nWords, np.uint32)`: `nWords` uint32 words
 * drawn from the entropy pool.
 *
 * @example seedSequenceState(0, 4) // Uint32Array [0xb0f478be, 0xdb2cd7e7, 0x2c71ba49, 0xabf4641a]
 */
export const seedSequenceState = (entropy: number | bigint, nWords: number): Uint32Array => {
  const pool = seedSequencePool(entropy);
  const out = new Uint32Array(nWords);
  let hashConst = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % SEED_SEQUENCE_POOL_SIZE] ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_B);
    v = mul32(v, hashConst);
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
};

/**
 * Plain-data state of a {@link NumpyGenerator}: PCG64's 128-bit `state` and `inc` as lower-case
 * hex strings without prefix (NumPy's `bit_generator.state['state']`, printed in base 16).
 */
export interface NumpyGeneratorState {
  readonly state: string;
  readonly inc: string;
}

const HEX = /^[0-9a-f]{1,32}$/;

/**
 * Whether `value` has the shape of a {@link NumpyGeneratorState} (two strings `state` and `inc`):
 * how an env's `restore` tells a saved generator from a missing one. The constructor checks the digits.
 */
export const isNumpyGeneratorState = (value: unknown): value is NumpyGeneratorState =>
  typeof value === 'object' && value !== null && typeof (value as NumpyGeneratorState).state === 'string' && typeof (value as NumpyGeneratorState).inc === 'string';

/**
 * NumPy's `np.random.Generator(PCG64(SeedSequence(seed)))`, the generator behind Gymnasium's
 * `env.np_random`. Mutable: every draw advances it; {@link NumpyGenerator.snapshot} saves it as
 * plain data and `new NumpyGenerator(snapshot)` continues from there.
 *
 * @example new NumpyGenerator(0).nextDouble() // 0.6369616873214543, as np.random.default_rng(0).random()
 */
export class NumpyGenerator {
  private state: bigint;
  private inc: bigint;

  /**
   * `seed`: a non-negative integer (as `default_rng(seed)`; a `number` must be a safe integer),
   * or a state saved by {@link NumpyGenerator.snapshot}.
   */
  constructor(seed: number | bigint | NumpyGeneratorState) {
    if (typeof seed === 'object') {
      if (!HEX.test(seed.state) || !HEX.test(seed.inc)) throw new Error(`NumpyGenerator: state and inc must be hex strings of at most 32 digits, got ${JSON.stringify(seed)}`);
      this.state = BigInt(`0x${seed.state}`);
      this.inc = BigInt(`0x${seed.inc}`);
      return;
    }
    if (typeof seed === 'number' && (!Number.isSafeInteger(seed) || seed < 0)) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    if (typeof seed === 'bigint' && seed < 0n) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    // PCG64._legacy_seeding is not used: default_rng seeds from generate_state(4, np.uint64),
    // i.e. 8 uint32 words read as 4 little-endian uint64 words.
    const words = seedSequenceState(seed, 8);
    const u64 = (i: number): bigint => (BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]);
    const initState = (u64(0) << 64n) | u64(1);
    const initSeq = (u64(2) << 64n) | u64(3);
    // pcg_setseq_128_srandom_r
    this.state = 0n;
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.advance();
    this.state = (this.state + initState) & MASK128;
    this.advance();
  }

  /** One step of the 128-bit LCG: state ← state · multiplier + inc (mod 2¹²⁸). */
  private advance(): void {
    this.state = (this.state * PCG64_MULTIPLIER + this.inc) & MASK128;
  }

  /** Next 64-bit output (`bit_generator.random_raw()`): step, then XSL-RR of the new state. */
  nextUint64(): bigint {
    this.advance();
    const rotation = Number(this.state >> 122n);
    const xored = ((this.state >> 64n) ^ this.state) & MASK64;
    return rotation === 0 ? xored : ((xored >> BigInt(rotation)) | (xored << BigInt(64 - rotation))) & MASK64;
  }

  /** Uniform double in [0, 1): `(next_uint64 >> 11) · 2⁻⁵³`, as `Generator.random()`. */
  nextDouble(): number {
    return Number(this.nextUint64() >> 11n) / TWO_POW_53;
  }

  /**
   * `Generator.uniform(low, high)` for one draw: `low + (high − low) · next_double`, in float64.
   * With `size=n` or array bounds NumPy makes n such draws in order, which is n calls here.
   */
  uniform(low: number, high: number): number {
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`uniform: high - low must be finite, got ${low}, ${high}`);
    return low + range * this.nextDouble();
  }

  /**
   * `Generator.standard_normal()` for one draw: NumPy's 256-level ziggurat (see ./numpyNormal.ts),
   * consuming the stream exactly as NumPy does; the value agrees with NumPy's to ~2.5e-14 relative.
   * With `size=n` NumPy makes n such draws in order.
   */
  standardNormal(): number {
    return standardNormal(this);
  }

  /** The generator's state as plain data (see {@link NumpyGeneratorState}). */
  snapshot(): NumpyGeneratorState {
    return { state: this.state.toString(16), inc: this.inc.toString(16) };
  }
}
