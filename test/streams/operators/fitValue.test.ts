import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { initMlp, mlpForward, mlpParameterCount } from '../../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../../src/algebra/rng.js';
import type { RunningStats } from '../../../src/algebra/runningStats.js';
import { selectBackend } from '../../../src/policies/backend.js';
import { policySpec } from '../../../src/policies/policySpec.js';
import { fitValueNetwork } from '../../../src/streams/operators/fitValue.js';
import type { ValueFitOptions } from '../../../src/streams/operators/fitValue.js';
import type { Updated } from '../../../src/streams/types.js';
import { batchOf, estimatedOf, stateOf, streamsOf, suiteBackends, updatedOf, valueNetwork } from './fixtures.js';

const spec = valueNetwork(2, [8]);

/** A value-fit stage: `rows` random observations, the given returns and values, a fresh Adam. */
const stageOf = (options: {
  readonly observations: Float32Array;
  readonly returns: Float64Array;
  readonly values?: Float64Array;
  readonly params?: Float32Array;
  readonly stats?: RunningStats | null;
  readonly streamSeed?: number;
}): Updated => {
  const state = stateOf({
    policySpec: policySpec({ observationDim: 2, head: 'categorical', actionSize: 2, hiddenSizes: [], activation: 'tanh' }),
    policyParams: new Float32Array(6),
    valueSpec: spec,
    valueParams: options.params ?? initMlp(spec, { outputGain: 1 }, new Rng(rngStateFromSeed(5))),
    valueTargetStats: options.stats ?? null,
  });
  const rows = options.returns.length;
  const batch = batchOf({ numEnvs: 1, observationDim: 2, actionWidth: 1, observations: options.observations, actions: new Float32Array(rows) });
  return updatedOf(estimatedOf(state, batch, { returns: options.returns, values: options.values ?? new Float64Array(rows) }, streamsOf(options.streamSeed ?? 0)));
};

const randomObservations = (rows: number, seed: number) => {
  const rng = new Rng(rngStateFromSeed(seed));
  return Float32Array.from({ length: rows * 2 }, () => rng.normal());
};

/** Mean squared error of the float64 TypeScript forward pass against `targets`. */
const tsLoss = (params: Float32Array, observations: Float32Array, targets: ArrayLike<number>): number => {
  const out = new Float64Array(targets.length);
  mlpForward(spec, params, observations, targets.length, out);
  return out.reduce((s, v, i) => s + (v - targets[i]) ** 2, 0) / targets.length;
};

const fitOptions = (overrides: Partial<ValueFitOptions> = {}): ValueFitOptions => ({ learningRate: 1e-2, epochs: 2, minibatchSize: 16, ...overrides });

for (const backend of suiteBackends()) {
  test(`[${backend}] fitting a learnable target cuts the loss; lossBefore and loss are the MSE of the old and new weights`, async () => {
    await selectBackend(backend);
    const observations = randomObservations(64, 1);
    const returns = Float64Array.from({ length: 64 }, (_, r) => 0.5 * observations[2 * r] - observations[2 * r + 1] + 0.2);
    const stage = stageOf({ observations, returns });
    const before = tf.memory().numTensors;
    const fit = fitValueNetwork(stage, fitOptions({ epochs: 30 }));
    assert.is(tf.memory().numTensors, before, 'no tensor leaks');
    assert.ok(Math.abs(fit.lossBefore - tsLoss(stage.state.valueParams, observations, returns)) < 1e-5 * fit.lossBefore);
    assert.ok(Math.abs(fit.loss - tsLoss(fit.params, observations, returns)) < 1e-5 * fit.lossBefore);
    assert.ok(fit.loss < 0.05 * fit.lossBefore, `loss ${fit.lossBefore} → ${fit.loss}`);
    assert.is(stage.state.valueParams.length, fit.params.length);
  });

  test(`[${backend}] explained variance is 1 − Var(returns − values) / Var(returns) of the values before fitting (0 for constant returns)`, async () => {
    await selectBackend(backend);
    const observations = randomObservations(4, 2);
    // residuals [0, 0, 0, 1]: variance 3/16; returns variance 5/4 → 1 − (3/16)/(5/4) = 0.85
    const fit = fitValueNetwork(stageOf({ observations, returns: Float64Array.of(1, 2, 3, 4), values: Float64Array.of(1, 2, 3, 3) }), fitOptions());
    assert.ok(Math.abs(fit.explainedVariance - 0.85) < 1e-12, `${fit.explainedVariance}`);
    const flat = fitValueNetwork(stageOf({ observations, returns: Float64Array.of(2, 2, 2, 2), values: Float64Array.of(1, 2, 3, 3) }), fitOptions());
    assert.is(flat.explainedVariance, 0);
  });

  test(`[${backend}] target statistics absorb the batch's returns and the network is fitted to targets standardized by them`, async () => {
    await selectBackend(backend);
    const observations = randomObservations(4, 3);
    const returns = Float64Array.of(1, 2, 3, 4);
    // earlier targets {0, 2}: count 2, mean 1, m2 2. With {1, 2, 3, 4}: {0, 2, 1, 2, 3, 4}, mean 2, Σ(x − 2)² = 10
    const stage = stageOf({ observations, returns, stats: { count: 2, mean: Float64Array.of(1), m2: Float64Array.of(2) } });
    const fit = fitValueNetwork(stage, fitOptions());
    assert.ok(fit.targetStats !== null);
    assert.is(fit.targetStats?.count, 6);
    assert.ok(Math.abs((fit.targetStats?.mean[0] ?? NaN) - 2) < 1e-12 && Math.abs((fit.targetStats?.m2[0] ?? NaN) - 10) < 1e-12, JSON.stringify(fit.targetStats));
    const standardized = returns.map((r) => (r - 2) / Math.sqrt(10 / 6 + 1e-8));
    assert.ok(Math.abs(fit.lossBefore - tsLoss(stage.state.valueParams, observations, standardized)) < 1e-5 * fit.lossBefore, `lossBefore ${fit.lossBefore}`);
    assert.is(fitValueNetwork(stageOf({ observations, returns }), fitOptions()).targetStats, null);
  });

  test(`[${backend}] the same stage and streams give the same bits; another value stream another shuffle`, async () => {
    await selectBackend(backend);
    const observations = randomObservations(48, 4);
    const returns = Float64Array.from({ length: 48 }, (_, r) => Math.sin(observations[2 * r]) + observations[2 * r + 1] ** 2);
    const bitsOf = (seed: number) => {
      const fit = fitValueNetwork(stageOf({ observations, returns, streamSeed: seed }), fitOptions({ epochs: 3, minibatchSize: 8 }));
      return { params: Array.from(fit.params), m: Array.from(fit.optimizer.m), v: Array.from(fit.optimizer.v), step: fit.optimizer.step, loss: fit.loss, lossBefore: fit.lossBefore };
    };
    const a = bitsOf(1);
    assert.equal(bitsOf(1), a);
    assert.not.equal(bitsOf(2).params, a.params);
  });

  test(`[${backend}] every epoch's minibatches cover every row (row counts divisible by the minibatch size)`, async () => {
    await selectBackend(backend);
    // Zero weights predict 0 and every target but row k's is 0: a minibatch without row k has a zero
    // gradient, and Adam with zero moments does not move. The weights move only if row k was drawn.
    const rows = 12, observations = randomObservations(rows, 6);
    for (const minibatchSize of [1, 3, 4, 12])
      for (const seed of [1, 2])
        for (let k = 0; k < rows; k++) {
          const returns = new Float64Array(rows);
          returns[k] = 1;
          const fit = fitValueNetwork(stageOf({ observations, returns, params: new Float32Array(mlpParameterCount(spec)), streamSeed: seed }), fitOptions({ epochs: 1, minibatchSize }));
          assert.is(fit.optimizer.step, rows / minibatchSize);
          assert.ok(fit.params.some((p) => p !== 0), `row ${k} was never in a minibatch (size ${minibatchSize}, stream ${seed})`);
        }
  });
}

test.run();
