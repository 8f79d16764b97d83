import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { envIds } from '../../src/envs/registry.js';
import { resolveConfig } from '../../src/config/presets.js';
import { baseConfig, validateConfig } from '../../src/config/config.js';
import { minatarEnvIds } from '../../src/envs/registry.js';

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

const resolved = (env: string, preset: string, sampling?: 'single-path' | 'vine', file?: unknown) => {
  const r = resolveConfig({ env, knownEnvs: envIds, preset, file, flags: { sampling } });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

test('sampling: single path by default; the vine section is there either way, with the paper\'s bootstrap-free default', () => {
  const c = resolved('Pendulum-v1', 'default');
  assert.is(c.sampling, 'single-path');
  assert.is(c.vine.bootstrap, false);
  assert.is(resolved('Pendulum-v1', 'default', 'vine').sampling, 'vine');
  assert.is(resolved('Pendulum-v1', 'default', undefined, { sampling: 'vine' }).sampling, 'vine');
  assert.is(resolved('Pendulum-v1', 'default', 'single-path', { sampling: 'vine' }).sampling, 'single-path', 'the flag beats the file');
});

test('default preset, CartPole-v1: its vine settings apply under vine sampling only (flag or file)', () => {
  const single = resolved('CartPole-v1', 'default');
  assert.is(single.stepsPerEnv, 500);
  assert.is(single.trpo.fisherFraction, 0.1);
  for (const vine of [resolved('CartPole-v1', 'default', 'vine'), resolved('CartPole-v1', 'default', undefined, { sampling: 'vine' })]) {
    assert.equal([vine.numEnvs, vine.stepsPerEnv, vine.trpo.fisherFraction, vine.trpo.maxKl], [4, 250, 0.5, 0.01]);
    assert.equal(vine.vine, { rolloutSetSize: 50, branches: 4, branchLength: 50, bootstrap: true });
  }
  // a config file's vine keys still win over the preset
  assert.is(resolved('CartPole-v1', 'default', 'vine', { vine: { branchLength: 20 } }).vine.branchLength, 20);
});

test('default preset, MinAtar games: vine settings after the paper\'s Atari vine (trunk as single path, 64 states, bootstrapped 50-frame branches)', () => {
  for (const env of ['MinAtar/Breakout-v1', 'MinAtar/Seaquest-v0']) {
    const single = resolved(env, 'default');
    assert.is(single.trpo.fisherFraction, 0.1, `${env}: single path keeps its 10% subsample`);
    for (const preset of ['default', 'paper'] as const) {
      const vine = resolved(env, preset, 'vine');
      assert.equal([vine.numEnvs, vine.stepsPerEnv, vine.trpo.fisherFraction, vine.trpo.maxKl, vine.policy.network], [8, 256, 1, 0.01, 'conv'], `${env} ${preset}`);
      assert.equal(vine.vine, { rolloutSetSize: 64, branches: 4, branchLength: 50, bootstrap: true }, `${env} ${preset}`);
    }
  }
});

// Schulman et al. 2015, Table 2 (vine columns): rollout length 50 / 100 / 100, 4 rollouts per state,
// 500 / 2500 / 2500 Q-values per batch (read as N · K, so N = 125 / 625 / 625), 16 trunk rollouts of
// 1000 steps, δ 0.01, γ 0.99, hidden layer 30 / 50 / 50
test('paper preset under vine sampling carries Table 2\'s vine values', () => {
  const table2 = { 'Swimmer-v5': [50, 125, 30], 'Hopper-v5': [100, 625, 50], 'Walker2d-v5': [100, 625, 50] } as const;
  for (const [env, [branchLength, states, hidden]] of Object.entries(table2)) {
    const c = resolved(env, 'paper', 'vine');
    assert.equal(c.vine, { rolloutSetSize: states, branches: 4, branchLength, bootstrap: false }, env);
    assert.equal([c.numEnvs, c.stepsPerEnv, c.gamma, c.trpo.maxKl, c.policy.hiddenSizes], [16, 1000, 0.99, 0.01, [hidden]], env);
    assert.is(c.vine.rolloutSetSize * c.vine.branches, env === 'Swimmer-v5' ? 500 : 2500);
    const single = resolved(env, 'paper');
    assert.is(single.numEnvs, 50, `${env}: single path keeps its 50 paths`);
  }
});

test('config errors: a bad scheme, one branch, a rollout set larger than the trunk', () => {
  const errors = (file: unknown) => errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file })).map((e) => `${e.path}: ${e.message}`);
  assert.equal(errors({ sampling: 'tree' }), ["sampling: expected one of 'single-path', 'vine', got \"tree\""]);
  assert.equal(errors({ vine: { branches: 1 } }), ['vine.branches: expected an integer number of branches in [2, 1024], got 1']);
  assert.equal(errors({ vine: { bootstrap: 'yes' } }), ['vine.bootstrap: expected boolean, got "yes"']);
  assert.equal(errors({ sampling: 'vine', numEnvs: 2, stepsPerEnv: 10, vine: { rolloutSetSize: 21 } }), ['vine.rolloutSetSize: expected at most numEnvs × stepsPerEnv = 20 trunk states per iteration, got 21']);
  assert.equal(errors({ sampling: 'single-path', numEnvs: 2, stepsPerEnv: 10, vine: { rolloutSetSize: 21 } }), [], 'single path ignores the vine section');
});

test('network: MLPs everywhere but MinAtar, whose presets (default and paper) pick MinAtar\'s conv net; a config saved before network kinds ran MLPs', () => {
  for (const env of envIds.filter((id) => !minatarEnvIds.includes(id as never)))
    for (const preset of ['default', 'paper']) {
      const r = resolveConfig({ env, preset, knownEnvs: [env] });
      assert.ok(E.isRight(r) && r.right.policy.network === 'mlp' && r.right.value.network === 'mlp', `${env} ${preset}`);
    }
  for (const env of minatarEnvIds)
    for (const preset of ['default', 'paper']) {
      const r = resolveConfig({ env, preset, knownEnvs: [env] });
      assert.ok(E.isRight(r), `${env} ${preset}`);
      if (E.isRight(r)) {
        assert.is(r.right.policy.network, 'conv', `${env} ${preset}`);
        assert.is(r.right.value.network, 'conv', `${env} ${preset}`);
        assert.equal(r.right.policy.conv, { filters: [16], kernel: 3, hidden: [128] });
        assert.equal([r.right.numEnvs, r.right.stepsPerEnv, r.right.trpo.maxKl, r.right.sampling], [8, 256, 0.01, 'single-path']);
      }
    }
  const { network: _p, conv: _pc, ...policy } = baseConfig.policy;
  const { network: _v, conv: _vc, ...value } = baseConfig.value;
  const old = validateConfig({ ...baseConfig, env: 'MinAtar/Breakout-v1', policy, value });
  assert.ok(E.isRight(old) && old.right.policy.network === 'mlp' && old.right.value.network === 'mlp');
  const file = resolveConfig({ env: 'MinAtar/Breakout-v1', knownEnvs: ['MinAtar/Breakout-v1'], file: { policy: { network: 'mlp' }, value: { conv: { filters: [8, 8] } } } });
  assert.ok(E.isRight(file) && file.right.policy.network === 'mlp' && file.right.value.network === 'conv' && file.right.value.conv.filters.length === 2);
  const bad = errorsOf(resolveConfig({ env: 'CartPole-v1', knownEnvs, file: { policy: { network: 'cnn' } } }));
  assert.is(bad[0]?.path, 'policy.network');
});

test.run();
