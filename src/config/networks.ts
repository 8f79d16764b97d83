import type { BoxSpace, Space } from '../envs/space.js';
import { flatDim } from '../envs/space.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { policySpec } from '../policies/policySpec.js';
import type { TrainConfig } from './config.js';

/**
 * The policy and value networks a config implies on an env's spaces: what a fresh run builds and
 * what a resumed checkpoint must hold.
 *
 * @example
 * networksFor(config, makeEnv('CartPole-v1')).policy // { head: 'categorical', network: { kind: 'mlp', inputDim: 4, ... }, actions: 2 }
 */
export const networksFor = (
  config: TrainConfig,
  spaces: { readonly observationSpace: BoxSpace; readonly actionSpace: Space },
): { readonly policy: PolicySpec; readonly value: NetworkSpec } => {
  const space = spaces.actionSpace;
  const observationDim = flatDim(spaces.observationSpace);
  return {
    policy: policySpec({
      observationDim,
      head: space._tag === 'Discrete' ? 'categorical' : 'gaussian',
      actionSize: space._tag === 'Discrete' ? space.n : space.shape[0],
      hiddenSizes: config.policy.hiddenSizes,
      activation: config.policy.activation,
    }),
    value: { kind: 'mlp', inputDim: observationDim, hiddenSizes: config.value.hiddenSizes, outputDim: 1, activation: config.value.activation },
  };
};
