import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng, rngStateFromSeed } from '../../../src/algebra/rng.js';
import { algorithm1, maximizeMinorizer } from '../../../src/algebra/tabular/algorithm1.js';
import { klLowerBound } from '../../../src/algebra/tabular/bounds.js';
import { gridworld } from '../../../src/algebra/tabular/gridworld.js';
import { softmaxPolicy, uniformPolicy } from '../../../src/algebra/tabular/policy.js';
import { randomLogits, randomMdp } from '../../../src/algebra/tabular/randomMdp.js';
import { baseline } from '../../../src/algebra/tabular/surrogate.js';

test('maximizeMinorizer: no nearby softmax policy has a larger M(π̃) = L_π(π̃) − C·D_KL^max(π, π̃)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.constantFrom(0.3, 0.9), (seed, states, actions, gamma) => {
      const rng = new Rng(rngStateFromSeed(seed));
      const mdp = randomMdp({ states, actions, gamma })(rng);
      const theta = randomLogits({ states, actions, scale: 1 })(rng);
      const base = baseline(mdp)(softmaxPolicy(states, actions)(theta));
      const best = klLowerBound(base)(maximizeMinorizer()(base));
      assert.ok(best >= base.evaluation.eta - 1e-12, 'M(π_new) ≥ M(π) = η(π)');
      const bestTheta = Float64Array.from(maximizeMinorizer()(base).probs, Math.log);
      for (const size of [1e-4, 1e-3, 1e-2]) {
        const step = randomLogits({ states, actions, scale: size })(rng);
        const rival = klLowerBound(base)(softmaxPolicy(states, actions)(bestTheta.map((x, i) => x + step[i])));
        assert.ok(rival <= best + 1e-12 * (1 + Math.abs(best)), `a perturbation (scale ${size}) improved M by ${rival - best}`);
      }
    }),
    { numRuns: 60, seed: 5 },
  );
});

test('Algorithm 1 on the gridworld: η rises at every step and stays below the optimum', () => {
  const grid = gridworld();
  const steps = algorithm1(grid)({ iterations: 15 })(uniformPolicy(16, 4));
  assert.ok(steps.every((s) => s.accepted && s.nextEta > s.eta), 'strict improvement each step');
  assert.ok(steps[14].nextEta < 0.9 ** 6 / 0.1);
});

test.run();
