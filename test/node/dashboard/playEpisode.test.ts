import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { resolveConfig } from '../../../src/config/presets.js';
import { envIds, makeEnvAsync } from '../../../src/envs/registry.js';
import { playEpisode } from '../../../src/node/dashboard/playEpisode.js';
import { initialTrainingState, makeVectorEnv } from '../../../src/streams/train.js';

const stateOf = async (env: string) => {
  const config = resolveConfig({ env, knownEnvs: envIds, flags: { seed: 0 } });
  if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));
  return initialTrainingState(config.right, await makeVectorEnv(config.right));
};

test('a deterministic episode: the reset observation then one per step; the same seed plays the same episode', async () => {
  const state = await stateOf('CartPole-v1');
  const params = Float32Array.from(state.policyParams);
  const env = await makeEnvAsync('CartPole-v1');
  const a = playEpisode(env, state, { seed: 5 });
  const b = playEpisode(env, state, { seed: 5 });
  assert.equal(a, b);
  assert.is(a.observations.length, a.actions.length + 1);
  assert.equal(a.observations[0], Array.from(env.reset(5), (x) => Number(x.toPrecision(5))));
  assert.is(a.encoding, 'dense');
  assert.equal(a.shape, [4]);
  assert.is(a.return, a.rewards.reduce((s, r) => s + r, 0));
  assert.equal(state.policyParams, params, 'the policy is read, not changed');
  assert.is(playEpisode(env, state, { seed: 5, maxSteps: 3 }).actions.length, 3);
});

test('MinAtar grids are sent as the indices of their active cells, with the channel names', async () => {
  const state = await stateOf('MinAtar/Breakout-v1');
  const env = await makeEnvAsync('MinAtar/Breakout-v1');
  const play = playEpisode(env, state, { seed: 1, maxSteps: 20 });
  assert.is(play.encoding, 'active');
  assert.equal(play.shape, [10, 10, 4]);
  assert.equal(play.channels, ['paddle', 'ball', 'trail', 'brick']);
  const first = env.reset(1);
  assert.equal(play.observations[0], Array.from(first.keys()).filter((i) => first[i] !== 0));
});

test.run();
