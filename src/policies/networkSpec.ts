/**
 * Network descriptions as plain data, and the plain-TypeScript half of each network: parameter
 * layout, initialization and the batched forward pass that acting uses. No tfjs here, so sampler
 * workers and acting code load none; the tfjs half is {@link ./network.ts}.
 *
 * @module
 */
import type { InitOptions, MlpSpec } from '../algebra/mlp.js';
import { compileMlp, initMlp, mlpParameterCount } from '../algebra/mlp.js';
import type { ConvSpec } from '../algebra/conv.js';
import { compileConv, convParameterCount, initConv } from '../algebra/conv.js';
import type { Rng } from '../algebra/rng.js';

/** A fully connected network: input → hidden layers (activated) → linear output. */
export interface MlpNetworkSpec extends MlpSpec {
  readonly kind: 'mlp';
}

/**
 * A convolutional network over an observation `[height, width, channels]` (flattened in C order):
 * valid stride-1 convolutions with ReLU, dense ReLU layers, linear output (MinAtar's architecture;
 * parameter layout in src/algebra/conv.ts).
 */
export interface ConvNetworkSpec extends ConvSpec {
  readonly kind: 'conv';
}

/**
 * A conv network spec with its fields in one fixed order (specs are compared as JSON, e.g. a
 * checkpoint's against the one config.json implies).
 *
 * @example
 * convNetworkSpec({ inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128], outputDim: 6 });
 */
export const convNetworkSpec = (spec: ConvSpec): ConvNetworkSpec => ({
  kind: 'conv',
  inputShape: [spec.inputShape[0], spec.inputShape[1], spec.inputShape[2]],
  convLayers: spec.convLayers.map(({ filters, kernel }) => ({ filters, kernel })),
  hiddenSizes: [...spec.hiddenSizes],
  outputDim: spec.outputDim,
});

/**
 * What a network is, as serializable data tagged by `kind`; {@link plainNetworkOf} and
 * `networkOf` (src/policies/network.ts) turn it into code. A new architecture is a new member.
 */
export type NetworkSpec = MlpNetworkSpec | ConvNetworkSpec;

/** The tag of each network architecture. */
export type NetworkKind = NetworkSpec['kind'];

/** A forward pass bound to fixed weights: `input [rows, inputDim]` → `out [rows, outputDim]`, float64 arithmetic. */
export type BatchForward = (input: ArrayLike<number>, rows: number, out: Float32Array | Float64Array) => void;

/**
 * The plain-TypeScript half of the network contract: sizes, the flat parameter vector's length
 * and initialization, and a batched forward pass over the flat weights (acting, no tfjs per step).
 */
export interface PlainNetwork {
  readonly spec: NetworkSpec;
  /** Scalars per input row (a flattened observation). */
  readonly inputDim: number;
  /** Scalars per output row (logits, Gaussian mean, or a value). */
  readonly outputDim: number;
  /** Length of the flat parameter vector. */
  readonly parameterCount: number;
  /** A fresh flat parameter vector `[parameterCount]`; hidden layers at `hiddenGain`, the output layer at `outputGain`. */
  init(options: InitOptions, rng: Rng): Float32Array;
  /** Binds `params` (the first `parameterCount` entries are read) for repeated forward passes with reused buffers. */
  compile(params: ArrayLike<number>): BatchForward;
}

/**
 * The plain half of the network `spec` describes.
 *
 * @example
 * const net = plainNetworkOf({ kind: 'mlp', inputDim: 4, hiddenSizes: [64, 64], outputDim: 2, activation: 'tanh' });
 * const forward = net.compile(net.init({ outputGain: 0.01 }, new Rng(rngStateFromSeed(0))));
 * forward(observations, rows, logits); // logits: [rows, 2]
 */
export const plainNetworkOf = (spec: NetworkSpec): PlainNetwork => {
  switch (spec.kind) {
    case 'mlp':
      return {
        spec,
        inputDim: spec.inputDim,
        outputDim: spec.outputDim,
        parameterCount: mlpParameterCount(spec),
        init: (options, rng) => initMlp(spec, options, rng),
        compile: (params) => compileMlp(spec, params),
      };
    case 'conv':
      return {
        spec,
        inputDim: spec.inputShape[0] * spec.inputShape[1] * spec.inputShape[2],
        outputDim: spec.outputDim,
        parameterCount: convParameterCount(spec),
        init: (options, rng) => initConv(spec, options, rng),
        compile: (params) => compileConv(spec, params),
      };
  }
};

/**
 * A fresh flat parameter vector for `spec` (shorthand for `plainNetworkOf(spec).init`).
 *
 * @example
 * const valueParams = initNetwork(valueSpec, { outputGain: 1 }, new Rng(valueStream));
 */
export const initNetwork = (spec: NetworkSpec, options: InitOptions, rng: Rng): Float32Array => plainNetworkOf(spec).init(options, rng);

/**
 * A network description as read from a saved file: the current tagged form as is, or a bare
 * `MlpSpec` (files written before network kinds existed) tagged `mlp`.
 *
 * @example
 * networkSpecFromSaved({ inputDim: 4, hiddenSizes: [64], outputDim: 1, activation: 'tanh' }).kind; // 'mlp'
 */
export const networkSpecFromSaved = (saved: NetworkSpec | MlpSpec): NetworkSpec => ('kind' in saved ? saved : { kind: 'mlp', ...saved });
