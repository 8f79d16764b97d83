import type { Activation, MlpSpec } from '../algebra/mlp.js';
import type { NetworkSpec } from './networkSpec.js';
import { networkSpecFromSaved, plainNetworkOf } from './networkSpec.js';

/**
 * A stochastic policy: a network from observations to distribution parameters, and its head.
 * Categorical: the network outputs `actions` logits. Gaussian: the network outputs the mean
 * `[actionDim]` and a state-independent log-std `[actionDim]` follows the network weights in the
 * flat vector.
 */
export type PolicySpec =
  | { readonly head: 'categorical'; readonly network: NetworkSpec; readonly actions: number }
  | { readonly head: 'gaussian'; readonly network: NetworkSpec; readonly actionDim: number };

/** Builds the policy shape (an MLP) for an observation size and an action space size. */
export const policySpec = (options: {
  readonly observationDim: number;
  readonly head: 'categorical' | 'gaussian';
  /** Number of discrete actions, or the dimension of a continuous action. */
  readonly actionSize: number;
  readonly hiddenSizes: readonly number[];
  readonly activation: Activation;
}): PolicySpec => {
  const network: NetworkSpec = {
    kind: 'mlp',
    inputDim: options.observationDim,
    hiddenSizes: options.hiddenSizes,
    outputDim: options.actionSize,
    activation: options.activation,
  };
  return policyOn(network, options.head, options.actionSize);
};

/**
 * A policy with the `head` on `network` (which outputs `actionSize` values: logits or the mean).
 *
 * @example
 * policyOn(convNetworkSpec({ inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128], outputDim: 6 }), 'categorical', 6);
 */
export const policyOn = (network: NetworkSpec, head: 'categorical' | 'gaussian', actionSize: number): PolicySpec =>
  head === 'categorical' ? { head: 'categorical', network, actions: actionSize } : { head: 'gaussian', network, actionDim: actionSize };

/** Length of the flat parameter vector: network weights, then the log-std for a Gaussian head. */
export const policyParameterCount = (spec: PolicySpec): number =>
  plainNetworkOf(spec.network).parameterCount + (spec.head === 'gaussian' ? spec.actionDim : 0);

/** Offset of the Gaussian log-std inside the flat parameter vector. */
export const logStdOffset = (spec: PolicySpec): number => plainNetworkOf(spec.network).parameterCount;

/** Scalars per action in a batch (1 for a categorical head). */
export const actionWidth = (spec: PolicySpec): number => (spec.head === 'categorical' ? 1 : spec.actionDim);

/** Scalars per (flattened) observation the policy reads. */
export const observationDim = (spec: PolicySpec): number => plainNetworkOf(spec.network).inputDim;

/** A policy spec as files written before network kinds held it: `mlp` where `network` is now. */
export type LegacyPolicySpec =
  | { readonly head: 'categorical'; readonly mlp: MlpSpec; readonly actions: number }
  | { readonly head: 'gaussian'; readonly mlp: MlpSpec; readonly actionDim: number };

/**
 * A policy spec as read from a saved file (policy.json, checkpoint.json): the current form as
 * is, or the legacy `{ head, mlp, … }` form mapped to `{ head, network: { kind: 'mlp', … }, … }`.
 *
 * @example
 * policySpecFromSaved({ head: 'categorical', mlp: { inputDim: 4, hiddenSizes: [64], outputDim: 2, activation: 'tanh' }, actions: 2 }).network.kind; // 'mlp'
 */
export const policySpecFromSaved = (saved: PolicySpec | LegacyPolicySpec): PolicySpec => {
  if ('network' in saved) return saved;
  const network = networkSpecFromSaved(saved.mlp);
  return saved.head === 'categorical' ? { head: 'categorical', network, actions: saved.actions } : { head: 'gaussian', network, actionDim: saved.actionDim };
};
