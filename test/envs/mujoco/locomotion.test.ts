import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { InvalidValueError, UnknownEnvError } from '../../../src/envs/env.js';
import { makeEnvAsync } from '../../../src/envs/registry.js';
import { makeMujocoEnv } from '../../../src/envs/mujoco/index.js';
import { VectorEnv } from '../../../src/envs/vectorEnv.js';

// Gymnasium v5 facts: observation/action sizes, nq/nv, frame skip × model timestep.
const facts = {
  'Swimmer-v5': { obs: 8, act: 2, nq: 5, nv: 5, dt: 0.04 },
  'Hopper-v5': { obs: 11, act: 3, nq: 6, nv: 6, dt: 0.008 },
  'Walker2d-v5': { obs: 17, act: 6, nq: 9, nv: 9, dt: 0.008 },
  'HalfCheetah-v5': { obs: 17, act: 6, nq: 9, nv: 9, dt: 0.05 },
} as const;

for (const [id, f] of Object.entries(facts)) {
  test(`${id}: dimensions, bounds and time limit`, async () => {
    const env = await makeEnvAsync(id);
    assert.is(env.observationSpace.shape[0], f.obs);
    assert.is(env.actionSpace._tag === 'Box' && env.actionSpace.shape[0], f.act);
    assert.equal(env.actionSpace._tag === 'Box' && Array.from(env.actionSpace.high), new Array(f.act).fill(1));
    assert.is(env.getState().length, f.nq + f.nv);
    assert.is(env.maxEpisodeSteps, 1000);
    assert.is(env.reset(0).length, f.obs);
    env.close();
  });

  test(`${id}: recorded Gymnasium v5 steps replay to 1e-6 (when the reference data is present)`, async () => {
    const file = `../shared/reference/env-samples/mujoco/${id}.json`;
    if (!existsSync(file)) return;
    const rec = JSON.parse(readFileSync(file, 'utf8'));
    assert.is(rec.dt, f.dt);
    const env = await makeEnvAsync(id);
    for (const ep of rec.episodes)
      for (const s of ep.steps) {
        env.setState(Float64Array.from(s.state));
        const r = env.step(Float32Array.from(s.action));
        Array.from(env.getState()).forEach((x, i) => assert.ok(Math.abs(x - s.next_state[i]) <= 1e-6 * Math.max(1, Math.abs(s.next_state[i]))));
        Array.from(r.observation).forEach((x, i) => assert.ok(Math.abs(x - s.next_obs[i]) <= 1e-6 * Math.max(1, Math.abs(s.next_obs[i]))));
        assert.ok(Math.abs(r.reward - s.reward) <= 1e-6 * Math.max(1, Math.abs(s.reward)));
        assert.is(r.terminated, s.terminated);
      }
    env.close();
  });
}

test('Hopper-v5 reward by hand: forward velocity + healthy reward − 1e-3 Σa² over dt = 0.008', async () => {
  const env = await makeEnvAsync('Hopper-v5');
  env.reset(0);
  const state = Float64Array.of(0, 1.25, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0);
  env.setState(state);
  const action = Float32Array.of(0.5, -0.5, 0.25);
  const r = env.step(action);
  const x = env.getState()[0];
  const expected = x / 0.008 + 1 - 1e-3 * (0.25 + 0.25 + 0.0625);
  assert.ok(Math.abs(r.reward - expected) < 1e-9, `${r.reward} vs ${expected}`);
  assert.not.ok(r.terminated);
  // unhealthy: torso below z = 0.7 terminates
  env.setState(Float64Array.of(0, 0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  assert.ok(env.step(Float32Array.of(0, 0, 0)).terminated);
  env.close();
});

test('observations clip Hopper velocities to ±10 and leave out the x coordinate', async () => {
  const env = await makeEnvAsync('Hopper-v5');
  env.reset(0);
  env.setState(Float64Array.of(3, 1.25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  env.step(Float32Array.of(0, 0, 0));
  env.setState(Float64Array.of(3, 1.25, 0, 0, 0, 0, 50, -50, 0, 0, 0, 0));
  const state = env.getState();
  const obs = env.step(Float32Array.of(0, 0, 0)).observation;
  assert.is(obs.length, 11);
  assert.ok(Math.abs(obs[5]) <= 10 && Math.abs(obs[6]) <= 10);
  assert.ok(state[0] === 3);
  env.close();
});

test('an unstable simulation ends the episode with a flag and a finite observation; NaN actions throw', async () => {
  const env = await makeEnvAsync('HalfCheetah-v5');
  env.reset(0);
  assert.throws(() => env.step(Float32Array.of(NaN, 0, 0, 0, 0, 0)), (e: unknown) => e instanceof InvalidValueError && /HalfCheetah-v5: non-finite action at step 0/.test((e as Error).message));
  const state = env.getState();
  state[10] = Number.POSITIVE_INFINITY;
  env.setState(state);
  const r = env.step(Float32Array.of(0, 0, 0, 0, 0, 0)) as { observation: Float32Array; terminated: boolean; unstable?: boolean };
  assert.ok(r.terminated && r.unstable);
  assert.ok(Array.from(r.observation).every(Number.isFinite));
  const vec = new VectorEnv([env]);
  env.setState(state);
  assert.is(vec.step(new Float32Array(6)).unstable[0], 1);
  env.close();
});

test('reset(seed) is deterministic; unknown MuJoCo ids list the known ones', async () => {
  const a = await makeEnvAsync('Walker2d-v5'), b = await makeEnvAsync('Walker2d-v5');
  assert.equal(Array.from(a.reset(7)), Array.from(b.reset(7)));
  assert.not.equal(Array.from(a.reset(8)), Array.from(b.reset(7)));
  await makeMujocoEnv('Ant-v5').then(
    () => assert.unreachable(),
    (e: unknown) => assert.ok(e instanceof UnknownEnvError && /Swimmer-v5, Hopper-v5, Walker2d-v5, HalfCheetah-v5/.test((e as Error).message)),
  );
});

test.run();
