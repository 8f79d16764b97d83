/**
 * The network contract the policy objective, the Fisher-vector product, the value function and
 * the actor are written against, and the dispatch from a {@link NetworkSpec} to its implementation.
 *
 * @module
 */
import type * as tf from '@tensorflow/tfjs';
import type { NetworkKind, NetworkSpec, PlainNetwork } from './networkSpec.js';
import { plainNetworkOf } from './networkSpec.js';
import { convNetwork } from './tfConv.js';
import { mlpNetwork } from './tfMlp.js';

/**
 * A forward pass kept for differentiation by hand: a plain record of tensors (so
 * `keepTensors`/`disposeTensors` reach all of them) with the output `[rows, outputDim]`.
 */
export interface NetworkTrace {
  readonly output: tf.Tensor2D;
}

/**
 * A differentiable network over a flat parameter vector: the plain half (layout, init, TS
 * forward for acting) and the tfjs half (forward, a trace, forward-mode J v and reverse-mode
 * Jᵀ δ written with first-order ops only, exact where tfjs's second-order gradients are not,
 * tfjs issue 3252). Parameters and tangents may be longer than `parameterCount` (a policy's
 * log-std follows); only the first `parameterCount` entries are read.
 *
 * A trace goes back only to the network that made it. (The methods are declared as methods, whose
 * parameters TypeScript checks bivariantly, so a `Network<MlpTrace>` is a `Network`.)
 */
export interface Network<Trace extends NetworkTrace = NetworkTrace> extends PlainNetwork {
  /** Output `[rows, outputDim]` for `input` `[rows, inputDim]`, differentiable in a tensor `params`. */
  forward(params: tf.Tensor1D | Float32Array, input: tf.Tensor2D): tf.Tensor2D;
  /** The forward pass with what {@link jvp} and {@link vjp} need. */
  trace(params: tf.Tensor1D | Float32Array, input: tf.Tensor2D): Trace;
  /** The trace prepared for many {@link jvp}/{@link vjp} calls (the products of one update): same results, less work per call. */
  reusable(trace: Trace): Trace;
  /** Forward mode: J v, the output tangent `[rows, outputDim]` for a parameter tangent `v`. */
  jvp(trace: Trace, tangent: tf.Tensor1D | Float32Array): tf.Tensor2D;
  /** Reverse mode: Jᵀ δ `[parameterCount]` for an output cotangent δ `[rows, outputDim]`, summed over rows. */
  vjp(trace: Trace, cotangent: tf.Tensor2D): tf.Tensor1D;
}

/**
 * Every network kind; tests loop over it, so a new kind is checked against the contract's laws
 * (TS and tfjs forwards agree, J v and Jᵀ δ are exact and adjoint, the FVP matches the KL's Hessian).
 */
export const networkKinds: readonly NetworkKind[] = ['mlp', 'conv'];

/**
 * The network `spec` describes.
 *
 * @example
 * const net = networkOf({ kind: 'mlp', inputDim: 3, hiddenSizes: [64, 64], outputDim: 1, activation: 'tanh' });
 * const values = tf.tidy(() => net.forward(params, tf.tensor2d(observations, [rows, 3])).dataSync());
 */
export const networkOf = (spec: NetworkSpec): Network => {
  switch (spec.kind) {
    case 'mlp':
      return mlpNetwork(spec, plainNetworkOf(spec));
    case 'conv':
      return convNetwork(spec, plainNetworkOf(spec));
  }
};
