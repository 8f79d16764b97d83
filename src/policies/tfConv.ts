/**
 * The tfjs half of the convolutional network (src/algebra/conv.ts): forward pass, trace, and J v /
 * Jᵀ δ written by hand with first-order ops only (`conv2d`, `conv2dTranspose`, `matMul`), so the
 * Gauss–Newton Fisher-vector products are exact where tfjs's second-order gradients are not (tfjs
 * issue 3252). The dense part is the MLP's ({@link tfMlpTrace}), fed the flattened last feature map.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvLayout, ConvSpec } from '../algebra/conv.js';
import { convLayout, convPatches } from '../algebra/conv.js';
import { mlpParameterCount } from '../algebra/mlp.js';
import type { Network, NetworkTrace } from './network.js';
import type { ConvNetworkSpec, PlainNetwork } from './networkSpec.js';
import type { MlpTrace } from './tfMlp.js';
import { tfMlpBackward, tfMlpForward, tfMlpJvp, tfMlpTrace, withTransposes } from './tfMlp.js';

/** One convolution's tensors, sliced from flat parameters. */
interface ConvTensors {
  readonly kernel: tf.Tensor4D; // [k, k, C_in, C_out]
  readonly bias: tf.Tensor1D; // [C_out]
}

const kernelShape = (layer: ConvLayout): [number, number, number, number] => [layer.kernel, layer.kernel, layer.input[2], layer.output[2]];

/** The convolutions' tensors and the dense part's flat parameters, out of `theta` (tensor slices or Float32Array views). */
const split = (spec: ConvSpec, theta: tf.Tensor1D | Float32Array): { readonly convs: ConvTensors[]; readonly dense: tf.Tensor1D | Float32Array } => {
  const { convs, denseOffset, dense } = convLayout(spec);
  const denseCount = mlpParameterCount(dense);
  return theta instanceof Float32Array
    ? {
        convs: convs.map((l) => ({
          kernel: tf.tensor4d(theta.subarray(l.kernelOffset, l.biasOffset), kernelShape(l)),
          bias: tf.tensor1d(theta.subarray(l.biasOffset, l.biasOffset + l.output[2])),
        })),
        dense: theta.subarray(denseOffset, denseOffset + denseCount),
      }
    : {
        convs: convs.map((l) => ({
          kernel: tf.reshape(tf.slice(theta, l.kernelOffset, l.biasOffset - l.kernelOffset), kernelShape(l)),
          bias: tf.slice(theta, l.biasOffset, l.output[2]),
        })),
        dense: tf.slice(theta, denseOffset, denseCount),
      };
};

/** A forward pass kept for differentiation by hand. */
export interface ConvTrace extends NetworkTrace {
  /** Input map of each convolution `[rows, h, w, c]`: the observations, then the earlier feature maps. */
  readonly inputs: tf.Tensor4D[];
  readonly kernels: tf.Tensor4D[];
  /** ReLU' of each convolution's output, [h > 0]. */
  readonly masks: tf.Tensor4D[];
  /** The dense part's trace, its input the flattened last feature map `[rows, H'·W'·C']`. */
  readonly dense: MlpTrace;
  /** Transposed im2col patches `[k·k·C_in, rows·h'·w']` of each convolution's input, when computed ahead by `reusable`. */
  readonly patches?: tf.Tensor2D[];
}

/**
 * The transposed im2col matrix of `x [rows, h, w, c]` ({@link convPatches}), built in plain
 * TypeScript from the map's values: kernel gradients are then one `matMul` (the wasm backend has no
 * conv2d filter-gradient kernel, and nine slices and a concat of tfjs-wasm cost ~40 ms a minibatch).
 */
const patchesOf = (x: tf.Tensor4D, layer: ConvLayout): tf.Tensor2D => {
  const [oh, ow] = layer.output, k = layer.kernel, rows = x.shape[0];
  return tf.tensor2d(convPatches(x.dataSync(), rows, layer.input, k), [k * k * layer.input[2], rows * oh * ow]);
};

/** The convolutions' input maps (observations `x [rows, H·W·C]` reshaped, then earlier maps), their kernels, and the last map. */
const convPass = (spec: ConvSpec, theta: tf.Tensor1D | Float32Array, x: tf.Tensor2D) => {
  const { convs, dense } = split(spec, theta);
  let h = tf.reshape(x, [x.shape[0], ...spec.inputShape]) as tf.Tensor4D;
  const inputs: tf.Tensor4D[] = [];
  for (const { kernel, bias } of convs) {
    inputs.push(h);
    h = tf.relu(tf.add(tf.conv2d(h, kernel, 1, 'valid'), bias)) as tf.Tensor4D;
  }
  return { inputs, outputs: [...inputs.slice(1), h], kernels: convs.map((c) => c.kernel), features: tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D, dense };
};

/** Forward pass `x [rows, H·W·C]` (C order) → output `[rows, outputDim]`, differentiable in `theta`. */
export const tfConvForward = (spec: ConvSpec, theta: tf.Tensor1D | Float32Array, x: tf.Tensor2D): tf.Tensor2D => {
  const { features, dense } = convPass(spec, theta, x);
  return tfMlpForward(convLayout(spec).dense, dense, features).output;
};

/** Forward pass that keeps what {@link tfConvJvp} and {@link tfConvVjp} need; `x` is `[rows, H·W·C]` in C order. */
export const tfConvTrace = (spec: ConvSpec, theta: tf.Tensor1D | Float32Array, x: tf.Tensor2D): ConvTrace => {
  const { inputs, outputs, kernels, features, dense } = convPass(spec, theta, x);
  const masks = outputs.map((h) => tf.cast(tf.greater(h, 0), 'float32') as tf.Tensor4D);
  const denseTrace = tfMlpTrace(convLayout(spec).dense, dense, features);
  return { inputs, kernels, masks, dense: denseTrace, output: denseTrace.output };
};

/** Forward mode: J v `[rows, outputDim]`, the tangent carried through the convolutions beside the stored maps. */
export const tfConvJvp = (spec: ConvSpec, trace: ConvTrace, v: tf.Tensor1D | Float32Array): tf.Tensor2D => {
  const { convs, dense } = split(spec, v);
  let dh: tf.Tensor4D | null = null;
  convs.forEach(({ kernel, bias }, l) => {
    let dz = tf.add(tf.conv2d(trace.inputs[l], kernel, 1, 'valid'), bias) as tf.Tensor4D;
    if (dh) dz = tf.add(dz, tf.conv2d(dh, trace.kernels[l], 1, 'valid'));
    dh = tf.mul(trace.masks[l], dz) as tf.Tensor4D;
  });
  const rows = trace.output.shape[0];
  const featureTangent = dh === null ? undefined : tf.reshape(dh as tf.Tensor4D, [rows, -1]) as tf.Tensor2D;
  return tfMlpJvp(convLayout(spec).dense, trace.dense, dense, featureTangent);
};

/** Reverse mode: Jᵀ δ `[parameterCount]` (layout order) for an output cotangent δ `[rows, outputDim]`, summed over rows. */
export const tfConvVjp = (spec: ConvSpec, trace: ConvTrace, outputCotangent: tf.Tensor2D): tf.Tensor1D => {
  const { convs } = convLayout(spec);
  const back = tfMlpBackward(trace.dense, outputCotangent, convs.length > 0);
  const parts: tf.Tensor[] = new Array(2 * convs.length);
  const rows = outputCotangent.shape[0];
  let g = back.input === null ? null : (tf.reshape(back.input, [rows, ...convs[convs.length - 1].output]) as tf.Tensor4D);
  for (let l = convs.length - 1; l >= 0 && g !== null; l--) {
    const layer = convs[l], [oh, ow, f] = layer.output;
    const dz = tf.mul(g, trace.masks[l]) as tf.Tensor4D;
    const dzRows = tf.reshape(dz, [rows * oh * ow, f]) as tf.Tensor2D;
    parts[2 * l] = tf.reshape(tf.matMul(trace.patches?.[l] ?? patchesOf(trace.inputs[l], layer), dzRows), [-1]);
    parts[2 * l + 1] = tf.sum(dzRows, 0);
    g = l > 0 ? tf.conv2dTranspose(dz, trace.kernels[l], [rows, ...layer.input], 1, 'valid') : null;
  }
  return tf.concat([...parts, back.gradient]) as tf.Tensor1D;
};

/** The trace with its im2col patches and the dense part's transposes computed once, for the many products of one update. */
export const reusableConvTrace = (spec: ConvSpec, trace: ConvTrace): ConvTrace => ({
  ...trace,
  dense: withTransposes(trace.dense),
  patches: convLayout(spec).convs.map((layer, l) => patchesOf(trace.inputs[l], layer)),
});

/**
 * The convolutional network as a {@link Network}: the plain half given, the tfjs half from this
 * module's passes.
 *
 * @example
 * const net = convNetwork(spec, plainNetworkOf(spec)); // what networkOf(spec) returns for kind 'conv'
 */
export const convNetwork = (spec: ConvNetworkSpec, plain: PlainNetwork): Network<ConvTrace> => ({
  ...plain,
  forward: (params, input) => tfConvForward(spec, params, input),
  trace: (params, input) => tfConvTrace(spec, params, input),
  reusable: (trace) => reusableConvTrace(spec, trace),
  jvp: (trace, tangent) => tfConvJvp(spec, trace, tangent),
  vjp: (trace, cotangent) => tfConvVjp(spec, trace, cotangent),
});
