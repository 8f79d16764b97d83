import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeState, encodeState, removeFirstEqual, setCell } from '../../../src/envs/minatar/game.js';
import type { GameState, StateLayout } from '../../../src/envs/minatar/game.js';

test('removeFirstEqual is Python list.remove: the first element equal by value goes', () => {
  const a = [1, 2], b = [3, 4], c = [1, 2];
  const list = [a, b, c];
  removeFirstEqual(list, c);
  assert.equal(list, [[3, 4], [1, 2]]);
  assert.is(list[1], c, 'the equal element in front went, not the one passed');
  assert.throws(() => removeFirstEqual(list, [9, 9]), /not in the list/);
});

test('setCell indexes [row][col][channel] in C order; a negative column counts from the right (NumPy)', () => {
  const out = new Float32Array(100 * 3);
  setCell(out, 0, 3, 2, 5, 1);
  setCell(out, 0, 3, 4, -1, 2);
  assert.is(out[(2 * 10 + 5) * 3 + 1], 1);
  assert.is(out[(4 * 10 + 9) * 3 + 2], 1);
  assert.is(out.reduce((x, y) => x + y, 0), 2);
});

interface Sample extends GameState { n: number; on: boolean; map: Uint8Array; items: number[][]; slots: (number[] | null)[] }
const layout: StateLayout = [
  ['n', { kind: 'int' }],
  ['on', { kind: 'bool' }],
  ['map', { kind: 'grid' }],
  ['items', { kind: 'list', width: 2 }],
  ['slots', { kind: 'slots', count: 2, width: 3 }],
];

test('encodeState/decodeState round-trip every field kind, terminal flag last', () => {
  const map = new Uint8Array(100);
  map[37] = 1;
  const sample: Sample = { n: -3, on: true, map, items: [[1, 2], [3, 4]], slots: [null, [5, 6, 7]], terminal: true };
  const values = encodeState(sample, layout, [42]);
  assert.is(values[0], 42, 'appends after what is there');
  assert.is(values.length, 1 + 1 + 1 + 100 + 1 + 4 + 2 * 4 + 1);
  const { state, end } = decodeState<Sample>(values, 1, layout);
  assert.is(end, values.length);
  assert.equal(state, sample);
  const broken = [...values];
  broken[3 + 37] = 2;
  assert.throws(() => decodeState(broken, 1, layout), /map\[37\] must be 0 or 1/);
  assert.throws(() => decodeState(values.slice(0, 50), 1, layout), /ends before/);
});

test.run();
