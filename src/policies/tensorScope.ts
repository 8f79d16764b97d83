import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` in a tfjs scope and disposes every tensor it created. For results made of plain
 * numbers and typed arrays (read out of tensors inside `fn`), so no tensor escapes.
 */
export const withTensors = <T>(fn: () => T): T => {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
};

/**
 * Runs `fn` in a tfjs scope and keeps only the tensors reachable from its result (tf.tidy with a
 * typed result); the caller owns them and must dispose them.
 */
export const keepTensors = <T extends object>(fn: () => T): T =>
  tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;

/** Disposes every tensor reachable from `owner` (the result of {@link keepTensors}). */
export const disposeTensors = (owner: object): void => tf.dispose(owner as unknown as tf.TensorContainer);
