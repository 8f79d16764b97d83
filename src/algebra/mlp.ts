import type { Rng } from './rng.js';

/** Hidden-layer nonlinearity of an MLP. */
export type Activation = 'tanh' | 'relu';

/** Shape of a fully connected network: input → hidden layers (activated) → linear output. */
export interface MlpSpec {
  readonly inputDim: number;
  readonly hiddenSizes: readonly number[];
  readonly outputDim: number;
  readonly activation: Activation;
}

/** Where one dense layer's weights `[in, out]` (row-major) and bias `[out]` sit in a flat vector. */
export interface DenseLayout {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly weightOffset: number;
  readonly biasOffset: number;
}

/** The dense layers of an MLP in order, with their offsets in the flat parameter vector. */
export const mlpLayout = (spec: MlpSpec): readonly DenseLayout[] => {
  const sizes = [spec.inputDim, ...spec.hiddenSizes, spec.outputDim];
  const layers: DenseLayout[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputDim = sizes[l], outputDim = sizes[l + 1];
    layers.push({ inputDim, outputDim, weightOffset: offset, biasOffset: offset + inputDim * outputDim });
    offset += inputDim * outputDim + outputDim;
  }
  return layers;
};

/** Number of scalars in the flat parameter vector of an MLP. */
export const mlpParameterCount = (spec: MlpSpec): number =>
  mlpLayout(spec).reduce((n, layer) => n + layer.inputDim * layer.outputDim + layer.outputDim, 0);

/** Options of {@link initMlp}. */
export interface InitOptions {
  /** Gain of the orthogonal init of hidden layers (default √2, as SB3/OpenAI baselines). */
  readonly hiddenGain?: number;
  /** Gain of the output layer (0.01 for a policy head, 1 for a value head). */
  readonly outputGain: number;
}

/**
 * Orthogonal initialization (Saxe et al.), biases zero: each weight matrix is `gain` times a
 * matrix with orthonormal rows or columns, from Gram–Schmidt on Gaussian draws of `rng`.
 */
export const initMlp = (spec: MlpSpec, options: InitOptions, rng: Rng): Float32Array => {
  const params = new Float32Array(mlpParameterCount(spec));
  const layers = mlpLayout(spec);
  layers.forEach((layer, l) => {
    const gain = l === layers.length - 1 ? options.outputGain : options.hiddenGain ?? Math.SQRT2;
    const w = orthogonal(layer.inputDim, layer.outputDim, rng);
    for (let i = 0; i < w.length; i++) params[layer.weightOffset + i] = gain * w[i];
  });
  return params;
};

/** A `[rows, cols]` row-major matrix whose rows (rows ≤ cols) or columns (rows > cols) are orthonormal. */
const orthogonal = (rows: number, cols: number, rng: Rng): Float64Array => {
  const transpose = rows < cols;
  const n = transpose ? cols : rows, k = transpose ? rows : cols; // k orthonormal vectors of length n
  const vectors: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = new Float64Array(n);
    for (;;) {
      for (let i = 0; i < n; i++) v[i] = rng.normal();
      for (const u of vectors) {
        let d = 0;
        for (let i = 0; i < n; i++) d += u[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= d * u[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let i = 0; i < n; i++) v[i] /= norm;
        break;
      }
    }
    vectors.push(v);
  }
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < k; j++)
    for (let i = 0; i < n; i++) {
      if (transpose) out[j * cols + i] = vectors[j][i];
      else out[i * cols + j] = vectors[j][i];
    }
  return out;
};

/** Reusable work buffers for {@link mlpForward}, sized for up to `rows` inputs. */
export interface MlpScratch {
  readonly rows: number;
  readonly buffers: readonly Float64Array[];
}

/** Allocates scratch space for forward passes of up to `rows` inputs. */
export const mlpScratch = (spec: MlpSpec, rows: number): MlpScratch => ({
  rows,
  buffers: spec.hiddenSizes.map((h) => new Float64Array(rows * h)),
});

/**
 * Plain-TypeScript forward pass: `input` `[rows, inputDim]` → `out` `[rows, outputDim]`, with
 * the same flat weights the tfjs networks train. Used for acting, where a tfjs call per step costs
 * more than the arithmetic (float64 accumulation over float32 weights).
 */
export const mlpForward = (
  spec: MlpSpec,
  params: ArrayLike<number>,
  input: ArrayLike<number>,
  rows: number,
  out: Float32Array | Float64Array,
  scratch: MlpScratch = mlpScratch(spec, rows),
): void => {
  if (scratch.rows < rows) throw new Error(`mlpForward: scratch holds ${scratch.rows} rows, ${rows} requested`);
  const layers = mlpLayout(spec);
  let x: ArrayLike<number> = input;
  layers.forEach((layer, l) => {
    const last = l === layers.length - 1;
    const y = last ? out : scratch.buffers[l];
    const { inputDim: m, outputDim: n, weightOffset: wo, biasOffset: bo } = layer;
    for (let r = 0; r < rows; r++) {
      const xo = r * m, yo = r * n;
      for (let j = 0; j < n; j++) y[yo + j] = params[bo + j];
      for (let i = 0; i < m; i++) {
        const xi = x[xo + i];
        if (xi === 0) continue;
        const row = wo + i * n;
        for (let j = 0; j < n; j++) y[yo + j] += xi * params[row + j];
      }
      if (!last) {
        if (spec.activation === 'tanh') for (let j = 0; j < n; j++) y[yo + j] = Math.tanh(y[yo + j]);
        else for (let j = 0; j < n; j++) y[yo + j] = y[yo + j] > 0 ? y[yo + j] : 0;
      }
    }
    x = y;
  });
};
