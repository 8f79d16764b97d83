/**
 * Pictures of an env's observation on a 2-D canvas: the classic-control envs as Gymnasium draws
 * them (cart and pole, Acrobot's links, the car on its hill, the pendulum) and MinAtar's 10×10
 * grid with a colour per channel. Drawn from the observation alone.
 *
 * @module
 */

/** Draws one observation (and the action that led to it) into a canvas of `width` × `height` CSS pixels. */
export type Scene = (ctx: CanvasRenderingContext2D, observation: ArrayLike<number>, action: number | readonly number[] | undefined, size: { width: number; height: number }) => void;

const ink = '#1f2328', pole = '#ca9865', cartFill = '#444c56', accent = '#0969da';

const clear = (ctx: CanvasRenderingContext2D, width: number, height: number): void => {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
};

/** CartPole: x in [−2.4, 2.4] on the track, pole angle θ (radians, 0 upright), pole 1 unit long (Gymnasium's render). */
const cartPole: Scene = (ctx, obs, _action, { width, height }) => {
  clear(ctx, width, height);
  const scale = width / 4.8, trackY = height * 0.7;
  ctx.strokeStyle = ink;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, trackY);
  ctx.lineTo(width, trackY);
  ctx.stroke();
  const cx = width / 2 + obs[0] * scale, cartW = scale * 0.5, cartH = scale * 0.3;
  ctx.fillStyle = cartFill;
  ctx.fillRect(cx - cartW / 2, trackY - cartH / 2, cartW, cartH);
  const len = scale * 1.0, theta = obs[2];
  ctx.strokeStyle = pole;
  ctx.lineWidth = Math.max(3, scale * 0.1);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx, trackY - cartH / 4);
  ctx.lineTo(cx + len * Math.sin(theta), trackY - cartH / 4 - len * Math.cos(theta));
  ctx.stroke();
  ctx.fillStyle = '#8189c9';
  ctx.beginPath();
  ctx.arc(cx, trackY - cartH / 4, Math.max(2, scale * 0.05), 0, 2 * Math.PI);
  ctx.fill();
};

/** Acrobot: links of length 1 from the pivot, θ1 from hanging down, θ2 relative; the goal line at height 1. */
const acrobot: Scene = (ctx, obs, _action, { width, height }) => {
  clear(ctx, width, height);
  const scale = Math.min(width, height) / 4.4, ox = width / 2, oy = height / 2;
  const t1 = Math.atan2(obs[1], obs[0]), t2 = Math.atan2(obs[3], obs[2]);
  const p1 = [Math.sin(t1), -Math.cos(t1)], p2 = [p1[0] + Math.sin(t1 + t2), p1[1] - Math.cos(t1 + t2)];
  const at = (p: number[]): [number, number] => [ox + p[0] * scale, oy - p[1] * scale];
  ctx.strokeStyle = ink;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(0, oy - scale);
  ctx.lineTo(width, oy - scale);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = '#00cccc';
  ctx.lineWidth = Math.max(4, scale * 0.15);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(...at([0, 0]));
  ctx.lineTo(...at(p1));
  ctx.lineTo(...at(p2));
  ctx.stroke();
  ctx.fillStyle = '#cccc00';
  for (const p of [[0, 0], p1]) {
    ctx.beginPath();
    ctx.arc(...at(p), Math.max(3, scale * 0.08), 0, 2 * Math.PI);
    ctx.fill();
  }
};

/** Mountain car: position in [−1.2, 0.6] on the hill y = 0.45 sin(3x) + 0.55, flag at the goal (x and y scaled apart to fill the canvas). */
const mountainCar =
  (goal: number): Scene =>
  (ctx, obs, _action, { width, height }) => {
    clear(ctx, width, height);
    // the hill's heights are in [0.1, 1]: its own vertical scale, with room for the flag above
    const min = -1.2, max = 0.6, xScale = width / (max - min), yScale = (height - 60) / 1.0;
    const hill = (x: number) => 0.45 * Math.sin(3 * x) + 0.55;
    const at = (x: number, y: number): [number, number] => [(x - min) * xScale, height - 10 - y * yScale];
    ctx.strokeStyle = ink;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i <= 100; i++) {
      const x = min + ((max - min) * i) / 100;
      if (i === 0) ctx.moveTo(...at(x, hill(x)));
      else ctx.lineTo(...at(x, hill(x)));
    }
    ctx.stroke();
    const [fx, fy] = at(goal, hill(goal));
    ctx.beginPath();
    ctx.moveTo(fx, fy);
    ctx.lineTo(fx, fy - 40);
    ctx.stroke();
    ctx.fillStyle = '#cccc00';
    ctx.fillRect(fx, fy - 40, 22, 12);
    const pos = obs[0], slope = Math.atan((Math.cos(3 * pos) * 3 * 0.45 * yScale) / xScale);
    const [cx, cy] = at(pos, hill(pos));
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(-slope);
    ctx.fillStyle = cartFill;
    ctx.fillRect(-20, -22, 40, 16);
    ctx.fillStyle = '#80808f';
    for (const wx of [-12, 12]) {
      ctx.beginPath();
      ctx.arc(wx, -5, 5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  };

/** Pendulum: θ from upright (cos θ, sin θ, θ̇), the applied torque as an arc. */
const pendulum: Scene = (ctx, obs, action, { width, height }) => {
  clear(ctx, width, height);
  const scale = Math.min(width, height) / 2.6, ox = width / 2, oy = height / 2;
  const theta = Math.atan2(obs[1], obs[0]);
  ctx.strokeStyle = '#cc4c4c';
  ctx.lineWidth = Math.max(6, scale * 0.2);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(ox, oy);
  ctx.lineTo(ox - Math.sin(theta) * scale, oy - Math.cos(theta) * scale);
  ctx.stroke();
  const torque = Array.isArray(action) ? Number(action[0]) : typeof action === 'number' ? action : 0;
  if (torque !== 0) {
    ctx.strokeStyle = accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    const r = scale * 0.3, sweep = (Math.min(2, Math.abs(torque)) / 2) * Math.PI;
    ctx.arc(ox, oy, r, -Math.PI / 2, -Math.PI / 2 + (torque > 0 ? -sweep : sweep), torque > 0);
    ctx.stroke();
  }
  ctx.fillStyle = ink;
  ctx.beginPath();
  ctx.arc(ox, oy, 4, 0, 2 * Math.PI);
  ctx.fill();
};

/** A colour per MinAtar channel (MinAtar's display uses seaborn's cubehelix; these are as distinct). */
export const channelColours = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#008080'];

/** MinAtar: a 10×10 grid, `[row, col, channel]` row-major; a cell takes the colour of its highest active channel, as MinAtar's display does. */
const minAtarGrid =
  (channels: number): Scene =>
  (ctx, obs, _action, { width, height }) => {
    clear(ctx, width, height);
    const side = Math.min(width, height), cell = side / 10, left = (width - side) / 2;
    ctx.fillStyle = '#111';
    ctx.fillRect(left, 0, side, side);
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 10; c++) {
        let top = -1;
        for (let k = 0; k < channels; k++) if (obs[(r * 10 + c) * channels + k] > 0) top = k;
        if (top < 0) continue;
        ctx.fillStyle = channelColours[top % channelColours.length];
        ctx.fillRect(left + c * cell + 1, r * cell + 1, cell - 2, cell - 2);
      }
  };

/**
 * The scene of an env id with its observation shape, or null when the page has no picture for it.
 *
 * @example sceneFor('CartPole-v1', [4]) // the cart-pole scene
 */
export const sceneFor = (env: string, shape: readonly number[]): Scene | null => {
  if (env.startsWith('MinAtar/') && shape.length === 3) return minAtarGrid(shape[2]);
  switch (env) {
    case 'CartPole-v1':
      return cartPole;
    case 'Acrobot-v1':
      return acrobot;
    case 'MountainCar-v0':
      return mountainCar(0.5);
    case 'MountainCarContinuous-v0':
      return mountainCar(0.45);
    case 'Pendulum-v1':
      return pendulum;
    default:
      return null;
  }
};
