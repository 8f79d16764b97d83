import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIRE, NOOP } from '../../../src/envs/minatar/game.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';
import { spaceInvaders } from '../../../src/envs/minatar/spaceInvaders.js';
import type { SpaceInvadersState } from '../../../src/envs/minatar/spaceInvaders.js';

const random = new RandomState(0);
const cell = (row: number, col: number): number => row * 10 + col;
const count = (map: Uint8Array): number => map.reduce((a, b) => a + b, 0);
/** A fresh game with only the given aliens and timers that do not fire this step unless set. */
const withAliens = (aliens: [number, number][], patch: Partial<SpaceInvadersState> = {}): SpaceInvadersState => {
  const s = spaceInvaders.reset(random);
  s.aliens.fill(0);
  for (const [r, c] of aliens) s.aliens[cell(r, c)] = 1;
  return Object.assign(s, { alienMoveTimer: 5, alienShotTimer: 5 }, patch);
};

test('reset: 24 aliens in rows 0–3, columns 2–7, moving left', () => {
  const s = spaceInvaders.reset(random);
  assert.is(count(s.aliens), 24);
  assert.equal([s.aliens[cell(0, 2)], s.aliens[cell(3, 7)], s.aliens[cell(0, 1)], s.aliens[cell(4, 2)]], [1, 1, 0, 0]);
  assert.equal([s.cannon, s.alienDir, s.moveInterval, s.alienMoveTimer, s.alienShotTimer], [5, -1, 12, 12, 10]);
});

test('a cleared wave refills the block and ramps the move interval 12 → 6 (not without ramping)', () => {
  for (const [ramping, interval, want] of [[true, 12, 11], [true, 7, 6], [true, 6, 6], [false, 12, 12]] as const) {
    const s = withAliens([[5, 5]], { moveInterval: interval });
    s.friendlyBullets[cell(6, 5)] = 1; // rises into the last alien
    assert.is(spaceInvaders.step(s, NOOP, random, ramping), 1);
    assert.is(count(s.aliens), 24, 'a new block');
    assert.is(s.moveInterval, want);
    assert.is(s.rampIndex, want < interval ? 1 : 0);
    assert.is(count(s.friendlyBullets), 0, 'the bullet is spent');
  }
});

test('the block moves every min(aliens left, interval) steps, turning down at a side', () => {
  const s = withAliens([[2, 0], [2, 1], [3, 1]], { alienMoveTimer: 0 });
  spaceInvaders.step(s, NOOP, random, true);
  assert.is(s.alienDir, 1, 'column 0 is occupied: turn');
  assert.equal([s.aliens[cell(3, 0)], s.aliens[cell(3, 1)], s.aliens[cell(4, 1)]], [1, 1, 1], 'one row down');
  assert.is(s.alienMoveTimer, 3 - 1, 'three aliens left');
  const sideways = withAliens([[2, 4]], { alienMoveTimer: 0 });
  spaceInvaders.step(sideways, NOOP, random, true);
  assert.is(sideways.aliens[cell(2, 3)], 1);
});

test('the block turning on the bottom row ends the episode (and wraps to the top, as np.roll)', () => {
  const s = withAliens([[9, 0]], { alienMoveTimer: 0, cannon: 5 });
  spaceInvaders.step(s, NOOP, random, true);
  assert.ok(s.terminal);
  assert.is(s.aliens[cell(0, 0)], 1);
  const onCannon = withAliens([[9, 4]], { alienMoveTimer: 0, cannon: 3 });
  spaceInvaders.step(onCannon, NOOP, random, true);
  assert.ok(onCannon.terminal, 'an alien moving onto the cannon');
});

test('enemy fire comes from the lowest alien of the nearest column, the left one on a tie', () => {
  const s = withAliens([[1, 3], [2, 3], [4, 7]], { alienShotTimer: 0, cannon: 5 });
  spaceInvaders.step(s, NOOP, random, true);
  assert.is(s.enemyBullets[cell(2, 3)], 1);
  assert.is(count(s.enemyBullets), 1);
  assert.is(s.alienShotTimer, 9);
  // the bullet falls one row per step and kills the cannon in row 9
  const falling = withAliens([[0, 0]], { cannon: 5 });
  falling.enemyBullets[cell(8, 5)] = 1;
  spaceInvaders.step(falling, NOOP, random, true);
  assert.ok(falling.terminal);
});

test('the cannon fires at most every 5 steps; bullets rise one row per step', () => {
  const s = withAliens([[0, 0]], { alienMoveTimer: 50, alienShotTimer: 50 });
  spaceInvaders.step(s, FIRE, random, true);
  assert.is(s.friendlyBullets[cell(8, 5)], 1);
  for (let t = 0; t < 4; t++) spaceInvaders.step(s, FIRE, random, true);
  assert.is(count(s.friendlyBullets), 1, 'cool-down');
  spaceInvaders.step(s, FIRE, random, true);
  assert.is(count(s.friendlyBullets), 2);
});

test.run();
