/**
 * A small convolutional network (MinAtar's architecture: valid 3×3 convolutions, stride 1, ReLU,
 * then dense ReLU layers and a linear output) as plain data: its flat parameter layout, its
 * initialization and a batched float64 forward pass for acting.
 *
 * Flat parameter layout, in order: for each convolution `l`, its kernel `[k, k, C_in, C_out]`
 * (row-major, tfjs's `conv2d` filter layout) then its bias `[C_out]`; then the dense part, laid
 * out as an MLP ({@link mlpLayout}) whose input is the last feature map `[H', W', C']` flattened
 * in C order.
 *
 * @module
 */
import * as O from 'fp-ts/lib/Option.js';
import type { InitOptions, MlpSpec } from './mlp.js';
import { compileMlp, initMlp, mlpParameterCount, orthogonal } from './mlp.js';
import type { Rng } from './rng.js';

/** One convolution: `filters` output channels, a `kernel × kernel` window, stride 1, no padding. */
export interface ConvLayerSpec {
  readonly filters: number;
  readonly kernel: number;
}

/** Shape of a convolutional network: input `[height, width, channels]` → convolutions → dense layers → linear output. */
export interface ConvSpec {
  readonly inputShape: readonly [number, number, number];
  readonly convLayers: readonly ConvLayerSpec[];
  readonly hiddenSizes: readonly number[];
  readonly outputDim: number;
}

/** Where one convolution sits: its input and output maps `[h, w, c]` and its offsets in the flat vector. */
export interface ConvLayout {
  readonly input: readonly [number, number, number];
  readonly output: readonly [number, number, number];
  readonly kernel: number;
  readonly kernelOffset: number;
  readonly biasOffset: number;
}

/**
 * Why the convolutions of `spec` do not fit its input (a kernel larger than its input map), or none.
 *
 * @example
 * convShapeError({ inputShape: [3, 3, 1], convLayers: [{ filters: 1, kernel: 4 }], hiddenSizes: [], outputDim: 1 }); // some('conv layer 0: …')
 */
export const convShapeError = (spec: ConvSpec): O.Option<string> => {
  let [h, w] = spec.inputShape;
  for (const [l, { kernel }] of spec.convLayers.entries()) {
    if (kernel > h || kernel > w) return O.some(`conv layer ${l}: expected a kernel of at most ${Math.min(h, w)} for a ${h}×${w} input map, got ${kernel}`);
    h -= kernel - 1;
    w -= kernel - 1;
  }
  return O.none;
};

/**
 * The convolutions of `spec` in order with their offsets, and the dense part (an MLP over the
 * flattened last map, starting at `denseOffset`). Throws when a kernel does not fit its input map.
 *
 * @example
 * convLayout({ inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128], outputDim: 6 }).dense.inputDim; // 8·8·16 = 1024
 */
export const convLayout = (spec: ConvSpec): { readonly convs: readonly ConvLayout[]; readonly denseOffset: number; readonly dense: MlpSpec } => {
  const misfit = convShapeError(spec);
  if (O.isSome(misfit)) throw new Error(misfit.value);
  const convs: ConvLayout[] = [];
  let offset = 0;
  let map = spec.inputShape;
  for (const { filters, kernel } of spec.convLayers) {
    const [h, w, c] = map;
    const output = [h - kernel + 1, w - kernel + 1, filters] as const;
    convs.push({ input: map, output, kernel, kernelOffset: offset, biasOffset: offset + kernel * kernel * c * filters });
    offset += kernel * kernel * c * filters + filters;
    map = output;
  }
  const dense: MlpSpec = { inputDim: map[0] * map[1] * map[2], hiddenSizes: spec.hiddenSizes, outputDim: spec.outputDim, activation: 'relu' };
  return { convs, denseOffset: offset, dense };
};

/**
 * Number of scalars in the flat parameter vector of a convolutional network.
 *
 * @example
 * convParameterCount({ inputShape: [5, 5, 2], convLayers: [{ filters: 3, kernel: 3 }], hiddenSizes: [], outputDim: 1 }); // 3·3·2·3 + 3 + 27 + 1 = 85
 */
export const convParameterCount = (spec: ConvSpec): number => {
  const { denseOffset, dense } = convLayout(spec);
  return denseOffset + mlpParameterCount(dense);
};

/**
 * Initialization as the MLP's ({@link initMlp}): each kernel, seen as a `[k·k·C_in, C_out]`
 * matrix, is orthogonal with gain `hiddenGain` (default √2); the dense part is an MLP init
 * (hidden layers `hiddenGain`, output `outputGain`); biases zero. Draws convolutions first.
 *
 * @example
 * const params = initConv(spec, { outputGain: 0.01 }, new Rng(rngStateFromSeed(0)));
 */
export const initConv = (spec: ConvSpec, options: InitOptions, rng: Rng): Float32Array => {
  const { convs, denseOffset, dense } = convLayout(spec);
  const params = new Float32Array(convParameterCount(spec));
  const gain = options.hiddenGain ?? Math.SQRT2;
  for (const layer of convs) {
    const w = orthogonal(layer.kernel * layer.kernel * layer.input[2], layer.output[2], rng);
    for (let i = 0; i < w.length; i++) params[layer.kernelOffset + i] = gain * w[i];
  }
  params.set(initMlp(dense, options, rng), denseOffset);
  return params;
};

/**
 * The transposed im2col matrix of maps `input [rows, h, w, c]` (C order) for a `kernel × kernel`
 * valid window at stride 1: `[kernel·kernel·c, rows·h'·w']`, row `(di·kernel + dj)·c + ch` (a
 * kernel's flat layout), column `(row·h' + i)·w' + j`, so a kernel gradient is one product
 * `patches · δ[rows·h'·w', filters]`. Plain copies of the input's values.
 *
 * @example
 * convPatches(Float32Array.of(1, 2, 3, 4), 1, [2, 2, 1], 2); // [4, 1]: 1, 2, 3, 4
 */
export const convPatches = (input: ArrayLike<number>, rows: number, shape: readonly [number, number, number], kernel: number): Float32Array => {
  const [h, w, c] = shape, oh = h - kernel + 1, ow = w - kernel + 1;
  const columns = rows * oh * ow;
  const out = new Float32Array(kernel * kernel * c * columns);
  for (let di = 0; di < kernel; di++)
    for (let dj = 0; dj < kernel; dj++)
      for (let ch = 0; ch < c; ch++) {
        let to = ((di * kernel + dj) * c + ch) * columns;
        for (let r = 0; r < rows; r++)
          for (let i = 0; i < oh; i++) {
            let from = ((r * h + i + di) * w + dj) * c + ch;
            for (let j = 0; j < ow; j++, from += c) out[to++] = input[from];
          }
      }
  return out;
};

/** A forward pass bound to fixed weights: `input [rows, H·W·C]` (C order) → `out [rows, outputDim]`. */
export type ConvForwardFn = (input: ArrayLike<number>, rows: number, out: Float32Array | Float64Array) => void;

/**
 * Binds a convolutional network's weights for repeated plain-TypeScript forward passes (float64,
 * buffers grow to the largest `rows` seen). Each row is computed on its own, every feature summed
 * in one fixed order (bias, then the window row by row, column by column, channel by channel,
 * zero inputs skipped), so a row's output does not depend on the other rows in the batch. The sum
 * is scattered from the input: each nonzero input pixel, in C order, adds its share to every
 * window it falls in, which keeps that order and makes a sparse map (MinAtar's binary frames) cheap.
 *
 * @example
 * const forward = compileConv(spec, params);
 * forward(observations, rows, logits); // logits: [rows, outputDim]
 */
export const compileConv = (spec: ConvSpec, params: ArrayLike<number>): ConvForwardFn => {
  const { convs, denseOffset, dense } = convLayout(spec);
  const kernels = convs.map((l) => Float64Array.from({ length: l.biasOffset - l.kernelOffset }, (_, i) => params[l.kernelOffset + i]));
  const biases = convs.map((l) => Float64Array.from({ length: l.output[2] }, (_, i) => params[l.biasOffset + i]));
  const denseForward = compileMlp(dense, Float64Array.from({ length: mlpParameterCount(dense) }, (_, i) => params[denseOffset + i]));
  const [height, width, channels] = spec.inputShape;
  const inputDim = height * width * channels;
  let capacity = 0;
  let maps: Float64Array[] = [];
  return (input, rows, out) => {
    if (rows > capacity) {
      capacity = rows;
      maps = convs.map((l) => new Float64Array(rows * l.output[0] * l.output[1] * l.output[2]));
    }
    convs.forEach((layer, l) => {
      const [h, w, c] = layer.input, [oh, ow, f] = layer.output, k = layer.kernel;
      const source: ArrayLike<number> = l === 0 ? input : maps[l - 1];
      const sourceSize = l === 0 ? inputDim : h * w * c;
      const target = maps[l], kernel = kernels[l], bias = biases[l];
      for (let r = 0; r < rows; r++) {
        const so = r * sourceSize, to = r * oh * ow * f;
        for (let p = 0; p < oh * ow; p++) for (let o = 0; o < f; o++) target[to + p * f + o] = bias[o];
        // input pixel (y, x, ch) meets output (i, j) = (y − di, x − dj) through kernel entry (di, dj, ch)
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++)
            for (let ch = 0; ch < c; ch++) {
              const v = source[so + (y * w + x) * c + ch];
              if (v === 0) continue;
              for (let di = Math.max(0, y - oh + 1); di <= Math.min(k - 1, y); di++)
                for (let dj = Math.max(0, x - ow + 1); dj <= Math.min(k - 1, x); dj++) {
                  const tp = to + ((y - di) * ow + (x - dj)) * f, kp = ((di * k + dj) * c + ch) * f;
                  for (let o = 0; o < f; o++) target[tp + o] += v * kernel[kp + o];
                }
            }
        for (let p = to; p < to + oh * ow * f; p++) target[p] = target[p] > 0 ? target[p] : 0;
      }
    });
    denseForward(convs.length === 0 ? input : maps[convs.length - 1], rows, out);
  };
};
