import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { envIds } from '../../src/envs/registry.js';
import { resolveConfig } from '../../src/config/presets.js';
import { baseConfig } from '../../src/config/config.js';

const knownEnvs = ['CartPole-v1', 'Pendulum-v1'];
const errorsOf = (r: ReturnType<typeof resolveConfig>) => (E.isLeft(r) ? r.left : []);

test('defaults keep the paper δ = 0.01 and Appendix C subsampling', () => {
  const r = resolveConfig({ env: 'CartPole-v1', knownEnvs });
  assert.ok(E.isRight(r));
  if (E.isRight(r)) {
    assert.is(r.right.trpo.maxKl, 0.01);
    assert.is(r.right.trpo.fisherFraction, 0.1);
    assert.is(r.right.env, 'CartPole-v1');
  }
  assert.is(baseConfig.trpo.maxKl, 0.01);
});

test('MuJoCo presets: the paper preset keeps δ 0.01 everywhere; the default tunes HalfCheetah to 0.02', () => {
  const kl = (env: string, preset: string) => {
    const r = resolveConfig({ env, knownEnvs: envIds, preset });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    return r.right.trpo.maxKl;
  };
  for (const env of ['Hopper-v5', 'Walker2d-v5', 'Swimmer-v5', 'HalfCheetah-v5']) assert.is(kl(env, 'paper'), 0.01, env);
  assert.equal(['Hopper-v5', 'Walker2d-v5', 'Swimmer-v5', 'HalfCheetah-v5'].map((env) => kl(env, 'default')), [0.01, 0.01, 0.01, 0.02]);
});

test('precedence: preset < file < flags', () => {
  const r = resolveConfig({ env: 'Pendulum-v1', knownEnvs, file: { gamma: 0.95, seed: 4 }, flags: { seed: 9 } });
  assert.ok(E.isRight(r));
  if (E.isRight(r)) {
    assert.is(r.right.gamma, 0.95);
    assert.is(r.right.seed, 9);
  }
});

test('unknown keys are named by their path', () => {
  const errors = errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file: { trpo: { maxKL: 0.02 }, colour: 'red' } }));
  assert.equal(errors.map((e) => e.path).sort(), ['colour', 'trpo.maxKL']);
  assert.ok(errors.every((e) => e.message === 'unknown key'));
});

test('bad values name the path and what was expected', () => {
  const errors = errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file: { policy: { hiddenSizes: [64, -1] }, trpo: { maxKl: 'big' } } }));
  const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
  assert.ok(byPath['policy.hiddenSizes.1']?.includes('expected an integer layer size'), JSON.stringify(errors));
  assert.ok(byPath['trpo.maxKl']?.includes('expected a KL bound'), JSON.stringify(errors));
});

test('unknown env and preset list the known ones', () => {
  const env = errorsOf(resolveConfig({ env: 'CartPole-v9', knownEnvs }));
  assert.is(env[0].path, 'env');
  assert.ok(env[0].message.includes('CartPole-v1, Pendulum-v1'));
  const preset = errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, preset: 'fast' }));
  assert.is(preset[0].path, 'preset');
  assert.ok(preset[0].message.includes('default, paper'));
});

test('a file that is not an object, or with a non-object section, is refused', () => {
  assert.is(errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file: [1, 2] }))[0].path, '');
  assert.is(errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file: { trpo: 3 } }))[0].path, 'trpo');
  assert.is(errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, flags: { totalSteps: -5 } }))[0].path, 'totalSteps');
});

test.run();
