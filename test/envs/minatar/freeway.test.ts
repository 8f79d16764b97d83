import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FREEWAY_TIME_LIMIT, freeway } from '../../../src/envs/minatar/freeway.js';
import { DOWN, NOOP, UP } from '../../../src/envs/minatar/game.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';
import { minatarEnv } from '../../../src/envs/minatar/minatarEnv.js';

const position = (random: RandomState): number => random.snapshot().pos;

test('reset draws randint(1, 6, 8) then rand(8): 28 outputs for seed 0 (the recorded reset_mt_draws)', () => {
  const random = new RandomState(0);
  const s = freeway.reset(random);
  assert.is(position(random), 28);
  // np.random.RandomState(0).randint(1, 6, 8) == [5, 1, 4, 4, 4, 2, 4, 3]
  assert.equal(s.cars.map((car) => Math.abs(car[3])), [5, 1, 4, 4, 4, 2, 4, 3]);
  assert.ok(s.cars.every((car, lane) => car[0] === 0 && car[1] === lane + 1 && car[2] === Math.abs(car[3])));
  assert.equal([s.chicken, s.moveTimer, s.terminateTimer], [9, 3, FREEWAY_TIME_LIMIT]);
});

test('the episode terminates after 2501 steps, never truncated (MinAtar registers no time limit)', () => {
  const env = minatarEnv('MinAtar/Freeway-v1');
  env.reset(3);
  let steps = 0, result;
  do {
    result = env.step(steps % 3);
    steps++;
    assert.is(result.truncated, false);
  } while (!result.terminated && steps < 3000);
  assert.is(steps, FREEWAY_TIME_LIMIT + 1);
});

test('reaching row 0 scores, returns the chicken and re-draws speeds and directions only', () => {
  const random = new RandomState(4);
  const s = freeway.reset(random);
  s.cars.forEach((car) => { car[0] = 7; });
  Object.assign(s, { chicken: 1, moveTimer: 0 });
  const before = position(random);
  assert.is(freeway.step(s, UP, random, true), 1);
  assert.ok(position(random) - before >= 24, 'eight masked randint outputs and eight doubles');
  assert.is(s.chicken, 9);
  assert.ok(s.cars.every((car) => car[0] === 7 || car[0] === 6 || car[0] === 8), 'positions stay (cars may move one cell)');
});

test('the chicken moves at most every 3 steps; a car in column 4 of its row sends it back', () => {
  const random = new RandomState(0);
  const s = freeway.reset(random);
  s.moveTimer = 0;
  const rows: number[] = [];
  for (let t = 0; t < 7; t++) {
    freeway.step(s, UP, random, true);
    rows.push(s.chicken);
  }
  assert.ok(rows[0] === 8 && rows[1] === 8 && rows[2] === 8, `waits after a move: ${rows}`);
  const hit = freeway.reset(random);
  Object.assign(hit, { chicken: 5, moveTimer: 2 });
  hit.cars[4][0] = 4; // lane 5 (row 5)
  hit.cars[4][2] = 3;
  freeway.step(hit, NOOP, random, true);
  assert.is(hit.chicken, 9);
  const down = freeway.reset(random);
  down.moveTimer = 0;
  freeway.step(down, DOWN, random, true);
  assert.is(down.chicken, 9, 'cannot go below the bottom');
});

test('cars move one column every |speed| + 1 steps and wrap around', () => {
  const random = new RandomState(0);
  const s = freeway.reset(random);
  const car = s.cars[0];
  Object.assign(car, { 0: 9, 2: 0, 3: 2 }); // speed 2 right, due now
  freeway.step(s, NOOP, random, true);
  assert.equal([car[0], car[2]], [0, 2]);
  freeway.step(s, NOOP, random, true);
  freeway.step(s, NOOP, random, true);
  assert.is(car[0], 0);
  freeway.step(s, NOOP, random, true);
  assert.is(car[0], 1);
});

test.run();
