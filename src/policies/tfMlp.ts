import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../algebra/mlp.js';
import { mlpLayout } from '../algebra/mlp.js';
import type { Network } from './network.js';
import type { MlpNetworkSpec, PlainNetwork } from './networkSpec.js';

/** One dense layer's tensors, sliced from a flat parameter tensor. */
export interface DenseTensors {
  readonly weight: tf.Tensor2D; // [in, out]
  readonly bias: tf.Tensor1D; // [out]
}

/**
 * The dense layers of `spec` out of flat parameters: slices of a tensor (differentiable), or new
 * tensors straight from a Float32Array's subarrays (the same values, without the wasm backend's
 * ~50 µs per slice).
 */
export const denseTensors = (spec: MlpSpec, theta: tf.Tensor1D | Float32Array): DenseTensors[] =>
  mlpLayout(spec).map((layer) => {
    const weightSize = layer.inputDim * layer.outputDim;
    return theta instanceof Float32Array
      ? {
          weight: tf.tensor2d(theta.subarray(layer.weightOffset, layer.weightOffset + weightSize), [layer.inputDim, layer.outputDim]),
          bias: tf.tensor1d(theta.subarray(layer.biasOffset, layer.biasOffset + layer.outputDim)),
        }
      : {
          weight: tf.reshape(tf.slice(theta, layer.weightOffset, weightSize), [layer.inputDim, layer.outputDim]),
          bias: tf.slice(theta, layer.biasOffset, layer.outputDim),
        };
  });

/** Activations of a forward pass: the post-activation hidden layers and the linear output, with the weights used. */
export interface MlpActivations {
  readonly hidden: tf.Tensor2D[]; // [rows, h_l]
  readonly output: tf.Tensor2D; // [rows, outputDim]
  readonly weights: tf.Tensor2D[]; // [in, out] per dense layer
}

/**
 * tanh as 2σ(2z) − 1: the same function (to float32 rounding), four times faster than `tf.tanh`
 * on the wasm backend, whose tanh kernel is scalar while its sigmoid is vectorized.
 */
export const tfActivation = (activation: MlpSpec['activation'], z: tf.Tensor2D): tf.Tensor2D =>
  activation === 'tanh' ? (tf.sub(tf.mul(2, tf.sigmoid(tf.mul(2, z))), 1) as tf.Tensor2D) : tf.relu(z);

/** Forward pass `x [rows, inputDim]` → output `[rows, outputDim]`, differentiable in `theta`. */
export const tfMlpForward = (spec: MlpSpec, theta: tf.Tensor1D | Float32Array, x: tf.Tensor2D): MlpActivations => {
  const layers = denseTensors(spec, theta);
  const hidden: tf.Tensor2D[] = [];
  let h = x;
  layers.forEach(({ weight, bias }, l) => {
    const z = tf.add(tf.matMul(h, weight), bias) as tf.Tensor2D;
    if (l === layers.length - 1) h = z;
    else {
      h = tfActivation(spec.activation, z);
      hidden.push(h);
    }
  });
  return { hidden, output: h, weights: layers.map((d) => d.weight) };
};

/** A forward pass kept for differentiation by hand: layer inputs, weights and activation slopes. */
export interface MlpTrace {
  /** Input of each dense layer: x, then the hidden activations. */
  readonly inputs: tf.Tensor2D[];
  readonly weights: tf.Tensor2D[];
  /** act'(z) of each hidden layer, written through its output: tanh' = 1 − h², relu' = [h > 0]. */
  readonly slopes: tf.Tensor2D[];
  readonly output: tf.Tensor2D;
  /** Transposes of `inputs` and `weights`, when computed ahead by {@link withTransposes}. */
  readonly transposed?: { readonly inputs: tf.Tensor2D[]; readonly weights: tf.Tensor2D[] };
}

/** Forward pass that keeps what {@link tfMlpJvp} and {@link tfMlpVjp} need. */
export const tfMlpTrace = (spec: MlpSpec, theta: tf.Tensor1D | Float32Array, x: tf.Tensor2D): MlpTrace => {
  const { hidden, output, weights } = tfMlpForward(spec, theta, x);
  const slopes = hidden.map((h) => (spec.activation === 'tanh' ? tf.sub(1, tf.square(h)) : tf.cast(tf.greater(h, 0), 'float32')) as tf.Tensor2D);
  return { inputs: [x, ...hidden], weights, slopes, output };
};

/**
 * The trace with its inputs and weights transposed once, for a trace that serves many
 * {@link tfMlpVjp} calls (the Fisher-vector products of one update); the same values as the
 * transposes each call would make.
 */
export const withTransposes = (trace: MlpTrace): MlpTrace => ({
  ...trace,
  transposed: { inputs: trace.inputs.map((x) => tf.transpose(x)), weights: trace.weights.map((w) => tf.transpose(w)) },
});

/**
 * Forward mode: J v, the output tangent `[rows, outputDim]` for a parameter tangent `v` (flat, MLP
 * part) and, when the MLP's input itself moves (a conv network's features), its tangent `[rows, inputDim]`.
 */
export const tfMlpJvp = (spec: MlpSpec, trace: MlpTrace, v: tf.Tensor1D | Float32Array, inputTangent?: tf.Tensor2D): tf.Tensor2D => {
  let dh: tf.Tensor2D | null = inputTangent ?? null;
  denseTensors(spec, v).forEach((d, l) => {
    let dz = tf.add(tf.matMul(trace.inputs[l], d.weight), d.bias) as tf.Tensor2D;
    if (dh) dz = tf.add(dz, tf.matMul(dh, trace.weights[l])) as tf.Tensor2D;
    dh = l < trace.slopes.length ? (tf.mul(trace.slopes[l], dz) as tf.Tensor2D) : dz;
  });
  return dh as unknown as tf.Tensor2D;
};

/**
 * Reverse mode with the input's share: Jᵀ δ (flat, layout order) and, when `withInput`, the
 * cotangent of the MLP's input `[rows, inputDim]` (what a conv network passes back to its features).
 */
export const tfMlpBackward = (trace: MlpTrace, outputCotangent: tf.Tensor2D, withInput: boolean): { readonly gradient: tf.Tensor1D; readonly input: tf.Tensor2D | null } => {
  const layers = trace.weights.length;
  const parts: tf.Tensor[] = new Array(2 * layers);
  let delta = outputCotangent;
  const backThrough = (l: number): tf.Tensor2D => tf.matMul(delta, trace.transposed?.weights[l] ?? tf.transpose(trace.weights[l]));
  for (let l = layers - 1; l >= 0; l--) {
    // explicit transposes: tfjs-wasm's matMul with a transpose flag is ~10x slower than transpose + matMul
    parts[2 * l] = tf.reshape(tf.matMul(trace.transposed?.inputs[l] ?? tf.transpose(trace.inputs[l]), delta), [-1]);
    parts[2 * l + 1] = tf.sum(delta, 0);
    if (l > 0) delta = tf.mul(backThrough(l), trace.slopes[l - 1]) as tf.Tensor2D;
  }
  return { gradient: tf.concat(parts) as tf.Tensor1D, input: withInput ? backThrough(0) : null };
};

/** Reverse mode: Jᵀ δ, the flat parameter gradient (layout order) for an output cotangent δ `[rows, outputDim]`. */
export const tfMlpVjp = (trace: MlpTrace, outputCotangent: tf.Tensor2D): tf.Tensor1D => tfMlpBackward(trace, outputCotangent, false).gradient;

/**
 * The MLP as a {@link Network}: the plain half given, the tfjs half from this module's passes
 * ({@link tfMlpTrace}, {@link withTransposes} as `reusable`, {@link tfMlpJvp}, {@link tfMlpVjp}).
 *
 * @example
 * const net = mlpNetwork(spec, plainNetworkOf(spec)); // what networkOf(spec) returns for kind 'mlp'
 */
export const mlpNetwork = (spec: MlpNetworkSpec, plain: PlainNetwork): Network<MlpTrace> => ({
  ...plain,
  forward: (params, input) => tfMlpForward(spec, params, input).output,
  trace: (params, input) => tfMlpTrace(spec, params, input),
  reusable: withTransposes,
  jvp: (trace, tangent) => tfMlpJvp(spec, trace, tangent),
  vjp: tfMlpVjp,
});
