/** A TensorFlow.js backend this package can run on. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/**
 * Backend names in order of preference for `auto`. Kept apart from backend.ts so that naming a
 * backend (the CLI's flag parsing) does not load tfjs.
 *
 * @example backendNames.includes('wasm') // true
 */
export const backendNames: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];
