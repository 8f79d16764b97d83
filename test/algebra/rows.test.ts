import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { gatherRows } from '../../src/algebra/rows.js';

test('gatherRows copies the listed rows in order, repeats included, and leaves the source alone', () => {
  const source = Float32Array.of(0, 1, 10, 11, 20, 21);
  assert.equal(Array.from(gatherRows(source, 2, Int32Array.of(2, 0, 2))), [20, 21, 0, 1, 20, 21]);
  assert.equal(Array.from(gatherRows(source, 2, new Int32Array(0))), []);
  assert.equal(Array.from(source), [0, 1, 10, 11, 20, 21]);
});

test('row i of gatherRows(source, w, rows) is row rows[i] of source', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (width, count, picks) => {
      const source = Float32Array.from({ length: width * count }, (_, i) => i);
      const rows = Int32Array.from(picks, (p) => p % count);
      const out = gatherRows(source, width, rows);
      assert.is(out.length, rows.length * width);
      rows.forEach((r, i) => assert.equal(Array.from(out.subarray(i * width, (i + 1) * width)), Array.from(source.subarray(r * width, (r + 1) * width))));
    }),
    { seed: 7 },
  );
});

test.run();
