import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { methodNames, validateConfig } from '../../src/config/config.js';
import type { MethodName, TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { defaultStepSizes, ruleFor } from '../../src/rules/registry.js';
import { isIterationEvent, trainEvents } from '../../src/streams/train.js';

const backend = (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm';
// the paper's cart-pole policy is linear (no hidden layer); 2 envs × 100 steps a batch, tiny populations
const configOf = (env: string, method: MethodName, rule: TrainConfig['rule'] = {}): TrainConfig => {
  const resolved = resolveConfig({
    env,
    knownEnvs: envIds,
    file: { totalSteps: 400, numEnvs: 2, stepsPerEnv: 100, policy: { hiddenSizes: [] }, value: { hiddenSizes: [8], epochs: 1 }, rule: { cem: { populationSize: 4 }, 'cma-es': { populationSize: 4 }, ...rule } },
    flags: { backend, method },
  });
  if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
  return resolved.right;
};

// the rule name each method's checkpoints carry (a resume compares it with config.json's method)
const ruleNames: Record<MethodName, string> = { trpo: 'trpo', npg: 'natural-gradient', 'max-kl': 'max-kl', 'empirical-fim': 'empirical-fisher', vpg: 'vanilla-gradient', cem: 'cem', 'cma-es': 'cmaes', rwr: 'rwr' };

test('every listed method builds its rule', () => {
  for (const method of methodNames) assert.is(ruleFor(configOf('CartPole-v1', method)).name, ruleNames[method], method);
});

test('config: method defaults to trpo (also for a config.json saved before methods existed); bad methods and rule parameters name their field', () => {
  const { method, rule, ...older } = configOf('CartPole-v1', 'trpo');
  assert.is(method, 'trpo');
  assert.equal(rule, { cem: { populationSize: 4 }, 'cma-es': { populationSize: 4 } });
  const decoded = validateConfig(older);
  assert.ok(E.isRight(decoded) && decoded.right.method === 'trpo' && JSON.stringify(decoded.right.rule) === '{}');
  const errors = (value: unknown) => (E.isLeft(validateConfig(value)) ? (validateConfig(value) as E.Left<{ path: string; message: string }[]>).left : []);
  assert.equal(errors({ ...older, method: 'ppo' })[0].path, 'method');
  assert.match(errors({ ...older, method: 'ppo' })[0].message, "expected one of 'trpo', 'npg', 'max-kl', 'empirical-fim', 'vpg', 'cem', 'cma-es', 'rwr', got \"ppo\"");
  assert.equal(errors({ ...older, rule: { npg: { stepSize: -1 } } })[0], { _tag: 'ConfigError', path: 'rule.npg.stepSize', message: 'expected a step size in (0, 1000], got -1' });
  assert.equal(errors({ ...older, rule: { cem: { elites: 3 } } })[0], { _tag: 'ConfigError', path: 'rule.cem.elites', message: 'unknown key' });
});

test('each available method trains a linear policy (no hidden layer) on CartPole-v1 and Pendulum-v1, with its parameters from the config', async () => {
  for (const env of ['CartPole-v1', 'Pendulum-v1'])
    for (const method of methodNames) {
      const config = configOf(env, method, { npg: { stepSize: 0.03 }, vpg: { stepSize: 0.3 } });
      const rule = ruleFor(config);
      const events = await lastValueFrom(trainEvents(config, { update: () => rule }).pipe(filter(isIterationEvent), toArray()));
      const last = events[events.length - 1];
      assert.ok(events.length >= 1 && last.state.timesteps >= config.totalSteps, `${env} ${method}: ${events.length} iterations`);
      assert.is(last.state.rule?.name, ruleNames[method], `${env} ${method}`);
      assert.ok(last.state.policyParams.every(Number.isFinite), `${env} ${method}: finite parameters`);
      assert.is(last.state.policySpec.network.hiddenSizes.length, 0);
      if (method === 'npg' || method === 'vpg')
        for (const { metrics } of events) assert.is(metrics.diagnostics?.stepSize, method === 'npg' ? 0.03 : 0.3, `${env} ${method}: the configured step size`);
    }
});

test('the default step sizes apply when the config has none', async () => {
  const config = configOf('CartPole-v1', 'vpg');
  const rule = ruleFor(config);
  const events = await lastValueFrom(trainEvents(config, { update: () => rule }).pipe(filter(isIterationEvent), toArray()));
  assert.is(events[0].metrics.diagnostics?.stepSize, defaultStepSizes.vpg);
});

test.run();
