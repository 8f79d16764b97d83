import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asterix } from '../../../src/envs/minatar/asterix.js';
import type { AsterixState } from '../../../src/envs/minatar/asterix.js';
import { NOOP, UP } from '../../../src/envs/minatar/game.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';

const outputs = (random: RandomState): number => random.snapshot().pos;
/** A game with an enemy in each slot `full` marks (column 9, moving right) and a spawn due now. */
const withSlots = (full: boolean[], patch: Partial<AsterixState> = {}): AsterixState => {
  const s = asterix.reset(new RandomState(0));
  s.entities = full.map((f, slot) => (f ? [9, slot + 1, 1, 0] : null));
  return Object.assign(s, { spawnTimer: 0, moveTimer: 3 }, patch);
};
const occupied = (s: AsterixState): number => s.entities.filter((e) => e !== null).length;

test('a full row of entities: the spawn spends its two rand() (4 outputs), no randint, nothing enters', () => {
  const random = new RandomState(1);
  random.rand();
  const s = withSlots(new Array(8).fill(true));
  const before = outputs(random);
  asterix.step(s, NOOP, random, true);
  assert.is(outputs(random) - before, 4);
  assert.is(occupied(s), 8);
  assert.is(s.spawnTimer, 9, 'the timer restarts all the same');
});

test('one free slot: randint(1) draws nothing and the entity takes that slot', () => {
  const random = new RandomState(2);
  random.rand();
  const full = new Array(8).fill(true);
  full[6] = false;
  const s = withSlots(full);
  const before = outputs(random);
  asterix.step(s, NOOP, random, true);
  assert.is(outputs(random) - before, 4);
  const entity = s.entities[6];
  assert.ok(entity !== null && entity[1] === 7 && (entity[0] === 0 || entity[0] === 9));
});

test('several free slots: randint(free) indexes them from the top', () => {
  // replay the draws: rand(), rand(), randint(3) over slots 1, 4, 5
  const full = [true, false, true, true, false, false, true, true];
  for (let seed = 0; seed < 12; seed++) {
    const random = new RandomState(seed);
    const mirror = new RandomState(seed);
    const right = mirror.rand() < 0.5, gold = mirror.rand() < 1 / 3, pick = [1, 4, 5][mirror.randint(3)];
    const s = withSlots(full, { playerY: 8, playerX: 0 });
    asterix.step(s, NOOP, random, true);
    assert.equal(s.entities[pick], [right ? 0 : 9, pick + 1, right ? 1 : 0, gold ? 1 : 0], `seed ${seed}`);
    assert.is(outputs(random), outputs(mirror));
  }
});

test('spawns start at step 10; ramping every 102 steps (first after 101) speeds spawns up, moves every other time', () => {
  const random = new RandomState(0);
  const s = asterix.reset(random);
  const spawnSpeeds: number[] = [], moveSpeeds: number[] = [];
  let firstSpawn = -1;
  for (let t = 0; t < 1200; t++) {
    const before = outputs(random);
    asterix.step(s, NOOP, random, true); // the game's own terminal flag is ignored here: only timers matter
    if (firstSpawn < 0 && outputs(random) !== before) firstSpawn = t;
    spawnSpeeds.push(s.spawnSpeed);
    moveSpeeds.push(s.moveSpeed);
  }
  assert.is(firstSpawn, 10);
  assert.equal([spawnSpeeds[100], spawnSpeeds[101], spawnSpeeds[202], spawnSpeeds[203]], [10, 9, 9, 8]);
  assert.equal([moveSpeeds[101], moveSpeeds[202], moveSpeeds[203], moveSpeeds[305], moveSpeeds[407]], [5, 5, 4, 4, 3]);
  assert.is(spawnSpeeds[1199], 1, 'down to one');
  const flat = asterix.reset(random);
  for (let t = 0; t < 300; t++) asterix.step(flat, NOOP, random, false);
  assert.equal([flat.spawnSpeed, flat.moveSpeed, flat.rampIndex], [10, 5, 0], 'no ramping');
});

test('gold gives +1 and goes; an enemy ends the episode', () => {
  const random = new RandomState(0);
  const s = withSlots(new Array(8).fill(false), { spawnTimer: 5, playerX: 3, playerY: 4 });
  s.entities[2] = [3, 3, 1, 1]; // gold right above the player
  assert.is(asterix.step(s, UP, random, true), 1);
  assert.is(s.entities[2], null);
  s.entities[1] = [3, 2, 0, 0];
  asterix.step(s, UP, random, true);
  assert.ok(s.terminal);
});

test.run();
