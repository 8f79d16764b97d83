import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../algebra/mlp.js';
import { mlpLayout } from '../algebra/mlp.js';

/** One dense layer's tensors, sliced from a flat parameter tensor. */
export interface DenseTensors {
  readonly weight: tf.Tensor2D; // [in, out]
  readonly bias: tf.Tensor1D; // [out]
}

/** Slices the dense layers of `spec` out of a flat parameter tensor (differentiable). */
export const denseTensors = (spec: MlpSpec, theta: tf.Tensor1D): DenseTensors[] =>
  mlpLayout(spec).map((layer) => ({
    weight: tf.reshape(tf.slice(theta, layer.weightOffset, layer.inputDim * layer.outputDim), [layer.inputDim, layer.outputDim]),
    bias: tf.slice(theta, layer.biasOffset, layer.outputDim),
  }));

/** Activations of a forward pass: the post-activation hidden layers and the linear output. */
export interface MlpActivations {
  readonly hidden: tf.Tensor2D[]; // [rows, h_l]
  readonly output: tf.Tensor2D; // [rows, outputDim]
}

/** Forward pass `x [rows, inputDim]` → output `[rows, outputDim]`, differentiable in `theta`. */
export const tfMlpForward = (spec: MlpSpec, theta: tf.Tensor1D, x: tf.Tensor2D): MlpActivations => {
  const layers = denseTensors(spec, theta);
  const hidden: tf.Tensor2D[] = [];
  let h = x;
  layers.forEach(({ weight, bias }, l) => {
    const z = tf.add(tf.matMul(h, weight), bias) as tf.Tensor2D;
    if (l === layers.length - 1) h = z;
    else {
      h = spec.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
      hidden.push(h);
    }
  });
  return { hidden, output: h };
};
