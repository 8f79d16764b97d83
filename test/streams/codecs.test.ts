import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { AnyNetworkCodec, decodeSaved, PolicySpecCodec, SavedPolicyCodec, stateProblems } from '../../src/streams/codecs.js';
import { policySpec } from '../../src/policies/policySpec.js';
import { savedPolicyOf } from '../../src/streams/savedPolicy.js';
import { initialTrainingState, makeVectorEnv } from '../../src/streams/train.js';
import { baseConfig } from '../../src/config/config.js';

const mlp = { inputDim: 3, hiddenSizes: [8], outputDim: 1, activation: 'tanh' };

test('a network decodes from the bare MLP form and from { kind: "mlp", ... } to the same spec', () => {
  assert.equal(decodeSaved(AnyNetworkCodec, mlp), E.right({ kind: 'mlp', ...mlp }));
  assert.equal(decodeSaved(AnyNetworkCodec, { kind: 'mlp', ...mlp }), E.right({ kind: 'mlp', ...mlp }));
  assert.match((decodeSaved(AnyNetworkCodec, { kind: 'cnn', ...mlp }) as E.Left<string>).left, /^kind: expected "mlp", got "cnn"$/);
  assert.match((decodeSaved(AnyNetworkCodec, { ...mlp, hiddenSizes: [0] }) as E.Left<string>).left, /hiddenSizes\.0: expected a positive integer size, got 0/);
});

test('a conv network decodes to its spec, its fields in one order; missing fields and kernels larger than the image are named', () => {
  const conv = { kind: 'conv', inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128], outputDim: 6 };
  const reordered = { outputDim: 6, hiddenSizes: [128], convLayers: [{ kernel: 3, filters: 16 }], inputShape: [10, 10, 4], kind: 'conv' };
  const decoded = decodeSaved(AnyNetworkCodec, reordered);
  assert.equal(decoded, E.right(conv));
  assert.is(JSON.stringify(E.isRight(decoded) && decoded.right), JSON.stringify(conv));
  assert.match((decodeSaved(AnyNetworkCodec, { ...conv, inputShape: [10, 10] }) as E.Left<string>).left, /inputShape/);
  assert.match((decodeSaved(AnyNetworkCodec, { ...conv, convLayers: [{ filters: 16 }] }) as E.Left<string>).left, /convLayers\.0\.kernel/);
  assert.match((decodeSaved(AnyNetworkCodec, { ...conv, convLayers: [{ filters: 4, kernel: 6 }, { filters: 4, kernel: 6 }] }) as E.Left<string>).left, /conv layer 1: expected a kernel of at most 5 for a 5×5 input map, got 6/);
  assert.equal(decodeSaved(PolicySpecCodec, { head: 'categorical', network: conv, actions: 6 }), E.right({ head: 'categorical', network: conv, actions: 6 }));
});

test('a policy spec decodes from the older mlp form and the network form to what policySpec builds', () => {
  const built = policySpec({ observationDim: 3, head: 'gaussian', actionSize: 1, hiddenSizes: [8], activation: 'tanh' });
  assert.equal(decodeSaved(PolicySpecCodec, { head: 'gaussian', mlp, actionDim: 1 }), E.right(built));
  assert.equal(decodeSaved(PolicySpecCodec, { head: 'gaussian', network: { kind: 'mlp', ...mlp }, actionDim: 1 }), E.right(built));
  assert.match((decodeSaved(PolicySpecCodec, { head: 'gaussian', mlp, actionDim: 2 }) as E.Left<string>).left, /the network outputs 1 values but the gaussian head needs 2/);
  assert.match((decodeSaved(PolicySpecCodec, { head: 'categorical', mlp }) as E.Left<string>).left, /actions: expected a positive integer size, got nothing/);
  assert.match((decodeSaved(PolicySpecCodec, { head: 'beta', mlp }) as E.Left<string>).left, /head: expected one of 'categorical', 'gaussian'/);
});

test('a fresh training state is consistent; size mismatches inside it are named', async () => {
  const config = { ...baseConfig, env: 'Pendulum-v1', numEnvs: 2, normalizeObservations: true };
  const envs = await makeVectorEnv(config);
  const state = initialTrainingState(config, envs);
  envs.close();
  assert.equal(stateProblems(state), []);
  assert.match(stateProblems({ ...state, policyParams: state.policyParams.subarray(1) }).join('\n'), /policyParams has \d+ weights, the policy spec needs \d+/);
  assert.match(stateProblems({ ...state, episodeReturns: new Float64Array(3) }).join('\n'), /episodeReturns\/episodeLengths have 3\/2 entries for 2 envs/);
  assert.match(stateProblems({ ...state, observationStats: { count: 0, mean: new Float64Array(2), m2: new Float64Array(2) } }).join('\n'), /observationStats has 2\/2 coordinates, the observations have 3/);
  assert.match(stateProblems({ ...state, valueOptimizer: { ...state.valueOptimizer, v: new Float64Array(1) } }).join('\n'), /valueOptimizer has \d+\/1 moments/);
  const policy = savedPolicyOf('Pendulum-v1', state);
  assert.ok(E.isRight(decodeSaved(SavedPolicyCodec, policy)));
  assert.match((decodeSaved(SavedPolicyCodec, { ...policy, params: policy.params.subarray(2) }) as E.Left<string>).left, /policy has \d+ weights, its architecture needs \d+/);
});

test.run();
