/**
 * Frames of the envs drawn from their observations on a 2D canvas: the cart and pole, the
 * pendulum, Acrobot's links, the car on its hill, and MinAtar's grid (a colour per channel). Only
 * the canvas calls named in {@link Canvas2D} are used, so a test can record them.
 *
 * @module
 */

/** The part of `CanvasRenderingContext2D` the drawings use. */
export interface Canvas2D {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  fillText(text: string, x: number, y: number): void;
}

/** A canvas of `width × height` pixels to draw one frame on. */
export interface Frame {
  readonly ctx: Canvas2D;
  readonly width: number;
  readonly height: number;
}

const line = (ctx: Canvas2D, x0: number, y0: number, x1: number, y1: number, width: number, colour: string) => {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
};

const disc = (ctx: Canvas2D, x: number, y: number, radius: number, colour: string) => {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fill();
};

/** CartPole-v1 (`[x, ẋ, θ, θ̇]`): the track ±4.8 m wide across the canvas, the cart, and the pole (1 m) at angle θ from upright. */
const drawCartPole = ({ ctx, width, height }: Frame, o: ArrayLike<number>) => {
  const scale = width / 4.8, groundY = height * 0.7, cartX = width / 2 + o[0] * scale;
  line(ctx, 0, groundY, width, groundY, 1, '#000');
  ctx.fillStyle = '#333';
  ctx.fillRect(cartX - 25, groundY - 15, 50, 30);
  const pole = scale * 1.0;
  line(ctx, cartX, groundY - 8, cartX + pole * Math.sin(o[2]), groundY - 8 - pole * Math.cos(o[2]), 10, '#ca9865');
  disc(ctx, cartX, groundY - 8, 5, '#8184cb');
};

/** Pendulum-v1 (`[cos θ, sin θ, θ̇]`): the rod from the pivot, θ = 0 upright. */
const drawPendulum = ({ ctx, width, height }: Frame, o: ArrayLike<number>) => {
  const cx = width / 2, cy = height / 2, rod = Math.min(width, height) * 0.4;
  line(ctx, cx, cy, cx + rod * o[1], cy - rod * o[0], 16, '#cc4c4c');
  disc(ctx, cx, cy, 6, '#000');
};

/** Acrobot-v1 (`[cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]`): two links from the pivot, θ1 = 0 hanging down, and the goal line. */
const drawAcrobot = ({ ctx, width, height }: Frame, o: ArrayLike<number>) => {
  const cx = width / 2, cy = height / 2, link = Math.min(width, height) * 0.22;
  const s1 = o[1], c1 = o[0], s12 = o[1] * o[2] + o[0] * o[3], c12 = o[0] * o[2] - o[1] * o[3];
  const x1 = cx + link * s1, y1 = cy + link * c1, x2 = x1 + link * s12, y2 = y1 + link * c12;
  line(ctx, 0, cy - link, width, cy - link, 1, '#000');
  line(ctx, cx, cy, x1, y1, 10, '#00cccc');
  line(ctx, x1, y1, x2, y2, 10, '#00cccc');
  disc(ctx, cx, cy, 5, '#cccc00');
  disc(ctx, x1, y1, 5, '#cccc00');
};

/** MountainCar-v0 and MountainCarContinuous-v0 (`[position, velocity]`): the hill sin(3x), the car and the flag at 0.5. */
const drawMountainCar = ({ ctx, width, height }: Frame, o: ArrayLike<number>) => {
  const min = -1.2, max = 0.6, scale = width / (max - min);
  const hill = (x: number) => height - (Math.sin(3 * x) * 0.45 + 0.55) * scale * 0.9 - 10;
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i <= 100; i++) {
    const x = min + ((max - min) * i) / 100;
    if (i === 0) ctx.moveTo(0, hill(x));
    else ctx.lineTo((x - min) * scale, hill(x));
  }
  ctx.stroke();
  line(ctx, (0.5 - min) * scale, hill(0.5), (0.5 - min) * scale, hill(0.5) - 40, 2, '#000');
  ctx.fillStyle = '#cccc00';
  ctx.fillRect((0.5 - min) * scale, hill(0.5) - 40, 20, 10);
  disc(ctx, (o[0] - min) * scale, hill(o[0]) - 10, 12, '#333');
};

/** Channel colours of MinAtar's grid (as its own display: one colour per object kind). */
const CHANNEL_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

/** A MinAtar grid `[height, width, channels]` (C order): each cell in the colour of its last nonzero channel. */
const drawGrid = ({ ctx, width, height }: Frame, o: ArrayLike<number>, [rows, columns, channels]: readonly [number, number, number]) => {
  const cell = Math.min(width / columns, height / rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      let colour = '#000';
      for (let k = 0; k < channels; k++) if (o[(r * columns + c) * channels + k] !== 0) colour = CHANNEL_COLOURS[k % CHANNEL_COLOURS.length];
      ctx.fillStyle = colour;
      ctx.fillRect(c * cell, r * cell, cell - 1, cell - 1);
    }
};

/** Env ids {@link drawObservation} draws as a picture (MinAtar ids, by their grid, too). */
export const drawnEnvIds: readonly string[] = ['CartPole-v1', 'Pendulum-v1', 'Acrobot-v1', 'MountainCar-v0', 'MountainCarContinuous-v0'];

/**
 * Clears the frame and draws `observation` of `env`; a grid observation (`gridShape`) is drawn as
 * MinAtar's grid, an env without a picture as its numbers. Returns whether it drew a picture.
 *
 * @example drawObservation({ ctx: canvas.getContext('2d'), width: 600, height: 400 }, 'CartPole-v1', [0, 0, 0.05, 0], null) // true
 */
export const drawObservation = (frame: Frame, env: string, observation: ArrayLike<number>, gridShape: readonly [number, number, number] | null): boolean => {
  frame.ctx.fillStyle = '#fff';
  frame.ctx.fillRect(0, 0, frame.width, frame.height);
  if (gridShape !== null) drawGrid(frame, observation, gridShape);
  else if (env === 'CartPole-v1') drawCartPole(frame, observation);
  else if (env === 'Pendulum-v1') drawPendulum(frame, observation);
  else if (env === 'Acrobot-v1') drawAcrobot(frame, observation);
  else if (env === 'MountainCar-v0' || env === 'MountainCarContinuous-v0') drawMountainCar(frame, observation);
  else {
    frame.ctx.fillStyle = '#000';
    frame.ctx.font = '12px monospace';
    Array.from(observation).slice(0, 24).forEach((v, i) => frame.ctx.fillText(`obs[${i}] = ${v.toFixed(3)}`, 10, 20 + 14 * i));
    return false;
  }
  return true;
};
