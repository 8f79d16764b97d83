import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cemAsk, cemInit, cemTell } from '../../src/algebra/cem.js';
import type { CemState } from '../../src/algebra/cem.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { decodeTree } from '../../src/streams/stateCodec.js';
import { asJson, finalState, logAndExp, sphere } from './askTellRuns.js';

const cem = { ask: cemAsk, tell: cemTell };

test('defaults: N = max(10, 4 + ⌊3 ln n⌋), ⌈0.2 N⌉ elites, no extra noise', () => {
  const state = cemInit(new Float64Array(100), 1);
  assert.is(state.populationSize, 17);
  assert.is(state.eliteCount, 4);
  assert.equal(state.noise, { initial: 0, decrement: 0, minimum: 0 });
  assert.is(cemInit([0, 0], 1, { populationSize: 7, eliteFraction: 0.01 }).eliteCount, 1);
});

test('with a decreasing noise schedule CEM converges on the sphere in 2–8 dimensions (to f < 1e-3, from f up to 72) within 300 generations', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (start, seed) => {
      const initial = cemInit(start, 2, { populationSize: 50, eliteFraction: 0.2, noise: { initial: 0.1, decrement: 0.002 } });
      const state = finalState(cem, initial, (x) => -sphere(x), 300, seed, (s) => sphere(s.mean) < 1e-3);
      assert.ok(sphere(state.mean) < 1e-3, `f(mean) = ${sphere(state.mean)} after ${state.generation} generations`);
    }),
    { seed: 1, numRuns: 25 },
  );
});

test('the refit is exactly the mean and (1/k) standard deviation of the elites, plus the scheduled variance', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 2, max: 30 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 40 }),
      fc.record({ initial: fc.double({ min: 0, max: 2, noNaN: true }), decrement: fc.double({ min: 0, max: 0.1, noNaN: true }), minimum: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
      fc.integer({ min: 0, max: 1000 }),
      (n, populationSize, eliteFraction, generation, noise, seed) => {
        const state: CemState = { ...cemInit(new Float64Array(n), 1, { populationSize, eliteFraction, noise }), generation };
        const rng = new Rng(rngStateFromSeed(seed));
        const candidates = cemAsk(state, rng);
        // integers in a small range: ties happen and must go to the lower index
        const fitness = candidates.map(() => rng.int(5));
        const next = cemTell(state, candidates, fitness);
        const ranked = fitness.map((f, k) => ({ f, k })).sort((a, b) => b.f - a.f || a.k - b.k);
        const elites = ranked.slice(0, Math.ceil(eliteFraction * populationSize)).map(({ k }) => k).sort((a, b) => a - b).map((k) => candidates[k]);
        const extra = Math.max(noise.initial - noise.decrement * generation, noise.minimum);
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (const x of elites) sum += x[i];
          const m = sum / elites.length;
          let squares = 0;
          for (const x of elites) squares += (x[i] - m) * (x[i] - m);
          assert.is(next.mean[i], m, `mean[${i}]`);
          assert.is(next.std[i], Math.sqrt(squares / elites.length + extra), `std[${i}]`);
        }
        assert.is(next.generation, generation + 1);
      },
    ),
    { seed: 2, numRuns: 200 },
  );
});

test('an order-preserving transform of the fitness (f vs exp(f)) gives the same trajectory bit for bit', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1000 }), (start, seed) => {
      const [f, expF] = logAndExp(sphere), start0 = cemInit(start, 1, { noise: { initial: 0.05, decrement: 0.001 } });
      assert.equal(asJson(finalState(cem, start0, expF, 25, seed)), asJson(finalState(cem, start0, f, 25, seed)));
    }),
    { seed: 3, numRuns: 40 },
  );
});

test('the state round-trips through JSON (encodeTree/decodeTree) and continues with the same candidates', () => {
  const state = finalState(cem, cemInit([1, -2, 0.5], 1, { noise: { initial: 0.1, decrement: 0.01, minimum: 0.001 } }), (x) => -sphere(x), 5, 4);
  const restored = decodeTree(asJson(state)) as CemState;
  assert.equal(restored, state);
  assert.equal(cemAsk(restored, new Rng(rngStateFromSeed(1))), cemAsk(state, new Rng(rngStateFromSeed(1))));
});

test('tell refuses a wrong number of candidates or a NaN fitness; init refuses bad options', () => {
  const state = cemInit([0, 0], 1, { populationSize: 4 });
  const candidates = cemAsk(state, new Rng(rngStateFromSeed(0)));
  assert.throws(() => cemTell(state, candidates.slice(1), [0, 0, 0]), /expected 4 candidates/);
  assert.throws(() => cemTell(state, candidates, [0, NaN, 1, 2]), /NaN/);
  assert.throws(() => cemInit([0], 1, { eliteFraction: 0 }), /eliteFraction/);
  assert.throws(() => cemInit([0], 1, { noise: { initial: -1 } }), /noise/);
});

test.run();
