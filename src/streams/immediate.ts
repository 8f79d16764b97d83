import { EMPTY, Observable, concatMap, expand } from 'rxjs';

/**
 * Emits `value` once on the next turn of the event loop (setImmediate), then completes.
 * Training loops hop through it every iteration: the stack stays flat over any number of
 * iterations, timers still run, and unsubscribing cancels the pending turn.
 */
export const nextTurn = <T>(value: T): Observable<T> =>
  new Observable<T>((subscriber) => {
    const handle = setImmediate(() => {
      subscriber.next(value);
      subscriber.complete();
    });
    return () => clearImmediate(handle);
  });

/**
 * Repeats `step` from `seed` until it returns EMPTY: emits every step's result and feeds it to the
 * next step, one event-loop turn per step (so 10,000 steps do not grow the stack).
 */
export const iterateTurns = <S, R>(seed: S, step: (state: S) => Observable<R> | null, stateOf: (result: R) => S): Observable<R> => {
  const turn = (state: S): Observable<R> => {
    const next = step(state);
    return next === null ? EMPTY : nextTurn(state).pipe(concatMap(() => next));
  };
  return turn(seed).pipe(expand((result) => turn(stateOf(result))));
};
