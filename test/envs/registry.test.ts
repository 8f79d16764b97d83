import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { UnknownEnvError } from '../../src/envs/env.js';
import { EnvContractError } from '../../src/envs/envContract.js';
import type { Env } from '../../src/envs/env.js';
import {
  EnvRegistrationError,
  classicEnvIds,
  envIds,
  envModule,
  isEnvId,
  isKnownEnvId,
  knownEnvIds,
  makeEnv,
  makeEnvAsync,
  minatarEnvIds,
  mujocoEnvIds,
  registerEnv,
} from '../../src/envs/registry.js';
import { resolveConfig } from '../../src/config/presets.js';
import { gridWalkEnv, gridWalkId } from '../fixtures/gridWalkEnv.js';

test('the known ids: five classic-control envs, four MuJoCo envs, ten MinAtar ids', () => {
  assert.equal([...classicEnvIds], ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'Pendulum-v1', 'MountainCarContinuous-v0']);
  assert.equal([...mujocoEnvIds], ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5']);
  assert.equal([...envIds], [...classicEnvIds, ...mujocoEnvIds, ...minatarEnvIds]);
  assert.is(minatarEnvIds.length, 10);
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
    assert.is((error as Error).message, `unknown env id 'CartPole-v0'; known ids: ${knownEnvIds().join(', ')}`);
    assert.ok((error as Error).message.includes(gridWalkId), 'registered ids are listed too');
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

test('an env registered by its module is known to makeEnv, makeEnvAsync, knownEnvIds and the config codec, with its module URL', async () => {
  assert.ok(isKnownEnvId(gridWalkId));
  assert.not.ok(isEnvId(gridWalkId), 'isEnvId stays about the built-in ids');
  assert.equal(knownEnvIds(), [...envIds, gridWalkId]);
  assert.match(envModule(gridWalkId) ?? '', /\/test\/fixtures\/gridWalkEnv\.ts$/);
  assert.is(envModule('CartPole-v1'), null);
  assert.is(envModule('Nope-v0'), undefined);
  const env = makeEnv(gridWalkId) as Env;
  assert.is(env.id, gridWalkId);
  assert.equal(Array.from(env.reset(3)), Array.from(gridWalkEnv().reset(3)));
  assert.is((await makeEnvAsync(gridWalkId)).id, gridWalkId);
  const config = resolveConfig({ env: gridWalkId, flags: { totalSteps: 1000 } });
  assert.ok(config._tag === 'Right' && config.right.env === gridWalkId);
  const unknown = resolveConfig({ env: 'GridWalk-v9' });
  assert.ok(unknown._tag === 'Left' && unknown.left[0].message.includes(gridWalkId), 'the codec lists registered ids');
});

test('an async factory is supported; a module registering itself again is accepted', async () => {
  registerEnv('GridWalkAsync-v0', async () => ({ ...gridWalkEnv(), id: 'GridWalkAsync-v0' }));
  const pending = makeEnv('GridWalkAsync-v0');
  assert.instance(pending, Promise);
  assert.is((await pending).id, 'GridWalkAsync-v0');
  const module = envModule(gridWalkId) as string;
  registerEnv(gridWalkId, () => gridWalkEnv(), { module });
  assert.is(envModule(gridWalkId), module);
});

test('refusals: built-in ids, an id taken by another factory, empty ids, a factory that is not a function', () => {
  const refused = (id: string, factory: unknown, reason: RegExp, module?: string) => {
    try {
      registerEnv(id, factory as () => Env, { module });
      assert.unreachable(`registered ${id}`);
    } catch (error) {
      assert.instance(error, EnvRegistrationError);
      assert.is((error as EnvRegistrationError)._tag, 'EnvRegistrationError');
      assert.match((error as Error).message, reason);
    }
  };
  for (const id of envIds) refused(id, () => makeEnv('CartPole-v1'), new RegExp(`cannot register env '${id}': it is a built-in env id`));
  refused(gridWalkId, () => gridWalkEnv(), /already registered by file:.*gridWalkEnv\.ts/);
  refused(gridWalkId, () => gridWalkEnv(), /already registered/, 'file:///elsewhere/other.js');
  refused('', () => gridWalkEnv(), /non-empty string/);
  refused(' Spaced-v0', () => gridWalkEnv(), /without surrounding spaces/);
  refused('NoFactory-v0', 'gridWalkEnv', /factory must be a function, got string/);
  assert.not.ok(isKnownEnvId('NoFactory-v0'));
  assert.is(makeEnv('CartPole-v1').id, 'CartPole-v1', 'built-ins untouched');
});

test('a factory whose product is not an Env is caught when the env is made, naming every problem', async () => {
  const broken = (id: string, patch: Record<string, unknown>) => {
    registerEnv(id, () => ({ ...gridWalkEnv(), id, ...patch }) as Env);
    return id;
  };
  const problems = (id: string): readonly string[] => {
    try {
      makeEnv(id);
    } catch (error) {
      assert.instance(error, EnvContractError);
      assert.ok((error as Error).message.startsWith(`${id}: not an Env: `), (error as Error).message);
      return (error as EnvContractError).problems;
    }
    throw new Error(`${id} was made`);
  };
  assert.equal(problems(broken('NoStep-v0', { step: undefined, close: 3 })), ['step must be a method', 'close must be a method']);
  assert.equal(problems(broken('WrongId-v0', { id: 'Other-v0' })), ["id must be 'WrongId-v0' (the registered id), got \"Other-v0\""]);
  assert.match(problems(broken('DiscreteObs-v0', { observationSpace: { _tag: 'Discrete', n: 3, start: 0 } }))[0], /observationSpace must be a Box space/);
  assert.match(problems(broken('Shape2d-v0', { observationSpace: { _tag: 'Box', shape: [2, 2], low: new Float32Array(3), high: new Float32Array(3) } }))[0], /observationSpace\.low must be a Float32Array of length 4/);
  assert.match(problems(broken('Shape0-v0', { observationSpace: { _tag: 'Box', shape: [2, 0], low: new Float32Array(0), high: new Float32Array(0) } }))[0], /observationSpace\.shape must be a non-empty list of positive integers/);
  assert.match(problems(broken('Action2d-v0', { actionSpace: { _tag: 'Box', shape: [1, 1], low: new Float32Array(1), high: new Float32Array(1) } }))[0], /actionSpace\.shape must be \[n\]/);
  registerEnv('Grid2d-v0', () => ({ ...gridWalkEnv(), id: 'Grid2d-v0', observationSpace: { _tag: 'Box', shape: [1, 2], low: new Float32Array(2), high: new Float32Array(2).fill(1) } }) as Env);
  assert.equal((makeEnv('Grid2d-v0') as Env).observationSpace.shape, [1, 2], 'observations may have a shape (bounds flat)');
  assert.match(problems(broken('F64Bounds-v0', { observationSpace: { _tag: 'Box', shape: [2], low: new Float64Array(2), high: new Float32Array(2) } }))[0], /observationSpace\.low must be a Float32Array of length 2/);
  assert.match(problems(broken('Inverted-v0', { actionSpace: { _tag: 'Box', shape: [1], low: Float32Array.of(1), high: Float32Array.of(-1) } }))[0], /actionSpace: low must be ≤ high/);
  assert.match(problems(broken('NoActions-v0', { actionSpace: { _tag: 'Discrete', n: 0, start: 0 } }))[0], /actionSpace\.n must be a positive integer, got 0/);
  assert.match(problems(broken('Start1-v0', { actionSpace: { _tag: 'Discrete', n: 2, start: 1 } }))[0], /actionSpace\.start must be 0/);
  assert.match(problems(broken('Multi-v0', { actionSpace: { _tag: 'MultiDiscrete' } }))[0], /actionSpace\._tag must be 'Discrete' or 'Box'/);
  assert.match(problems(broken('NoLimit-v0', { maxEpisodeSteps: 0 }))[0], /maxEpisodeSteps must be a positive integer or Infinity, got 0/);
  registerEnv('Unlimited-v0', () => ({ ...gridWalkEnv(), id: 'Unlimited-v0', maxEpisodeSteps: Infinity }));
  assert.is((makeEnv('Unlimited-v0') as Env).maxEpisodeSteps, Infinity);
  registerEnv('Nothing-v0', () => undefined as unknown as Env);
  assert.equal(problems('Nothing-v0'), ['the factory returned undefined, not an object']);
  registerEnv('AsyncBroken-v0', async () => ({ ...gridWalkEnv(), id: 'AsyncBroken-v0', reset: null }) as unknown as Env);
  const rejected = await makeEnvAsync('AsyncBroken-v0').then(() => null, (e: unknown) => e);
  assert.instance(rejected, EnvContractError);
  assert.equal((rejected as EnvContractError).problems, ['reset must be a method']);
});

test.run();
