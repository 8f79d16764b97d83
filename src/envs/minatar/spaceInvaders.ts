/**
 * MinAtar Space Invaders. A cannon on the bottom row moves left and right and fires (at most every 5
 * steps) bullets that rise one row per step; each alien hit gives +1. The alien block (rows 0–3,
 * columns 2–7 at the start) moves one column sideways every `min(aliens left, move interval)`
 * steps, and one row down (turning around) when it reaches a side; every 10 steps the lowest alien
 * of the column nearest to the cannon fires a bullet that falls one row per step. A bullet or an
 * alien reaching the cannon, or the block moving down from the bottom row, ends the episode. When
 * every alien is gone a new block appears and, with difficulty ramping, the move interval drops by
 * one (12 → 6). No random draws, no time limit.
 *
 * Channels: cannon, alien, alien_left, alien_right (the aliens again, in the channel of their
 * direction), friendly_bullet, enemy_bullet.
 *
 * @module
 */
import type { GameState, MinAtarGame } from './game.js';
import { FIRE, GRID, LEFT, NOOP, RIGHT, setCell, setChannel } from './game.js';

/** Space Invaders' state (MinAtar's field names in comments). */
export interface SpaceInvadersState extends GameState {
  /** Cannon column (`pos`). */
  cannon: number;
  /** 0/1 maps [row · 10 + col]: `alien_map`, `f_bullet_map`, `e_bullet_map`. */
  aliens: Uint8Array;
  friendlyBullets: Uint8Array;
  enemyBullets: Uint8Array;
  /** −1 left, +1 right (`alien_dir`). */
  alienDir: number;
  /** Steps between alien moves at full strength (`enemy_move_interval`, 12 ramping down to 6). */
  moveInterval: number;
  alienMoveTimer: number;
  alienShotTimer: number;
  rampIndex: number;
  /** Steps until the cannon may fire again (`shot_timer`). */
  shotTimer: number;
}

const SHOT_COOL_DOWN = 5;
const MOVE_INTERVAL = 12;
const MIN_MOVE_INTERVAL = 6;
const SHOT_INTERVAL = 10;
const BOTTOM = GRID - 1;
const CELLS = GRID * GRID;

const fillAliens = (aliens: Uint8Array): void => {
  for (let row = 0; row < 4; row++) aliens.fill(1, row * GRID + 2, row * GRID + 8);
};

const count = (map: Uint8Array): number => {
  let n = 0;
  for (let cell = 0; cell < CELLS; cell++) n += map[cell];
  return n;
};

const columnOccupied = (map: Uint8Array, col: number): boolean => {
  for (let row = 0; row < GRID; row++) if (map[row * GRID + col] !== 0) return true;
  return false;
};

const rowOccupied = (map: Uint8Array, row: number): boolean => {
  for (let col = 0; col < GRID; col++) if (map[row * GRID + col] !== 0) return true;
  return false;
};

/** `np.roll(map, 1, axis=0)` in place: every row one down, the bottom row wraps to the top. */
const rollDown = (map: Uint8Array): void => {
  for (let col = 0; col < GRID; col++) {
    const wrapped = map[BOTTOM * GRID + col];
    for (let row = BOTTOM; row > 0; row--) map[row * GRID + col] = map[(row - 1) * GRID + col];
    map[col] = wrapped;
  }
};

/** `np.roll(map, dir, axis=1)` in place for dir ±1 (columns wrap around). */
const rollSideways = (map: Uint8Array, dir: number): void => {
  for (let row = 0; row < GRID; row++) {
    const base = row * GRID;
    if (dir > 0) {
      const wrapped = map[base + BOTTOM];
      map.copyWithin(base + 1, base, base + BOTTOM);
      map[base] = wrapped;
    } else {
      const wrapped = map[base];
      map.copyWithin(base, base + 1, base + GRID);
      map[base + BOTTOM] = wrapped;
    }
  }
};

const reset = (): SpaceInvadersState => {
  const aliens = new Uint8Array(CELLS);
  fillAliens(aliens);
  return {
    cannon: 5,
    aliens,
    friendlyBullets: new Uint8Array(CELLS),
    enemyBullets: new Uint8Array(CELLS),
    alienDir: -1,
    moveInterval: MOVE_INTERVAL,
    alienMoveTimer: MOVE_INTERVAL,
    alienShotTimer: SHOT_INTERVAL,
    rampIndex: 0,
    shotTimer: 0,
    terminal: false,
  };
};

/** Cell index of the lowest alien in column `col`, -1 when the column is empty. */
const lowestIn = (aliens: Uint8Array, col: number): number => {
  for (let row = BOTTOM; row >= 0; row--) if (aliens[row * GRID + col] !== 0) return row * GRID + col;
  return -1;
};

/**
 * The column nearest to the cannon that holds an alien (nearer first, the left one on a tie) and
 * its lowest alien: where the next enemy bullet starts, as the cell index. -1 without aliens.
 */
const shooterCell = (aliens: Uint8Array, cannon: number): number => {
  for (let distance = 0; distance < GRID; distance++) {
    const left = cannon - distance >= 0 ? lowestIn(aliens, cannon - distance) : -1;
    if (left >= 0) return left;
    const right = distance > 0 && cannon + distance <= BOTTOM ? lowestIn(aliens, cannon + distance) : -1;
    if (right >= 0) return right;
  }
  return -1;
};

const moveAliens = (s: SpaceInvadersState): void => {
  const { aliens } = s;
  s.alienMoveTimer = Math.min(count(aliens), s.moveInterval);
  if ((s.alienDir < 0 && columnOccupied(aliens, 0)) || (s.alienDir > 0 && columnOccupied(aliens, BOTTOM))) {
    s.alienDir = -s.alienDir;
    if (rowOccupied(aliens, BOTTOM)) s.terminal = true;
    rollDown(aliens);
  } else rollSideways(aliens, s.alienDir);
  if (aliens[BOTTOM * GRID + s.cannon] !== 0) s.terminal = true;
};

const step = (s: SpaceInvadersState, action: number, _random: unknown, ramping: boolean): number => {
  const { aliens, friendlyBullets, enemyBullets } = s;
  if (action === FIRE && s.shotTimer === 0) {
    friendlyBullets[BOTTOM * GRID + s.cannon] = 1;
    s.shotTimer = SHOT_COOL_DOWN;
  } else if (action === LEFT) s.cannon = Math.max(0, s.cannon - 1);
  else if (action === RIGHT) s.cannon = Math.min(BOTTOM, s.cannon + 1);
  // bullets move one row (the row that would wrap around is cleared)
  friendlyBullets.copyWithin(0, GRID, CELLS);
  friendlyBullets.fill(0, CELLS - GRID, CELLS);
  enemyBullets.copyWithin(GRID, 0, CELLS - GRID);
  enemyBullets.fill(0, 0, GRID);
  if (enemyBullets[BOTTOM * GRID + s.cannon] !== 0) s.terminal = true;
  if (aliens[BOTTOM * GRID + s.cannon] !== 0) s.terminal = true;
  if (s.alienMoveTimer === 0) moveAliens(s);
  if (s.alienShotTimer === 0) {
    s.alienShotTimer = SHOT_INTERVAL;
    const cell = shooterCell(aliens, s.cannon);
    // MinAtar would raise here; a step always starts with aliens on the board
    if (cell < 0) throw new Error('SpaceInvaders: no alien to shoot (a game bug)');
    enemyBullets[cell] = 1;
  }
  let reward = 0;
  for (let cell = 0; cell < CELLS; cell++) {
    if (aliens[cell] !== 0 && friendlyBullets[cell] !== 0) {
      aliens[cell] = 0;
      friendlyBullets[cell] = 0;
      reward += 1;
    }
  }
  if (s.shotTimer > 0) s.shotTimer -= 1;
  s.alienMoveTimer -= 1;
  s.alienShotTimer -= 1;
  if (count(aliens) === 0) {
    if (ramping && s.moveInterval > MIN_MOVE_INTERVAL) {
      s.moveInterval -= 1;
      s.rampIndex += 1;
    }
    fillAliens(aliens);
  }
  return reward;
};

const CANNON = 0, ALIEN = 1, ALIEN_LEFT = 2, ALIEN_RIGHT = 3, FRIENDLY_BULLET = 4, ENEMY_BULLET = 5;

const render = (s: SpaceInvadersState, out: Float32Array, offset: number): void => {
  setCell(out, offset, 6, BOTTOM, s.cannon, CANNON);
  setChannel(out, offset, 6, s.aliens, ALIEN);
  setChannel(out, offset, 6, s.aliens, s.alienDir < 0 ? ALIEN_LEFT : ALIEN_RIGHT);
  setChannel(out, offset, 6, s.friendlyBullets, FRIENDLY_BULLET);
  setChannel(out, offset, 6, s.enemyBullets, ENEMY_BULLET);
};

/**
 * MinAtar Space Invaders as a {@link MinAtarGame}: minimal actions no-op, left, right, fire.
 *
 * @example
 * const state = spaceInvaders.reset(); // 24 aliens in rows 0–3, cannon at column 5
 */
export const spaceInvaders: MinAtarGame<SpaceInvadersState> = {
  name: 'SpaceInvaders',
  channels: ['cannon', 'alien', 'alien_left', 'alien_right', 'friendly_bullet', 'enemy_bullet'],
  minimalActions: [NOOP, LEFT, RIGHT, FIRE],
  reset,
  step,
  render,
  layout: [
    ['cannon', { kind: 'int' }],
    ['aliens', { kind: 'grid' }],
    ['friendlyBullets', { kind: 'grid' }],
    ['enemyBullets', { kind: 'grid' }],
    ['alienDir', { kind: 'int' }],
    ['moveInterval', { kind: 'int' }],
    ['alienMoveTimer', { kind: 'int' }],
    ['alienShotTimer', { kind: 'int' }],
    ['rampIndex', { kind: 'int' }],
    ['shotTimer', { kind: 'int' }],
  ],
};
