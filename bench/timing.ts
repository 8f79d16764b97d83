// The bench's timing helpers, shared by its sections.

/**
 * The middle value of `xs` (the upper middle for an even count).
 *
 * @example median([3, 1, 2]) // 2
 */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Milliseconds one call of `fn` takes.
 *
 * @example elapsed(() => makeEnv('CartPole-v1')) // 0.4
 */
export const elapsed = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

/**
 * Milliseconds a call of `fn` takes: one warm-up call, then the median of `reps` calls.
 *
 * @example time(5, () => envs.step(actions)) // 0.02
 */
export const time = (reps: number, fn: () => unknown): number => {
  fn(); // warm-up
  return median(Array.from({ length: reps }, () => elapsed(fn)));
};
