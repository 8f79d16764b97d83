import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decodeBase64, encodeBase64 } from '../../src/streams/base64.js';

// Node's Buffer is the reference: files written before this codec used it, and must read the same.
test('encodeBase64 writes what Buffer writes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.is(encodeBase64(bytes), Buffer.from(bytes).toString('base64'));
    }),
    { seed: 3, numRuns: 500 },
  );
});

test('decodeBase64 inverts encodeBase64 (and reads Buffer text)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const back = decodeBase64(Buffer.from(bytes).toString('base64'));
      assert.ok(E.isRight(back));
      if (E.isRight(back)) assert.equal(Array.from(back.right), Array.from(bytes));
    }),
    { seed: 4, numRuns: 500 },
  );
});

test('RFC 4648 §10 test vectors', () => {
  const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
  for (const [text, encoded] of vectors) {
    assert.is(encodeBase64(new TextEncoder().encode(text)), encoded);
    assert.equal(decodeBase64(encoded), E.right(new TextEncoder().encode(text)));
  }
});

test('damaged text is an error, not other bytes (Buffer would decode all of these)', () => {
  for (const [text, message] of [
    ['Zm9', /length 3/],
    ['Zm#v', /character "#" at 2/],
    ['Zm9v\n', /length 5/],
    ['Zm-v', /character "-"/],
    ['Z=9v', /character "="/],
    ['Zh==', /non-zero padding bits/],
    ['Zm9é', /character "é"/],
  ] as const) {
    const r = decodeBase64(text);
    assert.ok(E.isLeft(r), text);
    if (E.isLeft(r)) assert.match(r.left.message, message);
  }
});

test.run();
