/**
 * NumPy's `Generator.standard_normal` for doubles: the ziggurat method of Marsaglia & Tsang
 * ("The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000) with 256
 * levels, drawing the level, sign and a 52-bit magnitude from one 64-bit output, as NumPy ≥ 1.17
 * does (numpy/random/src/distributions/distributions.c, `random_standard_normal`). Gymnasium's
 * HalfCheetah reset draws its velocity noise this way.
 *
 * Approximate in the last bits: the tables are built at load time from the algorithm's two
 * constants (the base strip's right edge r and the common strip area v) in double arithmetic, while
 * NumPy ships tables whose inner entries differ from these by up to ~2e-14 relative. Checked
 * against NumPy 2.4.6 over 10⁶ draws from five seeds: every value within 2.5e-14 relative (31 %
 * bit for bit), and every accept/reject decision NumPy's, so the stream advanced exactly as
 * NumPy's (a decision could only differ for a magnitude within ~1e-14 of a bound).
 *
 * @module
 */

/** The bits a normal draw consumes: NumPy's `next_uint64` and `next_double` of the same stream. */
export interface NormalBitSource {
  nextUint64(): bigint;
  nextDouble(): number;
}

/** Number of ziggurat levels (strips); the level index is the low 8 bits of a 64-bit draw. */
export const ZIGGURAT_LEVELS = 256;

/** Right edge r of the base strip: beyond it lies the tail (Marsaglia & Tsang, 256-level normal). */
export const ZIGGURAT_R = 3.6541528853610088;

/**
 * Area v of every strip (the base strip includes the tail beyond r): r·exp(−r²/2) + √(π/2)·erfc(r/√2)
 * = 0.00492867323397465493…, to full precision. (Marsaglia & Tsang print it as 4.92867323399e-3;
 * tables built from that rounded value put inner strips off NumPy's by up to 3e-10 relative.)
 */
export const ZIGGURAT_V = 0.004928673233974654931590913431847148883305;

/** 2⁵²: the magnitude of a draw is a 52-bit integer. */
const M52 = 4503599627370496;
const MASK52 = (1n << 52n) - 1n;

/** Tables of the 256-level ziggurat, indexed by level. */
export interface ZigguratTables {
  /** Acceptance bound on the 52-bit magnitude: below it the draw lies inside the next strip up (`ki`). */
  readonly k: Float64Array;
  /** Scale from the 52-bit magnitude to x: strip width / 2⁵² (`wi`). */
  readonly w: Float64Array;
  /** Density exp(−x²/2) at each strip's edge (`fi`). */
  readonly f: Float64Array;
}

/**
 * Marsaglia & Tsang's table set-up (their `zigset`) for 256 levels and 52-bit magnitudes: walk the
 * strip edges inwards from r, each strip of area v. `k` holds integers below 2⁵², exact as doubles.
 */
export const zigguratTables = (): ZigguratTables => {
  const k = new Float64Array(ZIGGURAT_LEVELS);
  const w = new Float64Array(ZIGGURAT_LEVELS);
  const f = new Float64Array(ZIGGURAT_LEVELS);
  const last = ZIGGURAT_LEVELS - 1;
  let edge = ZIGGURAT_R;
  let outer = edge;
  // the base strip is as wide as a rectangle of area v at the density of r
  const q = ZIGGURAT_V / Math.exp(-0.5 * edge * edge);
  k[0] = Math.floor((edge / q) * M52);
  k[1] = 0;
  w[0] = q / M52;
  w[last] = edge / M52;
  f[0] = 1;
  f[last] = Math.exp(-0.5 * edge * edge);
  for (let i = last - 1; i >= 1; i--) {
    edge = Math.sqrt(-2 * Math.log(ZIGGURAT_V / edge + Math.exp(-0.5 * edge * edge)));
    k[i + 1] = Math.floor((edge / outer) * M52);
    outer = edge;
    f[i] = Math.exp(-0.5 * edge * edge);
    w[i] = edge / M52;
  }
  return { k, w, f };
};

const TABLES = zigguratTables();
const INV_R = 1 / ZIGGURAT_R;

/**
 * One standard normal draw, as `np.random.default_rng(seed).standard_normal()` consumes and
 * returns it: usually one 64-bit output (level = bits 0–7, sign = bit 8, magnitude = bits 9–60);
 * a rejected draw takes a double for the wedge test or two for the tail, then starts over.
 *
 * @example standardNormal(new NumpyGenerator(0)) // ≈ 0.1257302210933933, np.random.default_rng(0).standard_normal()
 */
export const standardNormal = (source: NormalBitSource): number => {
  const { k, w, f } = TABLES;
  for (;;) {
    const bits = source.nextUint64();
    const level = Number(bits & 0xffn);
    const negative = ((bits >> 8n) & 1n) === 1n;
    const magnitude = Number((bits >> 9n) & MASK52);
    const x = negative ? -(magnitude * w[level]) : magnitude * w[level];
    if (magnitude < k[level]) return x;
    if (level === 0) {
      // the tail beyond r (Marsaglia 1964); log1p(−u) keeps log finite for u = 0
      for (;;) {
        const xx = -INV_R * Math.log1p(-source.nextDouble());
        const yy = -Math.log1p(-source.nextDouble());
        if (yy + yy > xx * xx) return Math.floor(magnitude / 256) % 2 === 1 ? -(ZIGGURAT_R + xx) : ZIGGURAT_R + xx;
      }
    }
    // the wedge between strip `level` and the density curve
    if ((f[level - 1] - f[level]) * source.nextDouble() + f[level] < Math.exp(-0.5 * x * x)) return x;
  }
};
