import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adamInit, adamStep } from '../../src/algebra/adam.js';

test('first Adam step moves each parameter by the learning rate against the gradient sign (bias correction)', () => {
  const { params, state } = adamStep({ learningRate: 0.1 })(Float32Array.of(1, -1, 0), [2, -0.5, 0], adamInit(3));
  assert.ok(Math.abs(params[0] - 0.9) < 1e-6 && Math.abs(params[1] + 0.9) < 1e-6 && params[2] === 0);
  assert.is(state.step, 1);
});

test('minimizes a quadratic; inputs are left untouched', () => {
  let params: Float32Array = Float32Array.of(3, -2);
  let state = adamInit(2);
  const start = Float32Array.from(params);
  const step = adamStep({ learningRate: 0.05 });
  for (let i = 0; i < 2000; i++) ({ params, state } = step(params, [2 * params[0], 8 * params[1]], state));
  assert.ok(Math.abs(params[0]) < 1e-2 && Math.abs(params[1]) < 1e-2, `${params[0]} ${params[1]}`);
  assert.equal(Array.from(start), [3, -2]);
  assert.throws(() => step(params, [1], state), /2 parameters, 1 gradient entries/);
});

test.run();
