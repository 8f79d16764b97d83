import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIRE, NOOP, RIGHT, UP } from '../../../src/envs/minatar/game.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';
import { seaquest } from '../../../src/envs/minatar/seaquest.js';
import type { SeaquestState } from '../../../src/envs/minatar/seaquest.js';

const random = new RandomState(0);
/** A game under water at (row, col) with nothing around and no spawn due soon. */
const diving = (row: number, col: number, patch: Partial<SeaquestState> = {}): SeaquestState =>
  Object.assign(seaquest.reset(random), { subY: row, subX: col, surface: false, spawnTimer: 50, diverTimer: 50 }, patch);
const gauge = (s: SeaquestState, channel: number): number => {
  const out = new Float32Array(1000);
  seaquest.render(s, out, 0);
  let n = 0;
  for (let col = 0; col < 10; col++) n += out[(90 + col) * 10 + channel];
  return n;
};
const OXYGEN_GAUGE = 7, DIVER_GAUGE = 8;

test('surfacing with six divers: oxygen·10 // 200 points, the count becomes −1 (MinAtar 1.0.15), a ramp step', () => {
  const s = diving(1, 4, { diverCount: 6, oxygen: 150 });
  assert.is(seaquest.step(s, UP, random, true), 7, 'oxygen 150 (no loss on the surfacing step): 1500 // 200');
  assert.equal([s.diverCount, s.oxygen, s.surface, s.terminal], [-1, 200, true, false]);
  assert.equal([s.spawnSpeed, s.moveSpeed, s.rampIndex], [19, 5, 1], 'ramp index 0 is even: enemies keep their pace');
  assert.is(gauge(s, DIVER_GAUGE), 0);
  assert.is(gauge(s, OXYGEN_GAUGE), 10);
  // at −1 divers surfacing is not fatal: the count only goes further down
  Object.assign(s, { subY: 1, surface: false });
  seaquest.step(s, UP, random, true);
  assert.equal([s.diverCount, s.terminal, s.moveSpeed, s.rampIndex], [-2, false, 4, 2]);
});

test('surfacing with some divers costs one and refills the oxygen; with none it ends the episode', () => {
  const some = diving(1, 4, { diverCount: 3, oxygen: 20 });
  assert.is(seaquest.step(some, UP, random, true), 0);
  assert.equal([some.diverCount, some.oxygen, some.terminal], [2, 200, false]);
  assert.is(gauge(some, DIVER_GAUGE), 2);
  const none = diving(1, 4, { diverCount: 0 });
  seaquest.step(none, UP, random, true);
  assert.ok(none.terminal);
  const flat = diving(1, 4, { diverCount: 2 });
  seaquest.step(flat, UP, random, false);
  assert.equal([flat.spawnSpeed, flat.rampIndex], [20, 0], 'no ramping');
});

test('oxygen falls one per step under water; at 0 the next step ends the episode', () => {
  const s = diving(5, 4, { oxygen: 11 });
  seaquest.step(s, NOOP, random, true);
  assert.equal([s.oxygen, gauge(s, OXYGEN_GAUGE)], [10, 0]);
  for (let t = 0; t < 10; t++) seaquest.step(s, NOOP, random, true);
  assert.equal([s.oxygen, s.terminal], [0, false]);
  seaquest.step(s, NOOP, random, true);
  assert.equal([s.oxygen, s.terminal], [-1, true]);
  assert.is(gauge(s, OXYGEN_GAUGE), 0);
});

test('divers are picked up in the player\'s cell up to six; the seventh swims on', () => {
  const s = diving(4, 4, { diverCount: 5 });
  s.divers.push([4, 4, 1, 3], [4, 4, 0, 3]);
  seaquest.step(s, NOOP, random, true);
  assert.is(s.diverCount, 6);
  assert.equal(s.divers, [[4, 4, 1, 2]], 'scanned back to front: the last diver was picked up first');
});

test('torpedoes hit fish before submarines; enemies in the player\'s cell or their bullets kill', () => {
  const s = diving(4, 2, { facingRight: true });
  s.fish.push([4, 4, 0, 3]);
  s.subs.push([4, 4, 0, 3, 5]);
  seaquest.step(s, FIRE, random, true); // torpedo from (4, 2) moves to column 3
  assert.equal(s.friendlyBullets, [[3, 4, 1]]);
  assert.is(seaquest.step(s, NOOP, random, true), 1);
  assert.equal([s.fish.length, s.subs.length, s.friendlyBullets.length], [0, 1, 0]);
  const shot = diving(6, 5);
  shot.enemyBullets.push([6, 6, 0]);
  seaquest.step(shot, NOOP, random, true);
  assert.ok(shot.terminal, 'a bullet moving into the player');
  const rammed = diving(6, 5);
  rammed.subs.push([6, 6, 0, 0, 9]);
  seaquest.step(rammed, NOOP, random, true);
  assert.ok(rammed.terminal);
});

test('a submarine that leaves the grid still fires on its last turn (MinAtar keeps using it)', () => {
  const s = diving(1, 5);
  s.subs.push([0, 3, 0, 0, 0]); // moves to −1 and is removed, its shot timer is due
  seaquest.step(s, NOOP, random, true);
  assert.is(s.subs.length, 0);
  assert.is(s.enemyBullets.length, 0, 'the bullet starts at −1 and leaves in the same step');
  const hit = diving(1, 8);
  hit.subs.push([4, 3, 0, 0, 0]); // moves onto a torpedo at column 3 and fires as it dies
  hit.friendlyBullets.push([2, 3, 1]);
  assert.is(seaquest.step(hit, NOOP, random, true), 1);
  assert.equal([hit.subs, hit.friendlyBullets, hit.enemyBullets], [[], [], [[2, 3, 0]]]);
});

test('spawns: the first enemy at step 20 (3 draws), the first diver at step 30 (2 draws); opposite-direction rows are skipped', () => {
  const r = new RandomState(5);
  r.nextUint32(); // past the first twist, so positions count outputs
  const s = seaquest.reset(r);
  s.subY = 0;
  const draws: number[] = [];
  for (let t = 0; t < 31; t++) {
    const before = r.snapshot().pos;
    seaquest.step(s, RIGHT, r, true);
    draws.push(r.snapshot().pos - before);
  }
  assert.is(draws.findIndex((d) => d > 0), 20);
  assert.is(draws[20], 2 + 2 + 1);
  assert.is(draws[30], 2 + 1);
  const blocked = diving(1, 5, { spawnTimer: 0 });
  const mirror = new RandomState(9);
  const right = mirror.rand() < 0.5 ? 1 : 0;
  mirror.rand();
  const row = mirror.randint(1, 9);
  blocked.fish.push([5, row, 1 - right, 3]);
  seaquest.step(blocked, NOOP, new RandomState(9), true);
  assert.is(blocked.fish.length + blocked.subs.length, 1, 'the spawn is dropped');
});

test.run();
