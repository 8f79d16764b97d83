import fc from 'fast-check';
import type { Rng } from '../../src/algebra/rng.js';
import type { NetworkKind, NetworkSpec } from '../../src/policies/networkSpec.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';

/**
 * Small random networks of each kind with `outputDim` outputs. A `Record` over every kind, so
 * adding a kind to `NetworkSpec` fails the typecheck until it has an arbitrary here, and then the
 * suites that loop over `networkKinds` test it.
 */
export const networkSpecArbitrary: Record<NetworkKind, (outputDim: number) => fc.Arbitrary<NetworkSpec>> = {
  mlp: (outputDim) =>
    fc.record({
      kind: fc.constant('mlp' as const),
      inputDim: fc.integer({ min: 1, max: 6 }),
      hiddenSizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 0, maxLength: 2 }),
      outputDim: fc.constant(outputDim),
      activation: fc.constantFrom('tanh' as const, 'relu' as const),
    }),
  // maps of 3–5 × 3–5 with 1–2 channels; one convolution (kernel ≤ 3) or two (kernels ≤ 2, so a 3×3 map still fits)
  conv: (outputDim) =>
    fc.record({
      kind: fc.constant('conv' as const),
      inputShape: fc.tuple(fc.integer({ min: 3, max: 5 }), fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 2 })),
      convLayers: fc.oneof(
        fc.tuple(fc.record({ filters: fc.integer({ min: 1, max: 3 }), kernel: fc.integer({ min: 1, max: 3 }) })),
        fc.tuple(fc.record({ filters: fc.integer({ min: 1, max: 3 }), kernel: fc.integer({ min: 1, max: 2 }) }), fc.record({ filters: fc.integer({ min: 1, max: 3 }), kernel: fc.integer({ min: 1, max: 2 }) })),
      ),
      hiddenSizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 1 }),
      outputDim: fc.constant(outputDim),
    }),
};

/** Initialized weights plus Gaussian noise, so biases and the output layer are nonzero too. */
export const randomParams = (spec: NetworkSpec, rng: Rng): Float32Array => {
  const params = plainNetworkOf(spec).init({ outputGain: 1 }, rng);
  for (let i = 0; i < params.length; i++) params[i] += 0.1 * rng.normal();
  return params;
};

/** ‖a − b‖ / ‖b‖. */
export const relativeError = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let diff = 0, norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / norm);
};
