/**
 * The "watch the policy play" card: animates the latest played episode on a canvas (drawn as the
 * exported policy's page draws it, src/export/page/drawEnv.ts), a step per frame at about 50 steps
 * per second, starting over when it ends or when a newer episode arrives.
 *
 * @module
 */
import type { PlayMessage } from '../messages.js';
import { card } from './charts.js';
import { probe } from './probe.js';
import { drawObservation } from '../../export/page/drawEnv.js';
import type { Canvas2D } from '../../export/page/drawEnv.js';

/** Dense observation of step `t` of a played episode. */
const observationAt = (play: PlayMessage, t: number): ArrayLike<number> => {
  const raw = play.observations[t];
  if (play.encoding === 'dense') return raw;
  const dense = new Float32Array(play.shape.reduce((a, b) => a * b, 1));
  for (const i of raw) dense[i] = 1;
  return dense;
};

/** The player: `show` a played episode. */
export interface Player {
  readonly show: (play: PlayMessage) => void;
}

/**
 * Adds the player card to `parent`.
 *
 * @example const player = playerCard(main); player.show(message);
 */
export const playerCard = (parent: HTMLElement): Player => {
  const el = card(parent, 'Watch the policy play', 'a deterministic episode of the current policy, in an env of its own (training is not touched)');
  const canvas = document.createElement('canvas');
  canvas.id = 'play';
  const caption = document.createElement('div');
  caption.className = 'note';
  el.append(canvas, caption);
  let play: PlayMessage | null = null, t = 0, last = 0;
  const ctx = canvas.getContext('2d');
  const draw = (now: number): void => {
    requestAnimationFrame(draw);
    if (play === null || ctx === null || now - last < 20) return;
    last = now;
    const width = canvas.clientWidth, height = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const step = t % play.observations.length;
    const grid = play.shape.length === 3 ? ([play.shape[0], play.shape[1], play.shape[2]] as const) : null;
    // the drawings only set string styles, which is all Canvas2D declares of them
    drawObservation({ ctx: ctx as unknown as Canvas2D, width, height }, play.env, observationAt(play, step), grid);
    let sum = 0;
    for (let i = 0; i < step; i++) sum += play.rewards[i];
    caption.textContent = `iteration ${play.iteration} (${play.timesteps.toLocaleString('en')} steps), reset seed ${play.seed}: step ${step} of ${play.observations.length - 1}, return ${sum.toFixed(1)} of ${play.return.toFixed(1)}`;
    probe().framesDrawn += 1;
    t += 1;
  };
  requestAnimationFrame(draw);
  return {
    show: (next) => {
      probe().plays += 1;
      play = next;
      t = 0;
    },
  };
};
