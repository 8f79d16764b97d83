import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './backendNames.js';
import { backendNames } from './backendNames.js';

export { backendNames } from './backendNames.js';
export type { BackendName } from './backendNames.js';

/** A backend that could not be started, and why. */
export class BackendError extends Error {
  readonly _tag = 'BackendError';
  constructor(readonly backend: string, readonly reason: string) {
    super(`backend '${backend}' is not available: ${reason}`);
    this.name = 'BackendError';
  }
}

const registered = new Map<BackendName, Promise<boolean>>();

// Importing a backend package registers it with tfjs; the node binding is optional and may be absent.
const register = (name: BackendName): Promise<boolean> => {
  const cached = registered.get(name);
  if (cached) return cached;
  const loading = (async () => {
    try {
      if (name === 'tensorflow') await import(/* optional */ '@tensorflow/tfjs-node' as string);
      else if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
      return tf.findBackendFactory(name) !== null;
    } catch {
      return false;
    }
  })();
  registered.set(name, loading);
  return loading;
};

/**
 * Starts a tfjs backend and returns the name of the one running. `auto` tries `tensorflow`
 * (tfjs-node), then `wasm`, then `cpu`; a named backend that cannot start is a `BackendError`.
 */
export const selectBackend = async (preferred: BackendName | 'auto' = 'auto'): Promise<BackendName> => {
  // production mode skips per-op debug checks; op overhead dominates the small networks of RL
  tf.enableProdMode();
  const candidates = preferred === 'auto' ? backendNames : [preferred];
  for (const name of candidates) {
    if (!(await register(name))) continue;
    try {
      if ((await tf.setBackend(name)) && tf.getBackend() === name) {
        await tf.ready();
        return name;
      }
    } catch {
      // fall through to the next candidate
    }
  }
  throw new BackendError(preferred, preferred === 'auto' ? 'no tfjs backend could start' : 'it could not be loaded or initialised');
};
