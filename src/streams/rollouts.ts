/**
 * One env's steps under a saved policy, as an Observable: for evaluation, pictures and replays.
 * Browser-safe (no node:* imports, no tfjs): acting is the plain-TypeScript forward pass.
 *
 * @module
 */
import { Observable, asyncScheduler } from 'rxjs';
import type { SchedulerAction, SchedulerLike } from 'rxjs';
import { Rng, rngStateFromSeed } from '../algebra/rng.js';
import type { RngState } from '../algebra/rng.js';
import type { Action, Env } from '../envs/env.js';
import type { ActOptions, LoadedPolicy } from './loadedPolicy.js';
import { PolicyEnvMismatchError, policyEnvMismatch, policyFromSaved } from './loadedPolicy.js';
import type { SavedPolicy } from './savedPolicy.js';

/** The part of a {@link SavedPolicy} that acts: architecture, weights, frozen observation normalizer. */
export type PolicySnapshot = Pick<SavedPolicy, 'spec' | 'params' | 'observationStats'>;

/** Options of {@link rollouts}. */
export interface RolloutOptions {
  /** The episode starts from `env.reset(seed)`. */
  readonly seed: number;
  /** Act with the distribution's mode (argmax of the logits, the Gaussian mean); else draw from it. */
  readonly deterministic: boolean;
  /** Attach `env.getState()` after each step (default false). */
  readonly withState?: boolean;
  /** Stop after this many steps even if the episode goes on (default: no limit but the env's). */
  readonly maxSteps?: number;
  /** Generator state of the action draws (default `rngStateFromSeed(seed)`); unused when deterministic. */
  readonly rng?: RngState;
  /** Scheduler each step is emitted through, e.g. `animationFrameScheduler` (default: synchronous, or `asyncScheduler` when `stepDelay` > 0). */
  readonly scheduler?: SchedulerLike;
  /** Milliseconds the scheduler waits before each step (default 0). */
  readonly stepDelay?: number;
}

/** One env step of a rollout. */
export interface RolloutStep {
  /** Index of the step in the episode, from 0. */
  readonly t: number;
  /** Raw (not normalized) observation after the step, `[obsDim]`; the one before step 0 is `env.reset(seed)`'s. */
  readonly observation: Float32Array;
  /** The action passed to `env.step`: a category index, or a fresh `[actionDim]` vector (not clipped). */
  readonly action: Action;
  readonly reward: number;
  readonly terminated: boolean;
  readonly truncated: boolean;
  /** `env.getState()` after the step, with `withState` only. */
  readonly state?: Float64Array;
}

/** `policy` ready to act; a snapshot is wrapped as a saved policy of `env`'s id. */
const actingPolicy = (env: Env, policy: PolicySnapshot | LoadedPolicy): LoadedPolicy =>
  'act' in policy ? policy : policyFromSaved({ format: 'trpo-policy/1', env: env.id, iteration: 0, timesteps: 0, ...policy });

/** An episode under way: take its next step while it is not over. */
interface EpisodeStepper {
  readonly over: () => boolean;
  readonly next: () => RolloutStep;
}

/** Starts the episode (resets `env`). */
const episodeStepper = (env: Env, policy: PolicySnapshot | LoadedPolicy, options: RolloutOptions): EpisodeStepper => {
  const maxSteps = options.maxSteps ?? Infinity;
  if (!(maxSteps === Infinity || (Number.isSafeInteger(maxSteps) && maxSteps >= 0))) throw new Error(`rollouts: maxSteps must be a non-negative integer, got ${maxSteps}`);
  const acting = actingPolicy(env, policy);
  const mismatch = policyEnvMismatch(acting, env);
  if (mismatch) throw new PolicyEnvMismatchError(`rollouts: ${mismatch}`);
  const act: ActOptions = options.deterministic ? { deterministic: true } : { deterministic: false, rng: new Rng(options.rng ?? rngStateFromSeed(options.seed)) };
  let observation = env.reset(options.seed), t = 0, ended = false;
  const over = () => ended || t >= maxSteps;
  const next = (): RolloutStep => {
    const action: Action = acting.act(observation, act);
    const step = env.step(action);
    observation = step.observation;
    ended = step.terminated || step.truncated;
    const { reward, terminated, truncated } = step;
    return { t: t++, observation, action, reward, terminated, truncated, ...(options.withState ? { state: env.getState() } : {}) };
  };
  return { over, next };
};

/**
 * One episode of `env` under `policy` (a saved policy's snapshot, or a {@link LoadedPolicy}), a step per emission, completing when the episode ends
 * (terminated or truncated) or after `maxSteps`. The observation normalizer saved with the policy
 * is applied before acting; a policy that does not fit the env errors with `PolicyEnvMismatchError`. Cold: each subscription resets `env` with `seed` and runs its own
 * episode (so one env serves one subscription at a time); unsubscribing stops stepping at once.
 * Steps come synchronously unless a `scheduler` (or a `stepDelay`) paces them. The env is not
 * closed: it stays the caller's.
 *
 * @example
 * const env = makeEnv('CartPole-v1');
 * rollouts(env, savedPolicy, { seed: 0, deterministic: true, withState: true })
 *   .pipe(reduce((total, step) => total + step.reward, 0))
 *   .subscribe((episodeReturn) => console.log(episodeReturn));
 * // paced for a picture, one step per animation frame:
 * rollouts(env, savedPolicy, { seed: 1, deterministic: false, scheduler: animationFrameScheduler }).subscribe(draw);
 */
export const rollouts = (env: Env, policy: PolicySnapshot | LoadedPolicy, options: RolloutOptions): Observable<RolloutStep> =>
  new Observable<RolloutStep>((subscriber) => {
    const episode = episodeStepper(env, policy, options);
    const delay = options.stepDelay ?? 0;
    const scheduler = options.scheduler ?? (delay > 0 ? asyncScheduler : null);
    // Emits one step, completing with the last; false once the episode is over or the env failed.
    const emit = (): boolean => {
      let step: RolloutStep;
      try {
        step = episode.next();
      } catch (error) {
        subscriber.error(error);
        return false;
      }
      subscriber.next(step);
      if (!episode.over()) return true;
      subscriber.complete();
      return false;
    };
    if (episode.over()) return subscriber.complete();
    if (scheduler === null) {
      while (!subscriber.closed && emit());
      return;
    }
    return scheduler.schedule(function (this: SchedulerAction<undefined>) {
      if (emit()) this.schedule(undefined, delay);
    }, delay);
  });
