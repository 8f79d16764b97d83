import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { UnknownEnvError } from '../../src/envs/env.js';
import { classicEnvIds, envIds, isEnvId, makeEnv, makeEnvAsync, mujocoEnvIds } from '../../src/envs/registry.js';

test('the known ids: five classic-control envs, four MuJoCo envs', () => {
  assert.equal([...classicEnvIds], ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'Pendulum-v1', 'MountainCarContinuous-v0']);
  assert.equal([...mujocoEnvIds], ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5']);
  assert.equal([...envIds], [...classicEnvIds, ...mujocoEnvIds]);
  assert.ok(envIds.every(isEnvId));
  assert.not.ok(isEnvId('CartPole-v0') || isEnvId('cartpole-v1') || isEnvId('constructor'));
});

test('classic ids build synchronously, a fresh env per call', () => {
  for (const id of classicEnvIds) {
    const env = makeEnv(id);
    assert.not.instance(env, Promise);
    assert.is(env.id, id);
    assert.is.not(makeEnv(id), env);
  }
});

test('makeEnvAsync builds classic envs too', async () => {
  const env = await makeEnvAsync('Pendulum-v1');
  assert.is(env.id, 'Pendulum-v1');
  assert.is(env.reset(0).length, 3);
});

test('an unknown id throws UnknownEnvError listing every known id (rejects, from makeEnvAsync)', async () => {
  try {
    makeEnv('CartPole-v0');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, UnknownEnvError);
    assert.is((error as UnknownEnvError)._tag, 'UnknownEnvError');
    assert.is((error as Error).message, `unknown env id 'CartPole-v0'; known ids: ${envIds.join(', ')}`);
  }
  const rejected = await makeEnvAsync('Nope-v3').then(() => null, (e: unknown) => e);
  assert.instance(rejected, UnknownEnvError);
});

test('MuJoCo ids come back as a Promise through a dynamic import (no static import of the MuJoCo module)', async () => {
  const source = readFileSync(new URL('../../src/envs/registry.ts', import.meta.url), 'utf8');
  assert.not.match(source, /^import[^;]*mujoco/m);
  assert.match(source, /import\('\.\/mujoco\/index\.js'\)/);
  const pending = makeEnv('Swimmer-v5');
  assert.instance(pending, Promise);
  // the MuJoCo module may or may not be built yet: either an env or an error, but a Promise
  await pending.then((env) => env.close(), () => undefined);
});

test.run();
