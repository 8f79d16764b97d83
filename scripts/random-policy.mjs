// The return of a uniform random policy: node scripts/random-policy.mjs ENV_ID [EPISODES] [SEED]
// Episode i starts from reset(SEED + i); actions are drawn uniformly (a Discrete action from
// {start, ..., start + n − 1}, a Box action per coordinate in [low, high]) by the package's Rng
// seeded with SEED. Prints one JSON line: env, episodes, returnMean, returnStd, returnStdErr,
// lengthMean. Run `npm run build` first.
import { makeEnvAsync, Rng, rngStateFromSeed } from '../dist/index.js';

const [envId, episodesArg = '1000', seedArg = '0'] = process.argv.slice(2);
if (!envId) { console.error('usage: node scripts/random-policy.mjs ENV_ID [EPISODES] [SEED]'); process.exit(2); }
const episodes = Number(episodesArg), seed = Number(seedArg);
if (!Number.isInteger(episodes) || episodes < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error(`episodes must be a positive integer and seed a non-negative integer (got ${episodesArg}, ${seedArg})`);
  process.exit(2);
}
const env = await makeEnvAsync(envId);
const rng = new Rng(rngStateFromSeed(seed));
const space = env.actionSpace;
const randomAction = space._tag === 'Discrete'
  ? () => space.start + rng.int(space.n)
  : () => Float32Array.from(space.low, (low, k) => low + (space.high[k] - low) * rng.uniform());
const returns = [], lengths = [];
for (let i = 0; i < episodes; i++) {
  env.reset(seed + i);
  let total = 0, length = 0;
  for (let done = false; !done; length++) {
    const step = env.step(randomAction());
    total += step.reward;
    done = step.terminated || step.truncated;
  }
  returns.push(total); lengths.push(length);
}
const mean = returns.reduce((a, b) => a + b, 0) / episodes;
const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / episodes);
const lengthMean = lengths.reduce((a, b) => a + b, 0) / episodes;
console.log(JSON.stringify({ env: envId, episodes, seed, returnMean: mean, returnStd: std, returnStdErr: std / Math.sqrt(episodes), lengthMean }));
