import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/lib/Either.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import type { RunningStats } from '../../src/algebra/runningStats.js';
import { exportMetadataOf, savedPolicyFromExport } from '../../src/export/exportedPolicy.js';
import { modelFiles, weightsFileName } from '../../src/export/tfjsModel.js';
import { networkKinds } from '../../src/policies/network.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';
import { logStdOffset, policyOn, policyParameterCount } from '../../src/policies/policySpec.js';
import { policyFromSaved } from '../../src/streams/loadedPolicy.js';
import type { SavedPolicy } from '../../src/streams/savedPolicy.js';
import { networkSpecArbitrary, randomParams } from '../policies/networkKinds.js';

// An exported model, written to files and loaded back with tf.loadLayersModel through an IOHandler
// that reads those files, computes the package's forward pass (to float32 rounding), and its
// weights and metadata give back the saved policy exactly.

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-export-model-'));
await tf.setBackend('cpu');

/** An IOHandler that loads model.json and its weights file from `dir`, as a web server would serve them. */
const filesIn = (dir: string): tf.io.IOHandler => ({
  load: async () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      assert.equal(manifest[0].paths, [weightsFileName]);
      const bytes = readFileSync(path.join(dir, manifest[0].paths[0]));
      return [manifest[0].weights, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
    });
  },
});

const savedOf = (head: 'categorical' | 'gaussian', network: Parameters<typeof policyOn>[0], rng: Rng, normalized: boolean): SavedPolicy => {
  const spec = policyOn(network, head, network.outputDim);
  const params = new Float32Array(policyParameterCount(spec));
  params.set(randomParams(network, rng));
  if (spec.head === 'gaussian') for (let j = 0; j < spec.actionDim; j++) params[logStdOffset(spec) + j] = -0.5 + 0.1 * j;
  const dim = plainNetworkOf(network).inputDim;
  const stats: RunningStats | null = normalized
    ? { count: 7, mean: Float64Array.from({ length: dim }, () => rng.normal()), m2: Float64Array.from({ length: dim }, () => 7 * (0.5 + rng.uniform())) }
    : null;
  return { format: 'trpo-policy/1', env: 'Test-v0', spec, params, observationStats: stats, iteration: 3, timesteps: 300 };
};

let exported = 0;
for (const kind of networkKinds)
  test(`a ${kind} policy exported as files loads with tf.loadLayersModel, computes the package's forward pass, and gives back the saved policy`, async () => {
    await fc.assert(
      fc.asyncProperty(networkSpecArbitrary[kind](3), fc.constantFrom('categorical' as const, 'gaussian' as const), fc.boolean(), fc.nat(), async (generated, head, normalized, seed) => {
        // as a spec read from a file: plain objects (fast-check's records have null prototypes)
        const network = JSON.parse(JSON.stringify(generated)) as typeof generated;
        const rng = new Rng(rngStateFromSeed(seed));
        const saved = savedOf(head, network, rng, normalized);
        const metadata = exportMetadataOf(saved, head === 'gaussian' ? { low: [-2, -2, -2], high: [2, 2, 2] } : null);
        const files = await modelFiles(saved, metadata);
        const dir = path.join(scratch, `model-${exported++}`);
        mkdirSync(dir);
        writeFileSync(path.join(dir, 'model.json'), files.modelJson);
        writeFileSync(path.join(dir, weightsFileName), files.weights);
        const model = await tf.loadLayersModel(filesIn(dir));
        try {
          assert.equal(model.getUserDefinedMetadata(), JSON.parse(JSON.stringify(metadata)), 'the metadata survives the files');
          const plain = plainNetworkOf(network);
          const rows = 5, input = Float32Array.from({ length: rows * plain.inputDim }, () => rng.normal());
          const expected = new Float64Array(rows * plain.outputDim);
          plain.compile(saved.params)(input, rows, expected);
          const actual = tf.tidy(() => (model.predict(tf.tensor2d(input, [rows, plain.inputDim])) as tf.Tensor).dataSync());
          actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-5 * (1 + Math.abs(expected[i])), `output ${i}: tfjs ${v}, package ${expected[i]}`));
          const back = savedPolicyFromExport(model.getUserDefinedMetadata(), model.getWeights().map((w) => w.dataSync() as Float32Array));
          assert.ok(E.isRight(back), E.isLeft(back) ? back.left : '');
          if (E.isLeft(back)) return;
          assert.equal(Array.from(back.right.params), Array.from(saved.params), 'weights and log-std bit for bit');
          assert.equal(back.right.spec, saved.spec);
          // the same deterministic actions as the saved policy, normalizer included
          const a = policyFromSaved(saved), b = policyFromSaved(back.right);
          for (let r = 0; r < rows; r++) {
            const observation = Array.from({ length: plain.inputDim }, () => 3 * rng.normal());
            assert.equal(b.act(observation, { deterministic: true }), a.act(observation, { deterministic: true }));
          }
        } finally {
          model.dispose();
        }
      }),
      { numRuns: 12 },
    );
  });

test('savedPolicyFromExport refuses metadata of another format and weights that do not fit the spec', () => {
  const saved = savedOf('categorical', { kind: 'mlp', inputDim: 2, hiddenSizes: [3], outputDim: 2, activation: 'tanh' }, new Rng(rngStateFromSeed(1)), false);
  const metadata = exportMetadataOf(saved, null);
  assert.equal(savedPolicyFromExport({ format: 'other' }, []), E.left("the model's metadata is not trpo-export/1"));
  assert.equal(savedPolicyFromExport(metadata, [new Float32Array(6)]), E.left('the model has 1 weight arrays, its policy spec needs 4'));
  assert.equal(savedPolicyFromExport(metadata, [new Float32Array(6), new Float32Array(3), new Float32Array(5), new Float32Array(2)]), E.left('weight array 2 has 5 values, its policy spec needs 6'));
});

test('the metadata says how to act: argmax of logits, or the Gaussian mean with its log-std and the env bounds', () => {
  const rng = new Rng(rngStateFromSeed(2));
  const gaussian = savedOf('gaussian', { kind: 'mlp', inputDim: 3, hiddenSizes: [4], outputDim: 1, activation: 'tanh' }, rng, true);
  const m = exportMetadataOf(gaussian, { low: [-2], high: [2] });
  assert.equal(m.actionMapping, { kind: 'gaussian-mean', actionDim: 1, logStd: [-0.5], low: [-2], high: [2] });
  assert.is(m.observationNormalizer.kind, 'standardize');
  if (m.observationNormalizer.kind === 'standardize') assert.equal(m.observationNormalizer.variance, Array.from(gaussian.observationStats?.m2 ?? [], (v) => v / 7));
  assert.match(m.usage, /standardized with observationNormalizer/);
  const categorical = savedOf('categorical', { kind: 'mlp', inputDim: 3, hiddenSizes: [], outputDim: 3, activation: 'relu' }, rng, false);
  assert.equal(exportMetadataOf(categorical, null).actionMapping, { kind: 'argmax', actions: 3 });
  assert.equal(exportMetadataOf(categorical, null).observationNormalizer, { kind: 'none' });
});

test.run();
