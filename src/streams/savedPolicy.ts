import * as E from 'fp-ts/lib/Either.js';
import type { RunningStats } from '../algebra/runningStats.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { policyParameterCount, policySpecFromSaved } from '../policies/policySpec.js';
import { decodeTree, encodeTree } from './stateCodec.js';
import type { TrainingState } from './types.js';

/** A trained policy as saved in a run directory: architecture, weights, frozen normalizer. */
export interface SavedPolicy {
  readonly format: 'trpo-policy/1';
  readonly env: string;
  readonly spec: PolicySpec;
  readonly params: Float32Array;
  /** Observation statistics frozen at save time (null when observations are not normalized). */
  readonly observationStats: RunningStats | null;
  readonly iteration: number;
  readonly timesteps: number;
}

/** The policy part of a training state. */
export const savedPolicyOf = (env: string, state: TrainingState): SavedPolicy => ({
  format: 'trpo-policy/1',
  env,
  spec: state.policySpec,
  params: state.policyParams,
  observationStats: state.observationStats,
  iteration: state.iteration,
  timesteps: state.timesteps,
});

/** JSON text of a saved policy (weights bit-exact). */
export const serializePolicy = (policy: SavedPolicy): string => JSON.stringify(encodeTree(policy));

/** A saved policy that could not be read. */
export interface PolicyFileError {
  readonly _tag: 'PolicyFileError';
  readonly message: string;
}

/** Parses and checks {@link serializePolicy}'s output: format, weights of the right length. */
export const parsePolicy = (text: string): E.Either<PolicyFileError, SavedPolicy> => {
  const fail = (message: string) => E.left<PolicyFileError>({ _tag: 'PolicyFileError', message });
  let value: SavedPolicy;
  try {
    value = decodeTree(JSON.parse(text)) as SavedPolicy;
  } catch (error) {
    return fail(`not a policy file: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || value.format !== 'trpo-policy/1') return fail('not a trpo-policy/1 file');
  if (!(value.params instanceof Float32Array)) return fail('policy weights missing');
  value = { ...value, spec: policySpecFromSaved(value.spec) };
  if (value.params.length !== policyParameterCount(value.spec))
    return fail(`policy has ${value.params.length} weights, its architecture needs ${policyParameterCount(value.spec)}`);
  return E.right(value);
};
