import type { Activation, MlpSpec } from '../algebra/mlp.js';
import { mlpParameterCount } from '../algebra/mlp.js';

/**
 * A stochastic policy: an MLP from observations to distribution parameters, and its head.
 * Categorical: the MLP outputs `actions` logits. Gaussian: the MLP outputs the mean `[actionDim]`
 * and a state-independent log-std `[actionDim]` follows the MLP weights in the flat vector.
 */
export type PolicySpec =
  | { readonly head: 'categorical'; readonly mlp: MlpSpec; readonly actions: number }
  | { readonly head: 'gaussian'; readonly mlp: MlpSpec; readonly actionDim: number };

/** Builds the policy shape for an observation size and an action space size. */
export const policySpec = (options: {
  readonly observationDim: number;
  readonly head: 'categorical' | 'gaussian';
  /** Number of discrete actions, or the dimension of a continuous action. */
  readonly actionSize: number;
  readonly hiddenSizes: readonly number[];
  readonly activation: Activation;
}): PolicySpec => {
  const mlp: MlpSpec = {
    inputDim: options.observationDim,
    hiddenSizes: options.hiddenSizes,
    outputDim: options.actionSize,
    activation: options.activation,
  };
  return options.head === 'categorical'
    ? { head: 'categorical', mlp, actions: options.actionSize }
    : { head: 'gaussian', mlp, actionDim: options.actionSize };
};

/** Length of the flat parameter vector: MLP weights, then the log-std for a Gaussian head. */
export const policyParameterCount = (spec: PolicySpec): number =>
  mlpParameterCount(spec.mlp) + (spec.head === 'gaussian' ? spec.actionDim : 0);

/** Offset of the Gaussian log-std inside the flat parameter vector. */
export const logStdOffset = (spec: PolicySpec): number => mlpParameterCount(spec.mlp);

/** Scalars per action in a batch (1 for a categorical head). */
export const actionWidth = (spec: PolicySpec): number => (spec.head === 'categorical' ? 1 : spec.actionDim);
