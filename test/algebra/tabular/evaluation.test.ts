import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { Rng, rngStateFromSeed } from '../../../src/algebra/rng.js';
import { evaluatePolicy } from '../../../src/algebra/tabular/evaluation.js';
import { gridworld } from '../../../src/algebra/tabular/gridworld.js';
import { tabularMdp } from '../../../src/algebra/tabular/mdp.js';
import { greedyPolicy, softmaxPolicy, uniformPolicy } from '../../../src/algebra/tabular/policy.js';
import { randomLogits, randomMdp } from '../../../src/algebra/tabular/randomMdp.js';

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  states: fc.integer({ min: 1, max: 6 }),
  actions: fc.integer({ min: 1, max: 4 }),
  gamma: fc.constantFrom(0.1, 0.5, 0.9, 0.99),
});

test('exact evaluation: Bellman equations for V and Q, Σ_a π A = 0, Σ ρ_π = 1/(1−γ), η = ρ₀·V = ρ_π·r', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const rng = new Rng(rngStateFromSeed(c.seed));
      const mdp = randomMdp(c)(rng);
      assert.ok(E.isRight(tabularMdp(mdp)));
      const policy = softmaxPolicy(c.states, c.actions)(randomLogits({ ...c, scale: 2 })(rng));
      const { values, actionValues, advantages, visitation, eta } = evaluatePolicy(mdp)(policy);
      const tol = 1e-9 * (1 + Math.max(...mdp.rewards.map(Math.abs)) / (1 - c.gamma));
      for (let s = 0; s < c.states; s++) {
        let v = 0, meanAdvantage = 0;
        for (let a = 0; a < c.actions; a++) {
          const i = s * c.actions + a;
          let next = 0;
          for (let t = 0; t < c.states; t++) next += mdp.transitions[i * c.states + t] * values[t];
          assert.ok(Math.abs(actionValues[i] - mdp.rewards[s] - c.gamma * next) < tol, 'Q = r + γ P V');
          v += policy.probs[i] * actionValues[i];
          meanAdvantage += policy.probs[i] * advantages[i];
        }
        assert.ok(Math.abs(v - values[s]) < tol, 'V = Σ_a π Q');
        assert.ok(Math.abs(meanAdvantage) < tol, 'Σ_a π A = 0');
      }
      assert.ok(Math.abs(visitation.reduce((a, b) => a + b, 0) - 1 / (1 - c.gamma)) < 1e-9 / (1 - c.gamma));
      const byValues = mdp.initial.reduce((a, p, s) => a + p * values[s], 0);
      const byVisits = visitation.reduce((a, rho, s) => a + rho * mdp.rewards[s], 0);
      assert.ok(Math.abs(eta - byValues) < tol && Math.abs(eta - byVisits) < tol, `${eta} ${byValues} ${byVisits}`);
    }),
    { numRuns: 150, seed: 11 },
  );
});

test('gridworld: a valid MDP; the optimal-looking policy (down/right) beats the uniform one; η ≤ γ^6/(1−γ)', () => {
  const grid = gridworld();
  assert.ok(E.isRight(tabularMdp(grid)));
  assert.is(grid.states, 16);
  // down to the bottom row (actions: 0 up, 1 right, 2 down, 3 left), then right
  const downRight = greedyPolicy(16, 4)(Float64Array.from({ length: 64 }, (_, i) => (i % 4 === (Math.floor(i / 4) < 12 ? 2 : 1) ? 1 : 0)));
  const good = evaluatePolicy(grid)(downRight).eta, uniform = evaluatePolicy(grid)(uniformPolicy(16, 4)).eta;
  assert.ok(good > uniform, `${good} vs ${uniform}`);
  // six moves at least from start to goal: reward starts at t ≥ 6
  assert.ok(good <= 0.9 ** 6 / (1 - 0.9) + 1e-12);
  // without slip the down/right policy reaches the goal in exactly six steps
  assert.ok(Math.abs(evaluatePolicy(gridworld({ slip: 0 }))(downRight).eta - 0.9 ** 6 / 0.1) < 1e-12);
});

test('tabularMdp refuses bad MDPs, naming the field', () => {
  const good = gridworld();
  const field = (mdp: Parameters<typeof tabularMdp>[0]) => {
    const r = tabularMdp(mdp);
    return E.isLeft(r) ? r.left.field : 'ok';
  };
  assert.is(field(good), 'ok');
  assert.is(field({ ...good, gamma: 1 }), 'gamma');
  assert.is(field({ ...good, transitions: good.transitions.map((p, i) => (i === 0 ? p + 0.5 : p)) }), 'transitions');
  assert.is(field({ ...good, initial: new Float64Array(16) }), 'initial');
  assert.is(field({ ...good, rewards: new Float64Array(3) }), 'rewards');
  assert.is(field({ ...good, states: 0 }), 'states');
});

test.run();
