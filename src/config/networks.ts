import * as O from 'fp-ts/lib/Option.js';
import { convShapeError } from '../algebra/conv.js';
import type { BoxSpace, Space } from '../envs/space.js';
import { flatDim } from '../envs/space.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import { convNetworkSpec } from '../policies/networkSpec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { policyOn } from '../policies/policySpec.js';
import type { TrainConfig } from './config.js';

/** What a policy or value section says about its network. */
type NetworkSection = Pick<TrainConfig['policy'], 'network' | 'hiddenSizes' | 'activation' | 'conv'>;

/** The network a config section implies for an observation space and an output size. */
const networkFor = (section: NetworkSection, observationSpace: BoxSpace, outputDim: number): NetworkSpec => {
  if (section.network === 'mlp')
    return { kind: 'mlp', inputDim: flatDim(observationSpace), hiddenSizes: section.hiddenSizes, outputDim, activation: section.activation };
  const shape = observationSpace.shape;
  if (shape.length !== 3) throw new Error(`a 'conv' network needs image observations [height, width, channels], got shape [${shape.join(', ')}]`);
  const spec = convNetworkSpec({
    inputShape: [shape[0], shape[1], shape[2]],
    convLayers: section.conv.filters.map((filters) => ({ filters, kernel: section.conv.kernel })),
    hiddenSizes: section.conv.hidden,
    outputDim,
  });
  const misfit = convShapeError(spec);
  if (O.isSome(misfit)) throw new Error(`conv network on a ${shape.join('×')} image: ${misfit.value}`);
  return spec;
};

/**
 * The policy and value networks a config implies on an env's spaces: what a fresh run builds and
 * what a resumed checkpoint must hold. `network: 'conv'` needs observations shaped
 * `[height, width, channels]` (throws otherwise, or when a kernel does not fit the image).
 *
 * @example
 * networksFor(config, makeEnv('CartPole-v1')).policy // { head: 'categorical', network: { kind: 'mlp', inputDim: 4, ... }, actions: 2 }
 */
export const networksFor = (
  config: TrainConfig,
  spaces: { readonly observationSpace: BoxSpace; readonly actionSpace: Space },
): { readonly policy: PolicySpec; readonly value: NetworkSpec } => {
  const space = spaces.actionSpace;
  const actionSize = space._tag === 'Discrete' ? space.n : space.shape[0];
  return {
    policy: policyOn(networkFor(config.policy, spaces.observationSpace, actionSize), space._tag === 'Discrete' ? 'categorical' : 'gaussian', actionSize),
    value: networkFor(config.value, spaces.observationSpace, 1),
  };
};
