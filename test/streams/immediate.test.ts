import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { of, take, lastValueFrom, toArray } from 'rxjs';
import { iterateTurns, nextTurn } from '../../src/streams/immediate.js';

Error.stackTraceLimit = Infinity;
const stackDepth = (): number => (new Error().stack ?? '').split('\n').length;

test('iterateTurns runs 10,000 iterations with a flat stack', async () => {
  const depths: number[] = [];
  const last = await lastValueFrom(
    iterateTurns(0, (n) => (n < 10_000 ? of(n + 1) : null), (n) => n).pipe(
      take(10_000),
      toArray(),
    ),
  ).then((xs) => {
    return xs[xs.length - 1];
  });
  assert.is(last, 10_000);
  await lastValueFrom(iterateTurns(0, (n) => (n < 2000 ? (depths.push(stackDepth()), of(n + 1)) : null), (n) => n));
  const later = depths.slice(1); // the first step runs inside subscribe(), the rest from the event loop
  assert.ok(Math.max(...later) - Math.min(...later) <= 2, `stack depth grows with iterations: ${Math.min(...later)} → ${Math.max(...later)}`);
});

test('unsubscribing stops iterations at once', async () => {
  let started = 0;
  const subscription = iterateTurns(0, (n) => (started++, of(n + 1)), (n) => n).subscribe();
  await new Promise((r) => setTimeout(r, 20));
  subscription.unsubscribe();
  const atStop = started;
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(atStop > 0);
  assert.ok(started <= atStop + 1, `work continued after unsubscribe: ${atStop} → ${started}`);
});

test('nextTurn lets timers run between turns', async () => {
  let timerFired = false;
  setTimeout(() => (timerFired = true), 0);
  const seen = await lastValueFrom(iterateTurns(0, (n) => (n < 500 ? of(n + 1) : null), (n) => n).pipe(toArray()));
  assert.is(seen.length, 500);
  assert.ok(timerFired);
  assert.is(await lastValueFrom(nextTurn(7)), 7);
});

test.run();
