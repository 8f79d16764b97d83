import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { breakout } from '../../../src/envs/minatar/breakout.js';
import type { BreakoutState } from '../../../src/envs/minatar/breakout.js';
import { LEFT, NOOP, RIGHT } from '../../../src/envs/minatar/game.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';
import { minatarEnv } from '../../../src/envs/minatar/minatarEnv.js';

const random = new RandomState(0);
/** A state with the ball at (row, col) moving `dir`, the paddle at `paddle` and the given bricks. */
const at = (row: number, col: number, dir: number, paddle: number, bricks: [number, number][]): BreakoutState => {
  const map = new Uint8Array(100);
  for (const [r, c] of bricks) map[r * 10 + c] = 1;
  return { ballX: col, ballY: row, ballDir: dir, lastX: col, lastY: row, paddle, strike: false, bricks: map, terminal: false };
};
const brickCount = (s: BreakoutState): number => s.bricks.reduce((a, b) => a + b, 0);

test('reset: randint(2) picks the ball start; three full rows of bricks', () => {
  const s = breakout.reset(new RandomState(0)); // np.random.RandomState(0).randint(2) == 0
  assert.equal([s.ballY, s.ballX, s.ballDir, s.paddle], [3, 0, 2, 4]);
  assert.is(brickCount(s), 30);
  assert.ok([1, 2, 3].every((row) => s.bricks.slice(row * 10, row * 10 + 10).every((b) => b === 1)));
});

test('a brick gives +1 and reflects the ball; a brick met on the very next step is passed through', () => {
  const s = at(5, 5, 1, 0, [[4, 6], [5, 7]]); // up-right into (4, 6)
  assert.is(breakout.step(s, NOOP, random, true), 1);
  assert.equal([s.ballY, s.ballX, s.ballDir, s.strike], [5, 6, 2, true], 'back to row 5, now down-right');
  assert.is(s.bricks[4 * 10 + 6], 0);
  // next step: (6, 7) is empty, so no strike; put a brick there to see the pass-through
  s.bricks[6 * 10 + 7] = 1;
  assert.is(breakout.step(s, NOOP, random, true), 0, 'no reward while striking');
  assert.equal([s.ballY, s.ballX, s.bricks[6 * 10 + 7]], [6, 7, 1], 'the ball sits inside the brick, which stays');
  breakout.step(s, NOOP, random, true);
  assert.is(s.strike, false);
});

test('walls and the ceiling reflect; the paddle returns the ball', () => {
  const corner = at(0, 9, 1, 0, []); // up-right in the top-right corner
  breakout.step(corner, NOOP, random, true);
  assert.equal([corner.ballY, corner.ballX, corner.ballDir], [0, 9, 3], 'both components flip');
  const under = at(8, 4, 3, 4, [[2, 2]]); // paddle right below the ball
  breakout.step(under, NOOP, random, true);
  assert.equal([under.ballY, under.ballX, under.ballDir, under.terminal], [8, 3, 0, false]);
  const diagonal = at(8, 3, 2, 4, [[2, 2]]); // lands diagonally on the paddle: back the way it came
  breakout.step(diagonal, NOOP, random, true);
  assert.equal([diagonal.ballY, diagonal.ballX, diagonal.ballDir, diagonal.terminal], [8, 4, 0, false]);
  const miss = at(8, 3, 2, 0, [[2, 2]]);
  breakout.step(miss, NOOP, random, true);
  assert.equal([miss.ballY, miss.terminal], [9, true]);
});

test('all bricks gone: rows 1–3 refill when the ball comes down to the paddle row (caught or not)', () => {
  const caught = at(8, 3, 2, 4, []);
  breakout.step(caught, NOOP, random, true);
  assert.is(brickCount(caught), 30);
  const missed = at(8, 3, 2, 0, []);
  breakout.step(missed, NOOP, random, true);
  assert.equal([brickCount(missed), missed.terminal], [30, true]);
  const high = at(5, 3, 2, 4, []);
  breakout.step(high, NOOP, random, true);
  assert.is(brickCount(high), 0, 'no refill above the paddle row');
});

/** Moves the paddle toward the ball's column (channels: paddle 0, ball 1). */
const follow = (obs: Float32Array): number => {
  const ball = obs.findIndex((v, i) => v === 1 && i % 4 === 1) >> 2;
  const paddle = obs.findIndex((v, i) => v === 1 && i % 4 === 0) >> 2;
  const dx = (ball % 10) - (paddle % 10);
  return dx < 0 ? LEFT : dx > 0 ? RIGHT : NOOP;
};

test('scripted play clears the wall: rewards add up to the bricks broken across refills', () => {
  // a paddle that follows the ball's landing column (simulated on a copy) plays long enough to refill
  const env = minatarEnv('MinAtar/Breakout-v0', { stickyActionProb: 0 });
  env.reset(1);
  let total = 0, refills = 0, bricks = 30;
  for (let t = 0; t < 3000; t++) {
    const state = env.getState();
    const probe = minatarEnv('MinAtar/Breakout-v0', { stickyActionProb: 0 });
    probe.reset(0);
    let action = NOOP;
    const first = (t * 7 + (t >> 3)) % 3; // vary the preference so the ball does not loop forever
    for (const candidate of [first, (first + 1) % 3, (first + 2) % 3].map((i) => [NOOP, LEFT, RIGHT][i])) {
      probe.setState(state);
      let r = probe.step(candidate);
      for (let k = 0; k < 14 && !r.terminated; k++) r = probe.step(follow(r.observation));
      if (!r.terminated) { action = candidate; break; }
    }
    const r = env.step(action);
    const count = r.observation.filter((_, i) => i % 4 === 3).reduce((a, b) => a + b, 0);
    if (count > bricks) refills++;
    bricks = count;
    total += r.reward;
    if (r.terminated) break;
  }
  assert.ok(refills >= 1, `refilled ${refills} times, ${total} points, ${bricks} bricks left`);
  assert.is(total, 30 * (refills + 1) - bricks, 'one point per brick broken');
});

test.run();
