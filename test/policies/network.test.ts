import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { selectBackend } from '../../src/policies/backend.js';
import { networkKinds, networkOf } from '../../src/policies/network.js';
import type { NetworkSpec } from '../../src/policies/networkSpec.js';
import { withTensors } from '../../src/policies/tensorScope.js';
import { networkSpecArbitrary, randomParams, relativeError } from './networkKinds.js';

// A random network of the kind, `rows` inputs and a seed, as plain data (readable counterexamples).
const setting = (kind: (typeof networkKinds)[number]) =>
  fc.record({
    spec: fc.integer({ min: 1, max: 5 }).chain(networkSpecArbitrary[kind]),
    rows: fc.integer({ min: 1, max: 7 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });

/** The network of a setting, its weights, inputs, and a generator for more draws. */
const build = ({ spec, rows, seed }: { spec: NetworkSpec; rows: number; seed: number }) => {
  const rng = new Rng(rngStateFromSeed(seed));
  const network = networkOf(spec);
  const params = randomParams(spec, rng);
  const input = Float32Array.from({ length: rows * network.inputDim }, () => rng.normal());
  return { network, params, rows, input, rng };
};

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

for (const backend of ['cpu', 'wasm'] as const) {
  for (const kind of networkKinds) {
    test(`[${backend}] ${kind}: acting's plain-TS forward and the tfjs forward read the same weights and agree; init fills parameterCount`, async () => {
      await selectBackend(backend);
      const before = tf.memory().numTensors;
      fc.assert(
        fc.property(setting(kind), (drawn) => {
          const { network, params, rows, input } = build(drawn);
          assert.is(params.length, network.parameterCount);
          const plain = new Float64Array(rows * network.outputDim);
          network.compile(params)(input, rows, plain);
          const viaTf = withTensors(() => network.forward(params, tf.tensor2d(input, [rows, network.inputDim])).dataSync());
          assert.is(viaTf.length, plain.length);
          plain.forEach((v, i) => assert.ok(Math.abs(v - viaTf[i]) < 1e-5 * (1 + Math.abs(v)), `output ${i}: ${v} vs ${viaTf[i]}`));
        }),
        { numRuns: 40, seed: 5 },
      );
      assert.is(tf.memory().numTensors, before, 'no tensor leaks');
    });

    test(`[${backend}] ${kind}: J v is the directional derivative of the forward pass, Jᵀ δ its adjoint, the same through a reusable trace`, async () => {
      await selectBackend(backend);
      const before = tf.memory().numTensors;
      fc.assert(
        fc.property(setting(kind), (drawn) => {
          const { network, params, rows, input, rng } = build(drawn);
          const v = Float32Array.from(params, () => rng.normal());
          const delta = Float32Array.from({ length: rows * network.outputDim }, () => rng.normal());
          // central differences of the float64 TS forward: error O(ε²), and ε small enough not to cross a ReLU kink
          const eps = 1e-6;
          const at = (sign: number) => {
            const out = new Float64Array(rows * network.outputDim);
            network.compile(Float64Array.from(params, (p, i) => p + sign * eps * v[i]))(input, rows, out);
            return out;
          };
          const plus = at(1), minus = at(-1);
          const fd = plus.map((p, i) => (p - minus[i]) / (2 * eps));
          withTensors(() => {
            const x = tf.tensor2d(input, [rows, network.inputDim]), cotangent = tf.tensor2d(delta, [rows, network.outputDim]);
            const trace = network.trace(params, x), reusable = network.reusable(trace);
            const jv = network.jvp(trace, v).dataSync(), jtd = network.vjp(trace, cotangent).dataSync();
            assert.is(jtd.length, network.parameterCount);
            if (dot(fd, fd) > 1e-12) assert.ok(relativeError(jv, fd) < 1e-4, `J v vs finite differences: ${relativeError(jv, fd)}`);
            const lhs = dot(delta, jv), rhs = dot(jtd, v);
            assert.ok(Math.abs(lhs - rhs) < 1e-4 * (Math.sqrt(dot(delta, delta) * dot(jv, jv)) + 1e-3), `⟨δ, J v⟩ ${lhs} vs ⟨Jᵀ δ, v⟩ ${rhs}`);
            assert.equal(Array.from(network.jvp(reusable, v).dataSync()), Array.from(jv), 'J v through the reusable trace');
            assert.equal(Array.from(network.vjp(reusable, cotangent).dataSync()), Array.from(jtd), 'Jᵀ δ through the reusable trace');
          });
        }),
        { numRuns: 40, seed: 6 },
      );
      assert.is(tf.memory().numTensors, before, 'no tensor leaks');
    });
  }
}

test.run();
