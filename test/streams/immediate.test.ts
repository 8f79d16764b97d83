import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lastValueFrom } from 'rxjs';
import { nextTurn, onNextTurn } from '../../src/streams/immediate.js';

Error.stackTraceLimit = Infinity;
const stackDepth = (): number => (new Error().stack ?? '').split('\n').length;

/** Runs `n` turns, each scheduling the next from inside the previous one. */
const chain = (n: number, each: (i: number) => void): Promise<void> =>
  new Promise((resolve) => {
    const turn = (i: number) => (i === n ? resolve() : (each(i), void onNextTurn(() => turn(i + 1))));
    turn(0);
  });

test('10,000 chained turns keep a flat stack', async () => {
  const depths: number[] = [];
  await chain(10_000, (i) => i % 100 === 0 && depths.push(stackDepth()));
  const later = depths.slice(1); // the first turn runs inside the caller, the rest from the event loop
  assert.ok(Math.max(...later) - Math.min(...later) <= 2, `stack depth grows with turns: ${Math.min(...later)} → ${Math.max(...later)}`);
});

test('unsubscribing cancels a pending turn; a run turn closes its subscription', async () => {
  let ran = 0;
  const cancelled = onNextTurn(() => ran++);
  cancelled.unsubscribe();
  const kept = onNextTurn(() => ran++);
  await new Promise((r) => setTimeout(r, 10));
  assert.is(ran, 1);
  assert.ok(kept.closed, 'a turn that ran lets its subscription close');
});

test('timers run between turns (macrotasks, not microtasks)', async () => {
  let timerFired = false, turnsBeforeTimer = -1, turns = 0;
  setTimeout(() => ((timerFired = true), (turnsBeforeTimer = turns)), 0);
  await chain(500, () => turns++);
  assert.ok(timerFired);
  assert.ok(turnsBeforeTimer < 500, 'the timer waited for every turn');
  assert.is(await lastValueFrom(nextTurn(7)), 7);
});

test.run();
