// A derivative-free update rule through trainLoop: basic random search (Mania et al. 2018, V1)
// on CartPole-v1. Every update perturbs the policy weights along `directions` random directions,
// evaluates θ ± νδ by whole episodes (the loop's candidate evaluation; those steps count toward
// timesteps), and steps along the directions weighted by the return differences. The rule's
// state (its update count and step size) lives in the training state, so it is checkpointed.
// Run: npm run build && node --import tsx examples/randomSearch.ts
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, map, tap } from 'rxjs';
import type { UpdateRule } from 'trpo-streams';
import {
  Rng,
  advantages,
  candidateContext,
  envIds,
  initialTrainingState,
  inProcessSampler,
  isIterationEvent,
  makeEnvAsync,
  makeVectorEnv,
  resolveConfig,
  ruleOperator,
  selectBackend,
  trainLoop,
} from 'trpo-streams';

interface SearchState {
  readonly updates: number;
  readonly stepSize: number;
}

const randomSearch = (directions: number, noise: number): UpdateRule<SearchState> => ({
  name: 'random-search',
  init: () => ({ updates: 0, stepSize: 0.02 }),
  update: (stage, state, context) => {
    const theta = stage.state.policyParams;
    const rng = new Rng(context.rng);
    const deltas = Array.from({ length: directions }, () => Float32Array.from(theta, () => rng.normal()));
    const candidates = deltas.flatMap((d) => [Float32Array.from(theta, (t, i) => t + noise * d[i]), Float32Array.from(theta, (t, i) => t - noise * d[i])]);
    return context.evaluate({ candidates, episodes: 1, deterministic: true }).pipe(
      map(({ means, timesteps }) => {
        const mean = means.reduce((a, b) => a + b, 0) / means.length;
        const spread = Math.sqrt(means.reduce((a, r) => a + (r - mean) ** 2, 0) / means.length) || 1;
        const params = Float32Array.from(theta);
        deltas.forEach((d, k) => {
          const weight = (state.stepSize * (means[2 * k] - means[2 * k + 1])) / (directions * spread);
          for (let i = 0; i < params.length; i++) params[i] += weight * d[i];
        });
        return {
          update: { params, accepted: true, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0, diagnostics: { meanCandidateReturn: mean } },
          ruleState: { updates: state.updates + 1, stepSize: state.stepSize },
          timesteps,
        };
      }),
    );
  },
});

const resolved = resolveConfig({
  env: 'CartPole-v1',
  knownEnvs: envIds,
  file: { numEnvs: 1, stepsPerEnv: 50, totalSteps: 60_000, policy: { hiddenSizes: [] } },
  flags: { seed: 1 },
});
if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
const config = resolved.right;
await selectBackend(config.backend);
const envs = await makeVectorEnv(config);
const makeEnv = () => makeEnvAsync(config.env);
const last = await lastValueFrom(
  trainLoop(
    {
      sampler: inProcessSampler(envs),
      estimator: advantages({ gamma: config.gamma, lambda: config.lambda, normalize: false }),
      update: ruleOperator(randomSearch(8, 0.05), candidateContext(makeEnv)),
      valueFit: map((stage) => ({ ...stage, valueFit: { params: stage.state.valueParams, optimizer: stage.state.valueOptimizer, targetStats: stage.state.valueTargetStats, lossBefore: 0, loss: 0, explainedVariance: 0 } })),
    },
    initialTrainingState(config, envs),
    { stepsPerEnv: config.stepsPerEnv, totalSteps: config.totalSteps },
  ).pipe(
    filter(isIterationEvent),
    tap(({ metrics }) => metrics.iteration % 5 === 0 && console.log(`update ${metrics.iteration}: mean candidate return ${metrics.diagnostics?.meanCandidateReturn}, timesteps ${metrics.timesteps}`)),
  ),
);
console.log(`random search: ${last.metrics.iteration} updates, mean candidate return ${last.metrics.diagnostics?.meanCandidateReturn}, rule state ${JSON.stringify(last.state.rule)}`);
