/**
 * MinAtar Seaquest. The player's submarine starts on the surface (row 0) and dives into rows 1–8,
 * firing torpedoes sideways (at most every 5 steps): each enemy fish or submarine hit gives +1.
 * Enemies enter from a side into a random row (the first at step 20, then every `spawn speed`
 * steps; a spawn into a row where an enemy moves the other way is dropped); enemy submarines fire
 * every 11 steps. Divers enter every 30 steps (the first at step 30) and are picked up by touching
 * them, up to 6. Oxygen (200) falls by one per step under water; running out ends the episode, as
 * does touching an enemy or its bullet, or surfacing with no diver. Surfacing with divers refills
 * the oxygen and costs one diver; surfacing with all 6 gives oxygen·10 // 200 extra points, and
 * then (as in MinAtar 1.0.15) the diver count becomes −1, not 0. With difficulty ramping every
 * surfacing also speeds up spawns (20 → 1) and, every other time, enemy moves (5 → 2). No time
 * limit.
 *
 * The entity lists behave as MinAtar's Python lists, order and quirks included: they are scanned
 * back to front while entries are removed (by value) from them.
 *
 * Channels: sub_front, sub_back, friendly_bullet, trail, enemy_bullet, enemy_fish, enemy_sub,
 * oxygen_guage, diver_guage, diver (MinAtar's spelling). Draws, before the player moves: an enemy
 * spawn takes `rand()` (< 1/2: enters at column 0 moving right), `rand()` (< 1/3: a submarine),
 * `randint(1, 9)` (the row); a diver spawn takes `rand()` and `randint(1, 9)`.
 *
 * @module
 */
import type { GameState, MinAtarGame } from './game.js';
import { DOWN, FIRE, GRID, LEFT, NOOP, RIGHT, UP, removeFirstEqual, sameCell, setCell, setMover } from './game.js';
import type { RandomState } from './randomState.js';

/** Seaquest's state (MinAtar's field names in comments). Directions: 1 moves right, 0 left. */
export interface SeaquestState extends GameState {
  oxygen: number;
  /** Divers on board (`diver_count`): 0…6, and below 0 after surfacing with 6. */
  diverCount: number;
  subX: number;
  subY: number;
  /** The player's submarine faces right (`sub_or`). */
  facingRight: boolean;
  /** `[x, y, direction]` (`f_bullets`, `e_bullets`). */
  friendlyBullets: number[][];
  enemyBullets: number[][];
  /** `[x, y, direction, move timer]` (`e_fish`). */
  fish: number[][];
  /** `[x, y, direction, move timer, shot timer]` (`e_subs`). */
  subs: number[][];
  /** `[x, y, direction, move timer]` (`divers`). */
  divers: number[][];
  /** Steps between enemy spawns (`e_spawn_speed`) and until the next (`e_spawn_timer`). */
  spawnSpeed: number;
  spawnTimer: number;
  /** Steps until the next diver (`d_spawn_timer`). */
  diverTimer: number;
  /** Steps between enemy moves (`move_speed`). */
  moveSpeed: number;
  rampIndex: number;
  /** Steps until the player may fire again (`shot_timer`). */
  shotTimer: number;
  /** The player was on the surface at the end of the last step (`surface`). */
  surface: boolean;
}

const MAX_OXYGEN = 200;
const INIT_SPAWN_SPEED = 20;
const DIVER_SPAWN_SPEED = 30;
const INIT_MOVE_INTERVAL = 5;
const MIN_MOVE_INTERVAL = 2;
const SHOT_COOL_DOWN = 5;
const ENEMY_SHOT_INTERVAL = 10;
const DIVER_MOVE_INTERVAL = 5;
const MAX_DIVERS = 6;
const LAST = GRID - 1;
const DEEPEST = 8;

const reset = (): SeaquestState => ({
  oxygen: MAX_OXYGEN,
  diverCount: 0,
  subX: 5,
  subY: 0,
  facingRight: false,
  friendlyBullets: [],
  enemyBullets: [],
  fish: [],
  subs: [],
  divers: [],
  spawnSpeed: INIT_SPAWN_SPEED,
  spawnTimer: INIT_SPAWN_SPEED,
  diverTimer: DIVER_SPAWN_SPEED,
  moveSpeed: INIT_MOVE_INTERVAL,
  rampIndex: 0,
  shotTimer: 0,
  surface: true,
  terminal: false,
});

const outside = (x: number): boolean => x < 0 || x > LAST;
const atPlayer = (s: SeaquestState, entity: readonly number[]): boolean => entity[0] === s.subX && entity[1] === s.subY;
/** Moves an entity one column in its direction (index 2). */
const advance = (entity: number[]): void => {
  entity[0] += entity[2] === 1 ? 1 : -1;
};
/** The first entry of `list` in the same cell as `entity`, or null. */
const firstAt = (list: readonly number[][], entity: readonly number[]): number[] | null => {
  for (const other of list) if (sameCell(entity, other)) return other;
  return null;
};
/** Whether an enemy in `list` moves along row `row` against `movesRight`. */
const opposingInRow = (list: readonly number[][], row: number, movesRight: number): boolean => {
  for (const enemy of list) if (enemy[1] === row && enemy[2] !== movesRight) return true;
  return false;
};

const spawnEnemy = (s: SeaquestState, random: RandomState): void => {
  const movesRight = random.rand() < 1 / 2 ? 1 : 0;
  const isSub = random.rand() < 1 / 3;
  const row = random.randint(1, 9);
  if (opposingInRow(s.subs, row, movesRight) || opposingInRow(s.fish, row, movesRight)) return;
  const x = movesRight === 1 ? 0 : LAST;
  if (isSub) s.subs.push([x, row, movesRight, s.moveSpeed, ENEMY_SHOT_INTERVAL]);
  else s.fish.push([x, row, movesRight, s.moveSpeed]);
};

const spawnDiver = (s: SeaquestState, random: RandomState): void => {
  const movesRight = random.rand() < 1 / 2 ? 1 : 0;
  const row = random.randint(1, 9);
  s.divers.push([movesRight === 1 ? 0 : LAST, row, movesRight, DIVER_MOVE_INTERVAL]);
};

/** The player's torpedoes move; each hits the first fish, else the first submarine, in its cell. */
const moveTorpedoes = (s: SeaquestState): number => {
  let reward = 0;
  const bullets = s.friendlyBullets;
  // a Python reversed() scan over a list that shrinks under it
  for (let i = bullets.length - 1; i >= 0 && i < bullets.length; i--) {
    const bullet = bullets[i];
    advance(bullet);
    if (outside(bullet[0])) {
      removeFirstEqual(bullets, bullet);
      continue;
    }
    const fish = firstAt(s.fish, bullet);
    const target = fish ?? firstAt(s.subs, bullet);
    if (target !== null) {
      removeFirstEqual(fish !== null ? s.fish : s.subs, target);
      removeFirstEqual(bullets, bullet);
      reward += 1;
    }
  }
  return reward;
};

/** Picks up `diver` when it is in the player's cell and there is room on board. */
const pickUp = (s: SeaquestState, diver: number[]): boolean => {
  if (!atPlayer(s, diver) || s.diverCount >= MAX_DIVERS) return false;
  removeFirstEqual(s.divers, diver);
  s.diverCount += 1;
  return true;
};

/** Divers drift (every 6th step) and are picked up in the player's cell while there is room. */
const moveDivers = (s: SeaquestState): void => {
  const divers = s.divers;
  for (let i = divers.length - 1; i >= 0 && i < divers.length; i--) {
    const diver = divers[i];
    if (pickUp(s, diver)) continue;
    if (diver[3] !== 0) {
      diver[3] -= 1;
      continue;
    }
    diver[3] = DIVER_MOVE_INTERVAL;
    advance(diver);
    if (outside(diver[0])) removeFirstEqual(divers, diver);
    else pickUp(s, diver);
  }
};

/**
 * One enemy of `list` (fish or submarine: move timer at index 3) at its turn: touching the player
 * ends the episode; when its timer is up it moves, leaves the grid, reaches the player or runs into
 * a torpedo (both gone, +1).
 */
const moveEnemy = (s: SeaquestState, list: number[][], enemy: number[]): number => {
  if (atPlayer(s, enemy)) s.terminal = true;
  if (enemy[3] !== 0) {
    enemy[3] -= 1;
    return 0;
  }
  enemy[3] = s.moveSpeed;
  advance(enemy);
  if (outside(enemy[0])) removeFirstEqual(list, enemy);
  else if (atPlayer(s, enemy)) s.terminal = true;
  else {
    const torpedo = firstAt(s.friendlyBullets, enemy);
    if (torpedo !== null) {
      removeFirstEqual(list, enemy);
      removeFirstEqual(s.friendlyBullets, torpedo);
      return 1;
    }
  }
  return 0;
};

const moveEnemySubs = (s: SeaquestState): number => {
  let reward = 0;
  const subs = s.subs;
  for (let i = subs.length - 1; i >= 0 && i < subs.length; i--) {
    const sub = subs[i];
    reward += moveEnemy(s, subs, sub);
    // a submarine that just left the grid or was hit still fires (MinAtar keeps using it)
    if (sub[4] !== 0) sub[4] -= 1;
    else {
      sub[4] = ENEMY_SHOT_INTERVAL;
      s.enemyBullets.push([sub[0], sub[1], sub[2]]);
    }
  }
  return reward;
};

const moveEnemyBullets = (s: SeaquestState): void => {
  const bullets = s.enemyBullets;
  for (let i = bullets.length - 1; i >= 0 && i < bullets.length; i--) {
    const bullet = bullets[i];
    if (atPlayer(s, bullet)) s.terminal = true;
    advance(bullet);
    if (outside(bullet[0])) removeFirstEqual(bullets, bullet);
    else if (atPlayer(s, bullet)) s.terminal = true;
  }
};

const moveFish = (s: SeaquestState): number => {
  let reward = 0;
  const fish = s.fish;
  for (let i = fish.length - 1; i >= 0 && i < fish.length; i--) reward += moveEnemy(s, fish, fish[i]);
  return reward;
};

/** Back on the surface with divers: oxygen refilled, one diver (or the bonus for six) spent, ramp. */
const surfaceWithDivers = (s: SeaquestState, ramping: boolean): number => {
  s.surface = true;
  let reward = 0;
  if (s.diverCount === MAX_DIVERS) {
    s.diverCount = 0;
    reward = Math.floor((s.oxygen * 10) / MAX_OXYGEN);
  }
  s.oxygen = MAX_OXYGEN;
  s.diverCount -= 1;
  if (ramping && (s.spawnSpeed > 1 || s.moveSpeed > MIN_MOVE_INTERVAL)) {
    if (s.moveSpeed > MIN_MOVE_INTERVAL && s.rampIndex % 2 === 1) s.moveSpeed -= 1;
    if (s.spawnSpeed > 1) s.spawnSpeed -= 1;
    s.rampIndex += 1;
  }
  return reward;
};

const step = (s: SeaquestState, action: number, random: RandomState, ramping: boolean): number => {
  if (s.spawnTimer === 0) {
    spawnEnemy(s, random);
    s.spawnTimer = s.spawnSpeed;
  }
  if (s.diverTimer === 0) {
    spawnDiver(s, random);
    s.diverTimer = DIVER_SPAWN_SPEED;
  }
  if (action === FIRE && s.shotTimer === 0) {
    s.friendlyBullets.push([s.subX, s.subY, s.facingRight ? 1 : 0]);
    s.shotTimer = SHOT_COOL_DOWN;
  } else if (action === LEFT) {
    s.subX = Math.max(0, s.subX - 1);
    s.facingRight = false;
  } else if (action === RIGHT) {
    s.subX = Math.min(LAST, s.subX + 1);
    s.facingRight = true;
  } else if (action === UP) s.subY = Math.max(0, s.subY - 1);
  else if (action === DOWN) s.subY = Math.min(DEEPEST, s.subY + 1);

  let reward = moveTorpedoes(s);
  moveDivers(s);
  reward += moveEnemySubs(s);
  moveEnemyBullets(s);
  reward += moveFish(s);

  if (s.spawnTimer > 0) s.spawnTimer -= 1;
  if (s.diverTimer > 0) s.diverTimer -= 1;
  if (s.shotTimer > 0) s.shotTimer -= 1;
  if (s.oxygen <= 0) s.terminal = true;
  if (s.subY > 0) {
    s.oxygen -= 1;
    s.surface = false;
  } else if (!s.surface) {
    if (s.diverCount === 0) s.terminal = true;
    else reward += surfaceWithDivers(s, ramping);
  }
  return reward;
};

const SUB_FRONT = 0, SUB_BACK = 1, FRIENDLY_BULLET = 2, TRAIL = 3, ENEMY_BULLET = 4, ENEMY_FISH = 5, ENEMY_SUB = 6, OXYGEN = 7, DIVER_GAUGE = 8, DIVER = 9;
const CH = 10;

/** Each entity of `list` in `channel`, with a trail in the cell behind it when that is on the grid. */
const renderMovers = (list: readonly number[][], out: Float32Array, offset: number, channel: number): void => {
  for (const entity of list) setMover(out, offset, CH, entity[1], entity[0], entity[2] === 1, channel, TRAIL);
};

const render = (s: SeaquestState, out: Float32Array, offset: number): void => {
  setCell(out, offset, CH, s.subY, s.subX, SUB_FRONT);
  setCell(out, offset, CH, s.subY, s.facingRight ? s.subX - 1 : s.subX + 1, SUB_BACK);
  const oxygenCells = Math.floor((Math.max(0, s.oxygen) * 10) / MAX_OXYGEN);
  for (let col = 0; col < oxygenCells; col++) setCell(out, offset, CH, LAST, col, OXYGEN);
  for (let col = Math.max(0, LAST - s.diverCount); col < LAST; col++) setCell(out, offset, CH, LAST, col, DIVER_GAUGE);
  for (const bullet of s.friendlyBullets) setCell(out, offset, CH, bullet[1], bullet[0], FRIENDLY_BULLET);
  for (const bullet of s.enemyBullets) setCell(out, offset, CH, bullet[1], bullet[0], ENEMY_BULLET);
  renderMovers(s.fish, out, offset, ENEMY_FISH);
  renderMovers(s.subs, out, offset, ENEMY_SUB);
  renderMovers(s.divers, out, offset, DIVER);
};

/**
 * MinAtar Seaquest as a {@link MinAtarGame}: minimal actions are all six.
 *
 * @example
 * const state = seaquest.reset(); // submarine on the surface at column 5, oxygen 200
 */
export const seaquest: MinAtarGame<SeaquestState> = {
  name: 'Seaquest',
  channels: ['sub_front', 'sub_back', 'friendly_bullet', 'trail', 'enemy_bullet', 'enemy_fish', 'enemy_sub', 'oxygen_guage', 'diver_guage', 'diver'],
  minimalActions: [NOOP, LEFT, UP, RIGHT, DOWN, FIRE],
  reset,
  step,
  render,
  layout: [
    ['oxygen', { kind: 'int' }],
    ['diverCount', { kind: 'int' }],
    ['subX', { kind: 'int' }],
    ['subY', { kind: 'int' }],
    ['facingRight', { kind: 'bool' }],
    ['friendlyBullets', { kind: 'list', width: 3 }],
    ['enemyBullets', { kind: 'list', width: 3 }],
    ['fish', { kind: 'list', width: 4 }],
    ['subs', { kind: 'list', width: 5 }],
    ['divers', { kind: 'list', width: 4 }],
    ['spawnSpeed', { kind: 'int' }],
    ['spawnTimer', { kind: 'int' }],
    ['diverTimer', { kind: 'int' }],
    ['moveSpeed', { kind: 'int' }],
    ['rampIndex', { kind: 'int' }],
    ['shotTimer', { kind: 'int' }],
    ['surface', { kind: 'bool' }],
  ],
};
