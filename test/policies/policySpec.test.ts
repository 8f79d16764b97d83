import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { networkSpecFromSaved } from '../../src/policies/networkSpec.js';
import { policyParameterCount, policySpec, policySpecFromSaved } from '../../src/policies/policySpec.js';
import { parsePolicy } from '../../src/streams/savedPolicy.js';
import { deserializeState, encodeTree } from '../../src/streams/stateCodec.js';
import { baseConfig } from '../../src/config/config.js';
import { makeEnv } from '../../src/envs/registry.js';
import { VectorEnv } from '../../src/envs/vectorEnv.js';
import { initialTrainingState } from '../../src/streams/train.js';

// The shapes files held before network kinds: `mlp` in the policy spec, a bare MlpSpec as value spec.
const mlp = { inputDim: 11, hiddenSizes: [64, 64], outputDim: 3, activation: 'tanh' as const };
const legacyPolicySpec = { head: 'gaussian' as const, mlp, actionDim: 3 };
const current = policySpec({ observationDim: 11, head: 'gaussian', actionSize: 3, hiddenSizes: [64, 64], activation: 'tanh' });

test('a legacy policy spec maps to the network form; a current one is kept as is', () => {
  assert.equal(policySpecFromSaved(legacyPolicySpec), current);
  assert.equal(current.network, { kind: 'mlp', ...mlp });
  assert.is(policySpecFromSaved(current), current);
  const categorical = policySpecFromSaved({ head: 'categorical', mlp: { ...mlp, outputDim: 2 }, actions: 2 });
  assert.equal(categorical, { head: 'categorical', network: { kind: 'mlp', ...mlp, outputDim: 2 }, actions: 2 });
  assert.equal(networkSpecFromSaved({ ...mlp, outputDim: 1 }), { kind: 'mlp', ...mlp, outputDim: 1 });
});

test('policy.json and checkpoint.json written before network kinds still load, in the new shape', () => {
  const params = new Float32Array(policyParameterCount(current)).fill(0.5);
  const policyText = JSON.stringify(encodeTree({ format: 'trpo-policy/1', env: 'Hopper-v5', spec: legacyPolicySpec, params, observationStats: null, iteration: 2, timesteps: 4000 }));
  const policy = parsePolicy(policyText);
  assert.ok(E.isRight(policy), JSON.stringify(policy));
  if (E.isRight(policy)) {
    assert.equal(policy.right.spec, current);
    assert.equal(policy.right.params, params);
  }
  // a whole state as the base build wrote it: legacy specs, no wallSeconds, no rule
  const config = { ...baseConfig, env: 'Pendulum-v1', numEnvs: 2 };
  const fresh = initialTrainingState(config, new VectorEnv([makeEnv('Pendulum-v1'), makeEnv('Pendulum-v1')]));
  const { wallSeconds: _w, rule: _r, ...older } = fresh;
  const pendulumMlp = { inputDim: 3, hiddenSizes: [64, 64], outputDim: 1, activation: 'tanh' as const };
  const legacy = { ...older, policySpec: { head: 'gaussian', mlp: pendulumMlp, actionDim: 1 }, valueSpec: pendulumMlp };
  const checkpoint = deserializeState(JSON.stringify({ format: 'trpo-state/1', state: encodeTree(legacy) }));
  assert.ok(E.isRight(checkpoint), JSON.stringify(checkpoint));
  if (E.isRight(checkpoint)) assert.equal(checkpoint.right, { ...fresh, wallSeconds: 0, rule: null });
});

test.run();
