import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UnknownEnvError } from '../../../src/envs/env.js';
import { makeMujocoEnv, mujocoEnvIds } from '../../../src/envs/mujoco/index.js';

test('the four v5 locomotion ids, each building its env', async () => {
  assert.equal(mujocoEnvIds, ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5']);
  for (const id of mujocoEnvIds) {
    const env = await makeMujocoEnv(id);
    assert.is(env.id, id);
    env.close();
  }
});

test('an unknown id rejects with UnknownEnvError listing the known ids', async () => {
  await makeMujocoEnv('Ant-v5').then(
    () => assert.unreachable('Ant-v5 is not provided'),
    (e: unknown) => {
      assert.ok(e instanceof UnknownEnvError);
      assert.equal(e.knownIds, mujocoEnvIds);
      assert.match(e.message, "unknown env id 'Ant-v5'; known ids: Swimmer-v5, Hopper-v5, Walker2d-v5, HalfCheetah-v5");
    },
  );
});

test.run();
