// The Hopper-v5 sampling batch the bench rows share: fresh envs reset with seed 0, a 64-64
// Gaussian policy, frozen observation statistics, and the envs' starting state.
import { Rng, rngStateFromSeed, splitRng } from '../src/algebra/rng.js';
import { emptyStats, updateStats } from '../src/algebra/runningStats.js';
import { makeEnvAsync } from '../src/envs/registry.js';
import type { VectorEnvState } from '../src/envs/vectorEnv.js';
import { VectorEnv } from '../src/envs/vectorEnv.js';
import { initNetwork } from '../src/policies/networkSpec.js';
import { policyParameterCount, policySpec } from '../src/policies/policySpec.js';
import type { SegmentRequest } from '../src/streams/sampling/segment.js';

/**
 * `numEnvs` Hopper-v5 envs and a request of `stepsPerEnv` steps for each.
 *
 * @example const { envs, request, state } = await hopperBatch(8, 512);
 */
export const hopperBatch = async (numEnvs: number, stepsPerEnv: number): Promise<{ envs: VectorEnv; request: SegmentRequest; state: VectorEnvState }> => {
  const envs = new VectorEnv(await Promise.all(Array.from({ length: numEnvs }, () => makeEnvAsync('Hopper-v5'))));
  const spec = policySpec({ observationDim: 11, head: 'gaussian', actionSize: 3, hiddenSizes: [64, 64], activation: 'tanh' });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initNetwork(spec.network, { outputGain: 0.01 }, new Rng(rngStateFromSeed(4))));
  const observations = Float32Array.from(envs.reset(0));
  const request: SegmentRequest = {
    policySpec: spec,
    policyParams: params,
    observationStats: updateStats(emptyStats(11), observations),
    stepsPerEnv,
    rngs: splitRng(rngStateFromSeed(5), numEnvs),
    observations,
    episodeReturns: new Float64Array(numEnvs),
    episodeLengths: new Float64Array(numEnvs),
  };
  return { envs, request, state: envs.snapshot() };
};
