/**
 * MinAtar Breakout. A paddle on the bottom row bounces a ball that moves one cell diagonally per
 * step; three rows of bricks (rows 1–3) give +1 each when hit, and refill once all are gone and the
 * ball comes down to the paddle row. Walls and bricks reflect the ball; the paddle reflects it
 * straight back when it was right below the ball, and sends it back the way it came when the ball
 * lands on it diagonally. Missing the ball ends the episode. After breaking a brick the ball passes
 * through a brick it meets on the very next step (MinAtar's `strike` flag). No difficulty ramping,
 * no time limit.
 *
 * Channels: paddle, ball, trail (the ball's previous cell), brick. Reset draws `randint(2)`: the
 * ball starts at row 3, in column 0 moving down-right or in column 9 moving down-left.
 *
 * @module
 */
import type { GameState, MinAtarGame } from './game.js';
import { GRID, LEFT, NOOP, RIGHT, setCell, setChannel } from './game.js';
import type { RandomState } from './randomState.js';

/** Breakout's state (MinAtar's field names in comments). */
export interface BreakoutState extends GameState {
  ballX: number;
  ballY: number;
  /** 0 up-left, 1 up-right, 2 down-right, 3 down-left (`ball_dir`). */
  ballDir: number;
  /** The ball's cell before the last step (`last_x`, `last_y`): the trail. */
  lastX: number;
  lastY: number;
  /** Paddle column (`pos`). */
  paddle: number;
  /** A brick was hit on the previous step (`strike`). */
  strike: boolean;
  /** 0/1 [row · 10 + col] (`brick_map`). */
  bricks: Uint8Array;
}

const DX = [-1, 1, 1, -1];
const DY = [-1, -1, 1, 1];
/** Direction after bouncing off a side wall (horizontal component flips). */
const OFF_SIDE = [1, 0, 3, 2];
/** Direction after bouncing off the ceiling, a brick or the paddle's face (vertical component flips). */
const OFF_TOP = [3, 2, 1, 0];
/** Direction after landing diagonally on the paddle: straight back where it came from. */
const BACK = [2, 3, 0, 1];
const BOTTOM = GRID - 1;

const fillBricks = (bricks: Uint8Array): void => {
  bricks.fill(1, 1 * GRID, 4 * GRID);
};

const anyBrick = (bricks: Uint8Array): boolean => bricks.indexOf(1) >= 0;

const reset = (random: RandomState): BreakoutState => {
  const fromRight = random.randint(2) === 1;
  const bricks = new Uint8Array(GRID * GRID);
  fillBricks(bricks);
  const ballX = fromRight ? 9 : 0;
  return { ballX, ballY: 3, ballDir: fromRight ? 3 : 2, lastX: ballX, lastY: 3, paddle: 4, strike: false, bricks, terminal: false };
};

const step = (s: BreakoutState, action: number): number => {
  if (action === LEFT) s.paddle = Math.max(0, s.paddle - 1);
  else if (action === RIGHT) s.paddle = Math.min(BOTTOM, s.paddle + 1);
  s.lastX = s.ballX;
  s.lastY = s.ballY;
  let x = s.ballX + DX[s.ballDir];
  let y = s.ballY + DY[s.ballDir];
  let reward = 0;
  let struck = false;
  if (x < 0 || x > BOTTOM) {
    x = x < 0 ? 0 : BOTTOM;
    s.ballDir = OFF_SIDE[s.ballDir];
  }
  if (y < 0) {
    y = 0;
    s.ballDir = OFF_TOP[s.ballDir];
  } else if (s.bricks[y * GRID + x] === 1) {
    struck = true;
    if (!s.strike) {
      reward = 1;
      s.strike = true;
      s.bricks[y * GRID + x] = 0;
      y = s.lastY;
      s.ballDir = OFF_TOP[s.ballDir];
    }
  } else if (y === BOTTOM) {
    if (!anyBrick(s.bricks)) fillBricks(s.bricks);
    if (s.ballX === s.paddle) {
      s.ballDir = OFF_TOP[s.ballDir];
      y = s.lastY;
    } else if (x === s.paddle) {
      s.ballDir = BACK[s.ballDir];
      y = s.lastY;
    } else s.terminal = true;
  }
  if (!struck) s.strike = false;
  s.ballX = x;
  s.ballY = y;
  return reward;
};

const PADDLE = 0, BALL = 1, TRAIL = 2, BRICK = 3;

const render = (s: BreakoutState, out: Float32Array, offset: number): void => {
  setCell(out, offset, 4, s.ballY, s.ballX, BALL);
  setCell(out, offset, 4, BOTTOM, s.paddle, PADDLE);
  setCell(out, offset, 4, s.lastY, s.lastX, TRAIL);
  setChannel(out, offset, 4, s.bricks, BRICK);
};

/**
 * MinAtar Breakout as a {@link MinAtarGame}: minimal actions no-op, left, right.
 *
 * @example
 * const state = breakout.reset(new RandomState(0)); // ball at row 3, column 0, moving down-right
 */
export const breakout: MinAtarGame<BreakoutState> = {
  name: 'Breakout',
  channels: ['paddle', 'ball', 'trail', 'brick'],
  minimalActions: [NOOP, LEFT, RIGHT],
  reset,
  step,
  render,
  layout: [
    ['ballX', { kind: 'int' }],
    ['ballY', { kind: 'int' }],
    ['ballDir', { kind: 'int' }],
    ['lastX', { kind: 'int' }],
    ['lastY', { kind: 'int' }],
    ['paddle', { kind: 'int' }],
    ['strike', { kind: 'bool' }],
    ['bricks', { kind: 'grid' }],
  ],
};
