import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import type { Env } from '../../../src/envs/env.js';
import { checkEnv } from '../../../src/envs/envContract.js';
import { minatarEnv, minatarEnvIds, resolveMinAtarOptions } from '../../../src/envs/minatar/minatarEnv.js';
import type { MinAtarEnvId } from '../../../src/envs/minatar/minatarEnv.js';
import { RandomState } from '../../../src/envs/minatar/randomState.js';
import { isKnownEnvId, makeEnv } from '../../../src/envs/registry.js';
import { VectorEnv } from '../../../src/envs/vectorEnv.js';
import { decodeTree, encodeTree } from '../../../src/streams/stateCodec.js';

const games = ['Breakout', 'SpaceInvaders', 'Freeway', 'Asterix', 'Seaquest'] as const;
const channels = { Breakout: 4, SpaceInvaders: 6, Freeway: 7, Asterix: 4, Seaquest: 10 } as const;
const minimal = { Breakout: 3, SpaceInvaders: 4, Freeway: 3, Asterix: 5, Seaquest: 6 } as const;

/** A deterministic action stream (a small LCG), so tests do not depend on Math.random. */
const actionStream = (seed: number, n: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
};

test('ten ids, v1 with the minimal action set and v0 with all six, through makeEnv', () => {
  assert.is(minatarEnvIds.length, 10);
  for (const game of games) {
    for (const version of ['v1', 'v0'] as const) {
      const id = `MinAtar/${game}-${version}`;
      assert.ok(isKnownEnvId(id), id);
      const env = makeEnv(id) as Env;
      assert.is(env.id, id);
      assert.equal(env.observationSpace.shape, [10, 10, channels[game]]);
      assert.is(env.observationSpace.low.length, 100 * channels[game]);
      assert.equal(env.actionSpace, { _tag: 'Discrete', n: version === 'v1' ? minimal[game] : 6, start: 0 });
      assert.is(env.maxEpisodeSteps, Infinity, 'MinAtar registers no max_episode_steps');
      assert.is(checkEnv(env, id)._tag, 'Right');
    }
  }
});

test('options: defaults, snake_case spellings, conflicts and bad values', () => {
  assert.equal(resolveMinAtarOptions(), { stickyActionProb: 0.1, difficultyRamping: true });
  assert.equal(resolveMinAtarOptions({ sticky_action_prob: 0, difficulty_ramping: false }), { stickyActionProb: 0, difficultyRamping: false });
  assert.equal(resolveMinAtarOptions({ stickyActionProb: 0.25, sticky_action_prob: 0.25 }).stickyActionProb, 0.25);
  assert.throws(() => resolveMinAtarOptions({ stickyActionProb: 0, sticky_action_prob: 0.1 }), /given twice/);
  assert.throws(() => resolveMinAtarOptions({ stickyActionProb: 1.5 }), /\[0, 1\]/);
  assert.throws(() => makeEnv('CartPole-v1', { stickyActionProb: 0 }), /MinAtar envs only/);
  assert.throws(() => makeEnv('MinAtar/Pong-v1', { stickyActionProb: 0 }), /unknown env id/);
});

test('seeds: 0 … 2**32 − 1 as NumPy; reset() without a seed continues the stream', () => {
  const env = minatarEnv('MinAtar/Freeway-v1');
  assert.throws(() => env.reset(2 ** 32), RangeError);
  assert.throws(() => env.reset(-1), RangeError);
  const first = env.reset(2 ** 32 - 1);
  assert.equal(env.reset(2 ** 32 - 1), first);
  const unseeded = minatarEnv('MinAtar/Freeway-v1').reset();
  assert.equal(unseeded, minatarEnv('MinAtar/Freeway-v1').reset(0), 'a never-seeded env starts from seed 0');
  // Freeway's reset draws: a second reset() continues the stream, so the cars differ from a re-seed
  env.reset(5);
  const continued = env.reset();
  assert.not.equal(continued, minatarEnv('MinAtar/Freeway-v1').reset(5));
});

/** MT position after the env's draws so far (the snapshot's key follows the 625-value header). */
const mtPosition = (env: Env): number => env.getState()[625];

test('every step draws the sticky coin, also with probability 0 and after the game is over', () => {
  const env = minatarEnv('MinAtar/Breakout-v1', { stickyActionProb: 0 });
  env.reset(0); // Breakout's reset: randint(2), one output
  assert.is(mtPosition(env), 1);
  let steps = 0;
  while (!env.step(0).terminated) steps++;
  assert.is(mtPosition(env), 1 + 2 * (steps + 1), 'two outputs per step (Breakout draws nothing itself)');
  const after = env.step(1);
  assert.is(after.reward, 0);
  assert.ok(after.terminated);
  assert.is(mtPosition(env), 1 + 2 * (steps + 2), 'a finished game still takes the draw');
});

test('sticky actions repeat the previous action with probability 0.1, deciding on the shared stream', () => {
  // Breakout with the paddle moving: compare the paddle against a replay of the sticky rule
  const env = minatarEnv('MinAtar/Breakout-v0', { stickyActionProb: 0.5 });
  env.reset(11);
  const coins = new RandomState(11);
  coins.randint(2);
  let last = 0, paddle = 4, repeats = 0;
  const next = actionStream(3, 2);
  for (let t = 0; t < 5; t++) {
    const chosen = next() === 0 ? 1 : 3; // left or right
    const applied = coins.rand() < 0.5 ? last : chosen;
    if (applied !== chosen) repeats++;
    last = applied;
    paddle = applied === 1 ? Math.max(0, paddle - 1) : applied === 3 ? Math.min(9, paddle + 1) : paddle;
    const { observation, terminated } = env.step(chosen);
    assert.is(observation[(9 * 10 + paddle) * 4 + 0], 1, `paddle at column ${paddle} after step ${t}`);
    if (terminated) break;
  }
  assert.ok(repeats > 0, 'the seed chosen makes at least one repeat');
});

test('observations are 0/1 Float32Arrays in C order [row][col][channel]', () => {
  const env = minatarEnv('MinAtar/Breakout-v1');
  const obs = env.reset(0); // seed 0: ball at (3, 0), paddle at (9, 4), bricks in rows 1–3
  assert.instance(obs, Float32Array);
  assert.ok(obs.every((v) => v === 0 || v === 1));
  const at = (row: number, col: number, channel: number): number => obs[(row * 10 + col) * 4 + channel];
  assert.is(at(3, 0, 1), 1);
  assert.is(at(9, 4, 0), 1);
  assert.is(at(3, 0, 2), 1, 'the trail starts under the ball');
  assert.is(obs.reduce((a, b) => a + b, 0), 3 + 30);
  assert.is(at(1, 5, 3) + at(2, 5, 3) + at(3, 5, 3) + at(4, 5, 3), 3);
});

/** Plays `n` steps of a fixed action stream; observations, rewards and terminal flags joined. */
const play = (env: Env, next: () => number, n: number): string[] => {
  const out: string[] = [];
  for (let t = 0; t < n; t++) {
    const r = env.step(next());
    out.push(`${r.reward}|${r.terminated ? 1 : 0}|${Array.from(r.observation).join('')}`);
  }
  return out;
};

test('getState/setState: a fresh env continues exactly; the state survives the checkpoint codec', () => {
  for (const id of minatarEnvIds) {
    const game = id.slice(8, id.lastIndexOf('-')) as keyof typeof minimal;
    const n = id.endsWith('v1') ? minimal[game] : 6;
    const env = minatarEnv(id);
    env.reset(7);
    play(env, actionStream(1, n), 5); // mid-episode: spawns, ramps and crossings come after the snapshot
    assert.is(env.getState()[env.getState().length - 1], 0, `${id} is still running`);
    const saved = env.getState();
    const snapshot = env.snapshot();
    const want = play(env, actionStream(2, n), 200);
    const fresh = minatarEnv(id);
    fresh.reset(99);
    fresh.setState(saved);
    assert.equal(play(fresh, actionStream(2, n), 200), want, `${id}: setState`);
    const viaCodec = minatarEnv(id);
    viaCodec.reset(1);
    const decoded = decodeTree(JSON.parse(JSON.stringify(encodeTree(snapshot)))) as typeof snapshot;
    viaCodec.restore(decoded);
    assert.equal(viaCodec.snapshot().elapsedSteps, 5);
    assert.equal(play(viaCodec, actionStream(2, n), 200), want, `${id}: snapshot through encodeTree/decodeTree`);
  }
});

test('the previous action is state: a restored env repeats it on a sticky draw', () => {
  const env = minatarEnv('MinAtar/Breakout-v0', { stickyActionProb: 0.9 });
  env.reset(4);
  env.step(1);
  env.step(1); // with p = 0.9 the paddle most likely keeps moving left
  const saved = env.getState();
  assert.is(saved[625 + 1], 1, 'previous action: left');
  const want = play(env, () => 0, 6);
  const fresh = minatarEnv('MinAtar/Breakout-v0', { stickyActionProb: 0.9 });
  fresh.reset(4);
  fresh.setState(saved);
  assert.equal(play(fresh, () => 0, 6), want);
});

test('setState refuses another game\'s state and malformed values', () => {
  const breakout = minatarEnv('MinAtar/Breakout-v1');
  breakout.reset(0);
  const seaquest = minatarEnv('MinAtar/Seaquest-v1');
  seaquest.reset(0);
  assert.throws(() => breakout.setState(seaquest.getState()), /not a Breakout state/);
  const state = breakout.getState();
  assert.throws(() => breakout.setState([...state, 0]), /too many/);
  const bad = Float64Array.from(state);
  bad[bad.length - 1] = 2; // the terminal flag
  assert.throws(() => breakout.setState(bad), /terminal must be 0 or 1/);
  assert.throws(() => minatarEnv('MinAtar/Breakout-v1').getState(), /before reset/);
});

test('VectorEnv steps MinAtar envs in place and auto-resets finished episodes', () => {
  const envs = VectorEnv.ofCopies(() => minatarEnv('MinAtar/Breakout-v1'), 3);
  const obs = envs.reset(0);
  assert.is(obs.length, 3 * 400);
  let finished = 0;
  for (let t = 0; t < 60; t++) {
    const r = envs.step([0, 1, 2]);
    for (let i = 0; i < 3; i++) if (r.terminated[i]) {
      finished++;
      assert.is(r.finalObservations[i]?.length, 400);
      assert.is(r.truncated[i], 0);
    }
  }
  assert.ok(finished > 0, 'Breakout with a fixed action misses the ball within 60 steps');
});

// Episodes recorded from MinAtar 1.0.15 itself (outside the repository; skipped when absent).
const recordings = '/work/shared/reference/env-samples/minatar';
interface Recording { readonly n_channels: number; readonly episodes: readonly { readonly seed: number; readonly sticky_action_prob: number; readonly difficulty_ramping: boolean; readonly initial_state: string; readonly actions: number[]; readonly rewards: number[]; readonly terminals: number[]; readonly states: string[] }[] }
const bits = (hex: string, n: number): number[] => {
  const buf = Buffer.from(hex, 'hex');
  return Array.from({ length: n }, (_, k) => (buf[k >> 3] >> (7 - (k & 7))) & 1);
};

test('replays the recorded MinAtar episodes step for step', () => {
  if (!existsSync(recordings)) return;
  for (const game of games) {
    const rec = JSON.parse(readFileSync(`${recordings}/${game}.json`, 'utf8')) as Recording;
    const size = 100 * rec.n_channels;
    for (const ep of rec.episodes) {
      const env = minatarEnv(`MinAtar/${game}-v1` as MinAtarEnvId, { stickyActionProb: ep.sticky_action_prob, difficultyRamping: ep.difficulty_ramping });
      assert.equal(Array.from(env.reset(ep.seed)), bits(ep.initial_state, size), `${game} reset`);
      ep.actions.forEach((action, t) => {
        const r = env.step(action);
        assert.is(r.reward, ep.rewards[t], `${game} reward at ${t}`);
        assert.is(r.terminated, ep.terminals[t] === 1, `${game} terminated at ${t}`);
        assert.equal(Array.from(r.observation), bits(ep.states[t], size), `${game} observation at ${t}`);
      });
    }
  }
});

test.run();
