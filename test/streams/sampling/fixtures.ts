import { Rng, rngStateFromSeed, splitRng } from '../../../src/algebra/rng.js';
import type { RunningStats } from '../../../src/algebra/runningStats.js';
import type { VectorEnv } from '../../../src/envs/vectorEnv.js';
import { initNetwork } from '../../../src/policies/networkSpec.js';
import { policySpec, policyParameterCount } from '../../../src/policies/policySpec.js';
import type { PolicySpec } from '../../../src/policies/policySpec.js';
import type { SegmentRequest } from '../../../src/streams/sampling/segment.js';

/** Options of {@link segmentFixture}. */
export interface FixtureOptions {
  readonly hidden: number;
  readonly stepsPerEnv: number;
  readonly resetSeed: number;
  readonly stats: (obsDim: number) => RunningStats | null;
}

/** Resets `envs` and builds a sampling request for them with a randomly initialized policy. */
export const segmentFixture = (envs: VectorEnv, options: FixtureOptions): { request: SegmentRequest; spec: PolicySpec } => {
  const observations = Float32Array.from(envs.reset(options.resetSeed));
  const space = envs.actionSpace;
  const spec = policySpec({
    observationDim: envs.obsDim,
    head: space._tag === 'Discrete' ? 'categorical' : 'gaussian',
    actionSize: space._tag === 'Discrete' ? space.n : space.shape[0],
    hiddenSizes: [options.hidden],
    activation: 'tanh',
  });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initNetwork(spec.network, { outputGain: 1 }, new Rng(rngStateFromSeed(options.resetSeed + 100))));
  const request: SegmentRequest = {
    policySpec: spec,
    policyParams: params,
    observationStats: options.stats(envs.obsDim),
    stepsPerEnv: options.stepsPerEnv,
    rngs: splitRng(rngStateFromSeed(options.resetSeed + 200), envs.num),
    observations,
    episodeReturns: new Float64Array(envs.num),
    episodeLengths: new Float64Array(envs.num),
  };
  return { request, spec };
};
