/**
 * MinAtar Asterix. The player moves in rows 1–8 of the grid; enemies and gold enter from the left or
 * right edge, one per row (rows 1–8 are eight slots), and cross it one column per move. Touching
 * gold gives +1 (the gold is gone); touching an enemy ends the episode. A spawn happens every
 * `spawn speed` steps (the first at step 10) into a random free row; entities move every
 * `move speed` + 1 steps. With difficulty ramping, every 102 steps (the first after 101) the spawn
 * speed drops by one (10 → 1) and every other time the move speed too (5 → 1). No time limit.
 *
 * Channels: player, enemy, trail (the cell behind each entity), gold. A spawn draws `rand()` (< 1/2:
 * enters at column 0 moving right), `rand()` (< 1/3: gold), then `randint(free rows)` unless fewer
 * than two rows are free (one free row draws nothing; none: the spawn is dropped).
 *
 * @module
 */
import type { GameState, MinAtarGame } from './game.js';
import { DOWN, GRID, LEFT, NOOP, RIGHT, UP, setCell, setMover } from './game.js';
import type { RandomState } from './randomState.js';

/** Asterix's state (MinAtar's field names in comments). */
export interface AsterixState extends GameState {
  playerX: number;
  playerY: number;
  /** Slot i (row i + 1): null or `[x, row, moves right 0/1, gold 0/1]` (`entities`). */
  entities: (number[] | null)[];
  /** Steps between spawns (`spawn_speed`) and until the next one (`spawn_timer`). */
  spawnSpeed: number;
  spawnTimer: number;
  /** Steps between entity moves (`move_speed`) and until the next one (`move_timer`). */
  moveSpeed: number;
  moveTimer: number;
  rampTimer: number;
  rampIndex: number;
}

const SLOTS = 8;
const RAMP_INTERVAL = 100;
const INIT_SPAWN_SPEED = 10;
const INIT_MOVE_INTERVAL = 5;

const reset = (): AsterixState => ({
  playerX: 5,
  playerY: 5,
  entities: new Array<number[] | null>(SLOTS).fill(null),
  spawnSpeed: INIT_SPAWN_SPEED,
  spawnTimer: INIT_SPAWN_SPEED,
  moveSpeed: INIT_MOVE_INTERVAL,
  moveTimer: INIT_MOVE_INTERVAL,
  rampTimer: RAMP_INTERVAL,
  rampIndex: 0,
  terminal: false,
});

const spawn = (s: AsterixState, random: RandomState): void => {
  const movesRight = random.rand() < 1 / 2;
  const gold = random.rand() < 1 / 3;
  let free = 0;
  for (const entity of s.entities) if (entity === null) free++;
  if (free === 0) return;
  // the drawn index counts free slots from the top
  let pick = random.randint(free);
  for (let slot = 0; slot < SLOTS; slot++) {
    if (s.entities[slot] !== null) continue;
    if (pick === 0) {
      s.entities[slot] = [movesRight ? 0 : GRID - 1, slot + 1, movesRight ? 1 : 0, gold ? 1 : 0];
      return;
    }
    pick--;
  }
};

/** The player meets the entity in `slot`: gold is collected (reward 1), an enemy ends the episode. */
const meet = (s: AsterixState, slot: number): number => {
  const entity = s.entities[slot];
  if (entity === null || entity[0] !== s.playerX || entity[1] !== s.playerY) return 0;
  if (entity[3] === 1) {
    s.entities[slot] = null;
    return 1;
  }
  s.terminal = true;
  return 0;
};

const rampDifficulty = (s: AsterixState): void => {
  if (s.spawnSpeed <= 1 && s.moveSpeed <= 1) return;
  if (s.rampTimer >= 0) {
    s.rampTimer -= 1;
    return;
  }
  if (s.moveSpeed > 1 && s.rampIndex % 2 === 1) s.moveSpeed -= 1;
  if (s.spawnSpeed > 1) s.spawnSpeed -= 1;
  s.rampIndex += 1;
  s.rampTimer = RAMP_INTERVAL;
};

const step = (s: AsterixState, action: number, random: RandomState, ramping: boolean): number => {
  if (s.spawnTimer === 0) {
    spawn(s, random);
    s.spawnTimer = s.spawnSpeed;
  }
  if (action === LEFT) s.playerX = Math.max(0, s.playerX - 1);
  else if (action === RIGHT) s.playerX = Math.min(GRID - 1, s.playerX + 1);
  else if (action === UP) s.playerY = Math.max(1, s.playerY - 1);
  else if (action === DOWN) s.playerY = Math.min(SLOTS, s.playerY + 1);
  let reward = 0;
  for (let slot = 0; slot < SLOTS; slot++) reward += meet(s, slot);
  if (s.moveTimer === 0) {
    s.moveTimer = s.moveSpeed;
    for (let slot = 0; slot < SLOTS; slot++) {
      const entity = s.entities[slot];
      if (entity === null) continue;
      entity[0] += entity[2] === 1 ? 1 : -1;
      if (entity[0] < 0 || entity[0] > GRID - 1) s.entities[slot] = null;
      else reward += meet(s, slot);
    }
  }
  s.spawnTimer -= 1;
  s.moveTimer -= 1;
  if (ramping) rampDifficulty(s);
  return reward;
};

const PLAYER = 0, ENEMY = 1, TRAIL = 2, GOLD = 3;

const render = (s: AsterixState, out: Float32Array, offset: number): void => {
  setCell(out, offset, 4, s.playerY, s.playerX, PLAYER);
  for (const entity of s.entities) {
    if (entity === null) continue;
    setMover(out, offset, 4, entity[1], entity[0], entity[2] === 1, entity[3] === 1 ? GOLD : ENEMY, TRAIL);
  }
};

/**
 * MinAtar Asterix as a {@link MinAtarGame}: minimal actions no-op, left, up, right, down.
 *
 * @example
 * const state = asterix.reset(); // player at (row 5, column 5), no entities, first spawn at step 10
 */
export const asterix: MinAtarGame<AsterixState> = {
  name: 'Asterix',
  channels: ['player', 'enemy', 'trail', 'gold'],
  minimalActions: [NOOP, LEFT, UP, RIGHT, DOWN],
  reset,
  step,
  render,
  layout: [
    ['playerX', { kind: 'int' }],
    ['playerY', { kind: 'int' }],
    ['entities', { kind: 'slots', count: SLOTS, width: 4 }],
    ['spawnSpeed', { kind: 'int' }],
    ['spawnTimer', { kind: 'int' }],
    ['moveSpeed', { kind: 'int' }],
    ['moveTimer', { kind: 'int' }],
    ['rampTimer', { kind: 'int' }],
    ['rampIndex', { kind: 'int' }],
  ],
};
