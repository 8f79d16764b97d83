import { policyParameterCount, policySpec } from '../../src/policies/policySpec.js';
import { serializePolicy } from '../../src/streams/savedPolicy.js';
import type { SavedPolicy } from '../../src/streams/savedPolicy.js';

/** policy.json text of an untrained CartPole policy (one hidden layer of 8), with `overrides`. */
export const cartPolePolicyText = (overrides: Partial<SavedPolicy> = {}): string => {
  const spec = policySpec({ observationDim: 4, head: 'categorical', actionSize: 2, hiddenSizes: [8], activation: 'tanh' });
  return serializePolicy({ format: 'trpo-policy/1', env: 'CartPole-v1', spec, params: new Float32Array(policyParameterCount(spec)), observationStats: null, iteration: 1, timesteps: 100, ...overrides });
};
