/**
 * MinAtar Freeway. A chicken starts at the bottom (row 9, column 4) and crosses eight lanes of
 * traffic (rows 1–8) upwards; it can move one row every 3 steps at most. Reaching row 0 gives +1,
 * puts the chicken back at the bottom and re-draws every car's speed and direction (positions stay).
 * A car in column 4 of the chicken's row sends it back to the bottom (no penalty, no termination).
 * The car of lane i moves one column every |speed| + 1 steps (speed 1…5), wrapping around. The
 * episode terminates on MinAtar's own clock: after 2500 + 1 = 2501 steps. No difficulty ramping.
 *
 * Channels: chicken, car, speed1 … speed5 (each car's trail, the cell behind it, in the channel of
 * its speed). Reset (and every crossing) draws `randint(1, 6, 8)` for the speeds, then `rand(8)`
 * for the directions (sign(u − 0.5): +1 moves right).
 *
 * @module
 */
import type { GameState, MinAtarGame } from './game.js';
import { DOWN, GRID, NOOP, UP, setCell } from './game.js';
import type { RandomState } from './randomState.js';

/** Freeway's state (MinAtar's field names in comments). */
export interface FreewayState extends GameState {
  /** The chicken's row (`pos`); its column is always 4. */
  chicken: number;
  /** Steps until the chicken may move again (`move_timer`). */
  moveTimer: number;
  /** Steps left on the clock (`terminate_timer`); the episode ends when it goes below 0. */
  terminateTimer: number;
  /** Eight cars `[x, lane row, timer, signed speed]` (`cars`), lanes 1…8 in order. */
  cars: number[][];
}

const LANES = 8;
const PLAYER_SPEED = 3;
/** MinAtar's `time_limit`: the clock the episode ends on (terminal after 2501 steps). */
export const FREEWAY_TIME_LIMIT = 2500;
const CHICKEN_COLUMN = 4;
const START_ROW = GRID - 1;

const speeds = new Int32Array(LANES);

/** Draws new signed speeds as MinAtar's `_randomize_cars`: 8 `randint(1, 6)`, then 8 `rand()`. */
const drawSpeeds = (random: RandomState): Int32Array => {
  for (let lane = 0; lane < LANES; lane++) speeds[lane] = random.randint(1, 6);
  for (let lane = 0; lane < LANES; lane++) speeds[lane] *= Math.sign(random.rand() - 0.5);
  return speeds;
};

const reset = (random: RandomState): FreewayState => {
  const drawn = drawSpeeds(random);
  const cars = Array.from(drawn, (speed, lane) => [0, lane + 1, Math.abs(speed), speed]);
  return { chicken: START_ROW, moveTimer: PLAYER_SPEED, terminateTimer: FREEWAY_TIME_LIMIT, cars, terminal: false };
};

const hitsChicken = (car: readonly number[], chicken: number): boolean => car[0] === CHICKEN_COLUMN && car[1] === chicken;

const step = (s: FreewayState, action: number, random: RandomState): number => {
  if (s.moveTimer === 0 && (action === UP || action === DOWN)) {
    s.moveTimer = PLAYER_SPEED;
    s.chicken = action === UP ? Math.max(0, s.chicken - 1) : Math.min(START_ROW, s.chicken + 1);
  }
  let reward = 0;
  if (s.chicken === 0) {
    reward = 1;
    const drawn = drawSpeeds(random);
    for (let lane = 0; lane < LANES; lane++) {
      s.cars[lane][2] = Math.abs(drawn[lane]);
      s.cars[lane][3] = drawn[lane];
    }
    s.chicken = START_ROW;
  }
  for (const car of s.cars) {
    if (hitsChicken(car, s.chicken)) s.chicken = START_ROW;
    if (car[2] === 0) {
      car[2] = Math.abs(car[3]);
      car[0] += car[3] > 0 ? 1 : -1;
      if (car[0] < 0) car[0] = GRID - 1;
      else if (car[0] > GRID - 1) car[0] = 0;
      if (hitsChicken(car, s.chicken)) s.chicken = START_ROW;
    } else car[2] -= 1;
  }
  if (s.moveTimer > 0) s.moveTimer -= 1;
  s.terminateTimer -= 1;
  if (s.terminateTimer < 0) s.terminal = true;
  return reward;
};

const CHICKEN = 0, CAR = 1, SPEED1 = 2;

const render = (s: FreewayState, out: Float32Array, offset: number): void => {
  setCell(out, offset, 7, s.chicken, CHICKEN_COLUMN, CHICKEN);
  for (const car of s.cars) {
    const x = car[0], row = car[1], speed = car[3];
    setCell(out, offset, 7, row, x, CAR);
    const behind = speed > 0 ? x - 1 : x + 1;
    const trail = behind < 0 ? GRID - 1 : behind > GRID - 1 ? 0 : behind;
    // speed 0 needs rand() == 0.5 exactly; MinAtar has no trail channel for it
    if (speed !== 0) setCell(out, offset, 7, row, trail, SPEED1 + Math.abs(speed) - 1);
  }
};

/**
 * MinAtar Freeway as a {@link MinAtarGame}: minimal actions no-op, up, down.
 *
 * @example
 * const state = freeway.reset(new RandomState(0)); // cars in column 0 of lanes 1–8, chicken at row 9
 */
export const freeway: MinAtarGame<FreewayState> = {
  name: 'Freeway',
  channels: ['chicken', 'car', 'speed1', 'speed2', 'speed3', 'speed4', 'speed5'],
  minimalActions: [NOOP, UP, DOWN],
  reset,
  step,
  render,
  layout: [
    ['chicken', { kind: 'int' }],
    ['moveTimer', { kind: 'int' }],
    ['terminateTimer', { kind: 'int' }],
    ['cars', { kind: 'list', width: 4 }],
  ],
};
