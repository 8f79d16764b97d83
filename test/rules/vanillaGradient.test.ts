import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { selectBackend } from '../../src/policies/backend.js';
import { policyObjective } from '../../src/policies/policyObjective.js';
import { vanillaGradientRule } from '../../src/rules/vanillaGradient.js';
import { mean, policyCase, tsDistributions } from '../policies/fixtures.js';
import { policyStage, streamsOf, suiteBackends } from '../streams/operators/fixtures.js';
import { cosine, firstUpdate, heads, norm, seeds, stepOf, tsPolicyGradient, tsSurrogateGain } from './fixtures.js';

for (const backend of suiteBackends()) {
  test(`[${backend}] the vanilla step is θ + ε·g bit for bit, g the objective's surrogate gradient (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 1e-4, max: 1, noNaN: true }), async (head, seed, stepSize) => {
        const c = policyCase({ head, seed });
        const update = firstUpdate(vanillaGradientRule({ stepSize }), policyStage(c, c.advantages, streamsOf(seed)));
        const objective = policyObjective(c.spec, c.params, c);
        const { gradient } = objective.gradient(c.params);
        objective.dispose();
        assert.equal(Array.from(update.params), Array.from(Float32Array.from(c.params, (p, i) => p + stepSize * gradient[i])), `${head}, seed ${seed}, ε ${stepSize}`);
        assert.ok(update.accepted);
        assert.is(update.gradientNorm, norm(gradient));
      }),
      { numRuns: 20, seed: 21 },
    );
  });

  test(`[${backend}] the vanilla step is ε times the float64 finite-difference gradient of the surrogate, and reports what it measured (both heads)`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const)
      for (const seed of [22, 23]) {
        const c = policyCase({ head, seed });
        const stepSize = 0.3;
        const update = firstUpdate(vanillaGradientRule({ stepSize }), policyStage(c));
        const g = tsPolicyGradient(c), step = stepOf(c, update.params);
        assert.ok(cosine(step, g) > 0.99999, `cos(step, g) = ${cosine(step, g)} (${head}, seed ${seed})`);
        assert.ok(Math.abs(norm(step) - stepSize * norm(g)) <= 1e-4 * stepSize * norm(g), `|step| ${norm(step)} vs ε|g| ${stepSize * norm(g)}`);
        const kl = mean(tsDistributions(c, c.params, update.params).kl), gain = tsSurrogateGain(c, update.params);
        assert.ok(kl > 0 && Math.abs(update.kl - kl) <= 1e-3 * kl, `reported KL ${update.kl} vs float64 ${kl}`);
        assert.ok(Math.abs(update.surrogateGain - gain) <= 1e-3 * Math.abs(gain) + 1e-6, `reported gain ${update.surrogateGain} vs float64 ${gain}`);
        assert.equal([update.lineSearchSteps, update.cgIterations, update.diagnostics], [0, 0, { stepSize }]);
      }
  });
}

test.run();
