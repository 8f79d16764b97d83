/**
 * The five MinAtar games (Young & Tian 2019, MinAtar 1.0.15) as {@link Env}s with MinAtar's gym ids:
 * `MinAtar/<Game>-v1` acts with the game's minimal action set, `-v0` with all six actions. What
 * MinAtar's `Environment` wrapper adds to a game lives here: one NumPy `RandomState` shared with the
 * game, sticky actions (each step first draws `rand()` and repeats the previous action when it is
 * below `stickyActionProb`, a draw taken also when the game is over), and the terminal flag (a
 * finished game ignores actions; `step` keeps returning reward 0, terminated).
 *
 * Seeding: `reset(seed)` is MinAtar's `env.seed(seed); env.reset()` (a new `RandomState(seed)`,
 * seeds 0 … 2³² − 1; NumPy refuses others and so does this: RangeError); `reset()` keeps drawing
 * from the current generator (seed 0 on a never-seeded env). As in MinAtar the previous action
 * survives a reset (a sticky repeat at an episode's first step repeats the last episode's action).
 *
 * Time limit: MinAtar's gym registration sets no `max_episode_steps`, so `maxEpisodeSteps` is
 * Infinity and `truncated` is always false; Freeway ends itself (terminated) after 2501 steps.
 *
 * @module
 */
import type { Action, Env, EnvSnapshot, StepResult } from '../env.js';
import type { BoxSpace, DiscreteSpace } from '../space.js';
import { box, discrete } from '../space.js';
import type { InPlaceStepResult, StepsInPlace } from '../vectorEnv.js';
import { DEFAULT_SEED } from '../seeding.js';
import type { GameState, MinAtarGame } from './game.js';
import { ALL_ACTIONS, GRID, decodeState, encodeState } from './game.js';
import { MT_STATE_WORDS, RandomState, isRandomStateSeed } from './randomState.js';
import { asterix } from './asterix.js';
import { breakout } from './breakout.js';
import { freeway } from './freeway.js';
import { seaquest } from './seaquest.js';
import { spaceInvaders } from './spaceInvaders.js';

/** The five games by gym name, in the order of {@link minatarEnvIds}. */
export const minatarGames = { Breakout: breakout, SpaceInvaders: spaceInvaders, Freeway: freeway, Asterix: asterix, Seaquest: seaquest } as const;
const gameNames = Object.keys(minatarGames) as (keyof typeof minatarGames)[];

/** MinAtar's gym ids: the five games with minimal action sets (v1), then with all six actions (v0). */
export const minatarEnvIds = [
  'MinAtar/Breakout-v1', 'MinAtar/SpaceInvaders-v1', 'MinAtar/Freeway-v1', 'MinAtar/Asterix-v1', 'MinAtar/Seaquest-v1',
  'MinAtar/Breakout-v0', 'MinAtar/SpaceInvaders-v0', 'MinAtar/Freeway-v0', 'MinAtar/Asterix-v0', 'MinAtar/Seaquest-v0',
] as const;
/** A MinAtar env id. */
export type MinAtarEnvId = (typeof minatarEnvIds)[number];

/** Whether `id` names a MinAtar env. */
export const isMinAtarEnvId = (id: string): id is MinAtarEnvId => (minatarEnvIds as readonly string[]).includes(id);

/**
 * Options of a MinAtar env, MinAtar's `Environment(game, sticky_action_prob, difficulty_ramping)`.
 * The snake_case spellings are accepted too (they must agree with the camelCase ones when both are given).
 */
export interface MinAtarOptions {
  /** Probability in [0, 1] that a step repeats the previous action instead (default 0.1). */
  readonly stickyActionProb?: number;
  /** Games speed up as they go on (Asterix, Seaquest, Space Invaders; default true). */
  readonly difficultyRamping?: boolean;
  readonly sticky_action_prob?: number;
  readonly difficulty_ramping?: boolean;
}

/** The defaults of MinAtar's `Environment`. */
export const MINATAR_DEFAULTS = { stickyActionProb: 0.1, difficultyRamping: true } as const;

const oneOf = <T>(camel: T | undefined, snake: T | undefined, name: string): T | undefined => {
  if (camel !== undefined && snake !== undefined && camel !== snake) throw new RangeError(`MinAtar options: ${name} is given twice with different values (${String(camel)}, ${String(snake)})`);
  return camel ?? snake;
};

/**
 * The options with defaults filled in and checked (RangeError/TypeError on a bad value).
 *
 * @example resolveMinAtarOptions({ sticky_action_prob: 0 }) // { stickyActionProb: 0, difficultyRamping: true }
 */
export const resolveMinAtarOptions = (options: MinAtarOptions = {}): { readonly stickyActionProb: number; readonly difficultyRamping: boolean } => {
  const stickyActionProb = oneOf(options.stickyActionProb, options.sticky_action_prob, 'stickyActionProb') ?? MINATAR_DEFAULTS.stickyActionProb;
  const difficultyRamping = oneOf(options.difficultyRamping, options.difficulty_ramping, 'difficultyRamping') ?? MINATAR_DEFAULTS.difficultyRamping;
  if (typeof stickyActionProb !== 'number' || !(stickyActionProb >= 0 && stickyActionProb <= 1)) throw new RangeError(`MinAtar options: stickyActionProb must be a number in [0, 1], got ${String(stickyActionProb)}`);
  if (typeof difficultyRamping !== 'boolean') throw new TypeError(`MinAtar options: difficultyRamping must be a boolean, got ${String(difficultyRamping)}`);
  return { stickyActionProb, difficultyRamping };
};

/** A MinAtar env: an {@link Env} that also steps into caller-owned buffers (used by `VectorEnv`). */
export type MinAtarEnv = Env & StepsInPlace;

/**
 * Layout of `getState()`: [game index, MT19937 key (624 words), MT position, previous action,
 * the game's fields (see ./game.ts `encodeState`, terminal flag last)].
 */
const HEADER = 1;
const LAST_ACTION_AT = HEADER + MT_STATE_WORDS + 1;

const gameEnv = <S extends GameState>(game: MinAtarGame<S>, gameIndex: number, id: MinAtarEnvId, options: MinAtarOptions): MinAtarEnv => {
  const { stickyActionProb, difficultyRamping } = resolveMinAtarOptions(options);
  const channels = game.channels.length;
  const size = GRID * GRID * channels;
  const observationSpace: BoxSpace = box(new Float32Array(size), new Float32Array(size).fill(1), [GRID, GRID, channels]);
  const actions = id.endsWith('-v1') ? game.minimalActions : Array.from({ length: ALL_ACTIONS }, (_, a) => a);
  const actionSpace: DiscreteSpace = discrete(actions.length);

  let random: RandomState | null = null;
  let state: S | null = null;
  let lastAction = 0;
  let elapsed = 0;
  const outcome: InPlaceStepResult = { reward: 0, terminated: false, truncated: false };

  const started = (what: string): { readonly state: S; readonly random: RandomState } => {
    if (state === null || random === null) throw new Error(`${id}: ${what} before reset(); call reset() (or setState/restore) first`);
    return { state, random };
  };

  const observe = (current: S, out: Float32Array, offset: number): void => {
    out.fill(0, offset, offset + size);
    game.render(current, out, offset);
  };

  const advance = (raw: number, out: Float32Array, offset: number): InPlaceStepResult => {
    const { state: current, random: stream } = started('step()');
    if (!Number.isInteger(raw) || raw < 0 || raw >= actions.length) throw new RangeError(`${id}: action must be an integer in [0, ${actions.length - 1}], got ${raw} at step ${elapsed}`);
    let action = actions[raw];
    // MinAtar draws the sticky coin on every act, also once the game is over
    if (stream.rand() < stickyActionProb) action = lastAction;
    lastAction = action;
    outcome.reward = current.terminal ? 0 : game.step(current, action, stream, difficultyRamping);
    outcome.terminated = current.terminal;
    elapsed += 1;
    observe(current, out, offset);
    return outcome;
  };

  const getState = (): Float64Array => {
    const { state: current, random: stream } = started('getState()');
    const values: number[] = new Array<number>(LAST_ACTION_AT + 1);
    values[0] = gameIndex;
    stream.writeTo(values, HEADER);
    values[LAST_ACTION_AT] = lastAction;
    return Float64Array.from(encodeState(current, game.layout, values));
  };

  const setState = (values: ArrayLike<number>): void => {
    if (values.length <= LAST_ACTION_AT || values[0] !== gameIndex) throw new RangeError(`${id}: not a ${game.name} state (${values.length} values, game ${values[0]})`);
    const previous = values[LAST_ACTION_AT];
    if (!Number.isInteger(previous) || previous < 0 || previous >= ALL_ACTIONS) throw new RangeError(`${id}: state's previous action must be an integer in [0, 5], got ${previous}`);
    let decoded: { readonly state: S; readonly end: number };
    try {
      decoded = decodeState<S>(values, LAST_ACTION_AT + 1, game.layout);
    } catch (error) {
      throw new RangeError(`${id}: ${(error as Error).message}`);
    }
    if (decoded.end !== values.length) throw new RangeError(`${id}: state has ${values.length - decoded.end} values too many`);
    const stream = new RandomState(DEFAULT_SEED);
    stream.readFrom(values, HEADER);
    random = stream;
    state = decoded.state;
    lastAction = previous;
  };

  return {
    id,
    observationSpace,
    actionSpace,
    maxEpisodeSteps: Infinity,

    reset(seed?: number): Float32Array {
      if (seed !== undefined && !isRandomStateSeed(seed)) throw new RangeError(`${id}: seed must be an integer in [0, 2**32 - 1] (NumPy's RandomState), got ${seed}`);
      if (seed !== undefined || random === null) random = new RandomState(seed ?? DEFAULT_SEED);
      state = game.reset(random);
      elapsed = 0;
      const observation = new Float32Array(size);
      observe(state, observation, 0);
      return observation;
    },

    step(action: Action): StepResult {
      if (typeof action !== 'number') throw new TypeError(`${id}: action must be an integer in [0, ${actions.length - 1}], got ${typeof action} at step ${elapsed}`);
      const observation = new Float32Array(size);
      const { reward, terminated } = advance(action, observation, 0);
      return { observation, reward, terminated, truncated: false };
    },

    stepInto: (actionValues: ArrayLike<number>, actionOffset: number, observations: Float32Array, observationOffset: number): InPlaceStepResult =>
      advance(actionValues[actionOffset], observations, observationOffset),

    getState,
    setState,

    snapshot: (): EnvSnapshot => ({ state: state === null ? new Float64Array(0) : getState(), elapsedSteps: elapsed, random: null }),

    restore(snapshot: EnvSnapshot): void {
      if (!Number.isSafeInteger(snapshot.elapsedSteps) || snapshot.elapsedSteps < 0) throw new RangeError(`${id}: snapshot elapsedSteps must be a non-negative integer, got ${snapshot.elapsedSteps}`);
      if (snapshot.state.length === 0) {
        state = null;
        random = null;
      } else setState(snapshot.state);
      elapsed = snapshot.elapsedSteps;
    },

    close: () => undefined,
  };
};

/**
 * A new MinAtar env, not yet reset. Throws on an id that is not a MinAtar id or a bad option.
 *
 * @example
 * const env = minatarEnv('MinAtar/Breakout-v1');            // sticky actions 0.1, ramping on
 * const obs = env.reset(0);                                  // Float32Array [10 · 10 · 4], 0/1
 * const { reward, terminated } = env.step(2);                // v1 action 2 = 'r'
 * minatarEnv('MinAtar/Seaquest-v0', { stickyActionProb: 0 }); // all six actions, no sticky actions
 */
export const minatarEnv = (id: MinAtarEnvId, options: MinAtarOptions = {}): MinAtarEnv => {
  const name = /^MinAtar\/(\w+)-v[01]$/.exec(id)?.[1];
  const index = gameNames.findIndex((g) => g === name);
  if (!isMinAtarEnvId(id) || index < 0) throw new RangeError(`not a MinAtar env id: ${id}`);
  const build = <S extends GameState>(game: MinAtarGame<S>): MinAtarEnv => gameEnv(game, index, id, options);
  switch (gameNames[index]) {
    case 'Breakout': return build(breakout);
    case 'SpaceInvaders': return build(spaceInvaders);
    case 'Freeway': return build(freeway);
    case 'Asterix': return build(asterix);
    case 'Seaquest': return build(seaquest);
  }
};
