/**
 * Candidate evaluation for derivative-free update rules: whole episodes of each candidate
 * parameter vector on a fresh env, with common random numbers across candidates.
 *
 * @module
 */
import { defer, from, map, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rng, splitRng } from '../algebra/rng.js';
import type { RngState } from '../algebra/rng.js';
import type { EnvFactory } from '../envs/registry.js';
import { playEpisode } from './evaluate.js';
import type { Estimated } from './types.js';
import type { CandidateRequest, CandidateScores, RuleContext } from './updateRule.js';

export type { EnvFactory } from '../envs/registry.js';

/** Episodes longer than this are cut (an env without a time limit must not hang an update). */
const MAX_EPISODE_STEPS = 100_000;

/**
 * Evaluates candidates on one env made by `makeEnv`: episode e of every candidate starts from
 * `reset(seed_e)` and (when sampling) draws its action noise from stream e, both split off the
 * evaluation stream `stream`, so candidates are compared on the same starts and noise. Observations
 * are normalized with the statistics the batch was sampled with.
 */
export const evaluateCandidates = (makeEnv: EnvFactory, stage: Estimated, stream: RngState, request: CandidateRequest): Observable<CandidateScores> =>
  defer(() => from(Promise.resolve(makeEnv()))).pipe(
    map((env) => {
      try {
        const { policySpec: spec, observationStats } = stage.state;
        const streams = splitRng(stream, request.episodes + 1);
        const seedRng = new Rng(streams[0]);
        const seeds = Array.from({ length: request.episodes }, () => seedRng.int(2 ** 31));
        const deterministic = request.deterministic ?? false;
        let timesteps = 0;
        const returns = request.candidates.map((params) =>
          seeds.map((seed, e) => {
            const played = playEpisode(env, { spec, params, observationStats }, { seed, deterministic, rng: streams[e + 1], maxSteps: MAX_EPISODE_STEPS });
            timesteps += played.length;
            return played.return;
          }),
        );
        return { returns, means: returns.map((r) => r.reduce((a, b) => a + b, 0) / r.length), timesteps };
      } finally {
        env.close();
      }
    }),
  );

/**
 * The {@link RuleContext} of one update: candidates are evaluated on envs from `makeEnv`; the
 * iteration's rule stream is split into the rule's own stream and the evaluation's.
 *
 * @example
 * ruleOperator(rule, candidateContext(() => makeEnv('CartPole-v1')))
 */
export const candidateContext =
  (makeEnv: EnvFactory) =>
  (stage: Estimated): RuleContext => {
    const [own, evaluation] = splitRng(stage.streams.rule, 2);
    return { rng: own, evaluate: (request) => evaluateCandidates(makeEnv, stage, evaluation, request) };
  };

/**
 * The {@link RuleContext} of a stage that offers no candidate evaluation (a hand-composed
 * `trustRegionStep`): the rule's own stream as in {@link candidateContext}; `evaluate` errors.
 *
 * @example
 * estimated$.pipe(ruleOperator(trpoRule(config.trpo), noCandidates))
 */
export const noCandidates = (stage: Estimated): RuleContext => ({
  rng: splitRng(stage.streams.rule, 2)[0],
  evaluate: () => throwError(() => new Error('this update stage offers no candidate evaluation; compose the rule with candidateContext(makeEnv)')),
});
