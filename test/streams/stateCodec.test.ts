import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decodeTree, deserializeState, encodeTree } from '../../src/streams/stateCodec.js';

test('typed arrays survive encode/decode bit for bit (NaN payloads, −0, subnormals included)', () => {
  fc.assert(
    fc.property(fc.array(fc.double()), fc.array(fc.float()), fc.array(fc.integer({ min: 0, max: 255 })), (f64, f32, u8) => {
      const value = { a: Float64Array.from(f64), nested: { b: Float32Array.from(f32), c: [Uint8Array.from(u8)] }, n: 3, s: 'x' };
      const back = decodeTree(JSON.parse(JSON.stringify(encodeTree(value)))) as typeof value;
      assert.equal(new Uint8Array(back.a.buffer), new Uint8Array(value.a.buffer));
      assert.equal(new Uint8Array(back.nested.b.buffer), new Uint8Array(value.nested.b.buffer));
      assert.equal(Array.from(back.nested.c[0]), u8);
      assert.is(back.n, 3);
      assert.instance(back.a, Float64Array);
    }),
    { seed: 16 },
  );
});

test('malformed checkpoints are errors, not exceptions', () => {
  for (const text of ['', '{', '{"format":"other"}', '{"format":"trpo-state/1","state":{}}']) {
    const r = deserializeState(text);
    assert.ok(E.isLeft(r), text);
    if (E.isLeft(r)) assert.is(r.left._tag, 'CheckpointError');
  }
});

test.run();
