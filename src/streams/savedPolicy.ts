import * as E from 'fp-ts/lib/Either.js';
import type { RunningStats } from '../algebra/runningStats.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { SavedPolicyCodec, decodeSaved } from './codecs.js';
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

/**
 * Parses and checks {@link serializePolicy}'s output: format, field types, weights of the length
 * its architecture needs. Policy specs in the older `mlp` form are read too.
 *
 * @example parsePolicy(readFileSync('runs/x/policy.json', 'utf8')) // right(SavedPolicy) or left({ _tag: 'PolicyFileError', message })
 */
export const parsePolicy = (text: string): E.Either<PolicyFileError, SavedPolicy> => {
  const fail = (message: string) => E.left<PolicyFileError>({ _tag: 'PolicyFileError', message });
  let tree: unknown;
  try {
    tree = decodeTree(JSON.parse(text));
  } catch (error) {
    return fail(`not a policy file: ${(error as Error).message}`);
  }
  if (tree === null || typeof tree !== 'object' || (tree as { format?: unknown }).format !== 'trpo-policy/1') return fail('not a trpo-policy/1 file');
  return E.bimap((message: string): PolicyFileError => ({ _tag: 'PolicyFileError', message: `invalid policy file: ${message}` }), (p: SavedPolicy) => p)(
    decodeSaved(SavedPolicyCodec, tree),
  );
};
