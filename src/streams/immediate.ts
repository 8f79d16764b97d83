import { Observable, Subscription } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

/**
 * Runs `work` on a later turn of the event loop (a macrotask: timers, I/O and signal handlers run
 * first), through a `MessageChannel`, which Node and browsers both have. Returns the
 * subscription that cancels it. Training loops hop through it every iteration, so the stack stays
 * flat over any number of iterations and unsubscribing cancels the pending turn.
 *
 * @example
 * const pending = onNextTurn(() => console.log('later'));
 * pending.unsubscribe(); // never runs
 */
export const onNextTurn = (work: () => void): Subscription => {
  const channel = new MessageChannel();
  const pending = new Subscription(() => channel.port1.close());
  // `onmessage` (not Node's `on`): the one spelling Node and browsers share; setting it starts the port
  (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => {
    if (pending.closed) return;
    pending.unsubscribe(); // closed once run, so a parent subscription lets go of it
    work();
  };
  channel.port2.postMessage(null);
  return pending;
};

/**
 * A way to run work later: the training loop's iteration hop. By default {@link onNextTurn}; a
 * test passes an RxJS scheduler (e.g. the `TestScheduler`) through {@link hopOn}.
 */
export type Hop = (work: () => void) => Subscription;

/**
 * A {@link Hop} that schedules on an RxJS scheduler.
 *
 * @example
 * const hop = hopOn(asyncScheduler);
 * hop(() => console.log('scheduled'));
 */
export const hopOn =
  (scheduler: SchedulerLike): Hop =>
  (work) =>
    scheduler.schedule(work);

/**
 * Emits `value` once on the next turn of the event loop, then completes.
 *
 * @example
 * nextTurn(7).subscribe(console.log); // logs 7 after pending timers and I/O
 */
export const nextTurn = <T>(value: T): Observable<T> =>
  new Observable<T>((subscriber) =>
    onNextTurn(() => {
      subscriber.next(value);
      subscriber.complete();
    }),
  );
