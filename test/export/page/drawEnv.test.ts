import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Canvas2D } from '../../../src/export/page/drawEnv.js';
import { drawObservation, drawnEnvIds } from '../../../src/export/page/drawEnv.js';

/** A canvas that records the calls made on it (with the fill colour of each fillRect). */
const recordingCanvas = () => {
  const calls: { name: string; args: number[]; fill: string; stroke: string }[] = [];
  const ctx: Canvas2D = { fillStyle: '', strokeStyle: '', lineWidth: 1, font: '' } as Canvas2D;
  for (const name of ['fillRect', 'strokeRect', 'beginPath', 'moveTo', 'lineTo', 'arc', 'stroke', 'fill', 'fillText'] as const)
    (ctx as unknown as Record<string, (...args: unknown[]) => void>)[name] = (...args: unknown[]) =>
      calls.push({ name, args: args.filter((a): a is number => typeof a === 'number'), fill: ctx.fillStyle, stroke: ctx.strokeStyle });
  return { ctx, calls };
};

test('CartPole: the pole leans the way θ says, from the cart at x', () => {
  const tip = (theta: number, x = 0) => {
    const { ctx, calls } = recordingCanvas();
    assert.ok(drawObservation({ ctx, width: 600, height: 400 }, 'CartPole-v1', [x, 0, theta, 0], null));
    const pole = calls.filter((c) => c.name === 'lineTo' && c.stroke === '#ca9865')[0];
    const cart = calls.filter((c) => c.name === 'fillRect' && c.fill === '#333')[0];
    return { tip: pole.args, cartX: cart.args[0] + 25 };
  };
  assert.is(tip(0).tip[0], 300, 'upright: straight above the centre');
  assert.ok(tip(0.2).tip[0] > 300 && tip(-0.2).tip[0] < 300, 'θ > 0 leans right, as Gymnasium draws it');
  assert.is(tip(0, 1.2).cartX, 300 + 1.2 * (600 / 4.8), 'the cart at x metres (the canvas is 4.8 m wide)');
});

test('Pendulum: the rod points up at θ = 0 and down at θ = π', () => {
  const end = (theta: number) => {
    const { ctx, calls } = recordingCanvas();
    drawObservation({ ctx, width: 400, height: 400 }, 'Pendulum-v1', [Math.cos(theta), Math.sin(theta), 0], null);
    return calls.find((c) => c.name === 'lineTo')?.args ?? [];
  };
  assert.ok(end(0)[1] < 200 && Math.abs(end(0)[0] - 200) < 1e-9);
  assert.ok(end(Math.PI)[1] > 200);
});

test('every drawn env and a MinAtar grid draw a picture; another env shows its numbers', () => {
  for (const env of drawnEnvIds) {
    const { ctx, calls } = recordingCanvas();
    assert.ok(drawObservation({ ctx, width: 300, height: 200 }, env, new Array(6).fill(0.1), null), env);
    assert.ok(calls.length > 3, env);
  }
  const { ctx, calls } = recordingCanvas();
  const grid = new Array(2 * 3 * 2).fill(0);
  grid[(1 * 3 + 2) * 2 + 1] = 1; // row 1, column 2, channel 1
  assert.ok(drawObservation({ ctx, width: 300, height: 200 }, 'MinAtar/Breakout-v1', grid, [2, 3, 2]));
  const cells = calls.filter((c) => c.name === 'fillRect').slice(1);
  assert.is(cells.length, 6);
  assert.equal(cells.filter((c) => c.fill !== '#000').map((c) => c.args.slice(0, 2)), [[200, 100]]);
  const other = recordingCanvas();
  assert.not.ok(drawObservation({ ctx: other.ctx, width: 300, height: 200 }, 'Hopper-v5', [1, 2], null));
  assert.is(other.calls.filter((c) => c.name === 'fillText').length, 2);
});

test.run();
