import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as O from 'fp-ts/lib/Option.js';
import { noStall, stallMessage, watchStalls } from '../../src/algebra/stalls.js';
import type { Stall, StallWatch } from '../../src/algebra/stalls.js';

/** Iterations at which each streak of rejections reaches `streak`, counted directly. */
const streakEnds = (accepted: readonly boolean[], streak: number): number[] => {
  const out: number[] = [];
  let run = 0;
  accepted.forEach((a, i) => {
    run = a ? 0 : run + 1;
    if (run === streak) out.push(i + 1);
  });
  return out;
};

test('law: one report per streak, at the iteration where the streak reaches its length', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 1, max: 8 }), (accepted, streak) => {
      let watch: StallWatch = noStall;
      const reported: Stall[] = [];
      accepted.forEach((a, i) => {
        const [next, stall] = watchStalls(watch, { iteration: i + 1, accepted: a, entropy: i }, streak);
        watch = next;
        if (O.isSome(stall)) reported.push(stall.value);
      });
      assert.equal(reported.map((s) => s.iteration), streakEnds(accepted, streak));
      for (const s of reported) assert.equal([s.rejectedInARow, s.entropy], [streak, s.iteration - 1]);
    }),
  );
});

test('an accepted update ends the streak and re-arms the report', () => {
  const outcomes = [false, false, true, false, false, false, false];
  let watch: StallWatch = noStall;
  const at = outcomes.flatMap((accepted, i) => {
    const [next, stall] = watchStalls(watch, { iteration: i + 1, accepted, entropy: 1 }, 2);
    watch = next;
    return O.isSome(stall) ? [stall.value.iteration] : [];
  });
  assert.equal(at, [2, 5]);
  assert.equal(watch, { rejectedInARow: 4, reported: true });
});

test('the message calls only a categorical policy with entropy ~0 deterministic', () => {
  const stall = { rejectedInARow: 25, iteration: 319, entropy: 2.2e-15 };
  assert.match(stallMessage(stall, { discrete: true }), /iteration 319: the last 25 updates .* entropy 2\.20e-15 nats\)\. The policy looks deterministic/);
  assert.not.match(stallMessage(stall, { discrete: false }), /deterministic/);
  assert.not.match(stallMessage({ ...stall, entropy: 0.4 }, { discrete: true }), /deterministic/);
});

test.run();
