// A trained policy in code, as SB3's load + predict: loadPolicy reads a run's policy.json and acts
// on raw observations (its saved normalizer applied), deterministically or by sampling.
// Run: node dist/cli/main.js train --env CartPole-v1 --steps 20000 --out runs/cartpole
//      node --import tsx examples/usePolicy.ts runs/cartpole
import * as E from 'fp-ts/lib/Either.js';
import { Rng, makeEnv, rngStateFromSeed } from 'trpo-streams';
import { loadPolicy } from 'trpo-streams/node';

const policy = loadPolicy(process.argv[2] ?? 'runs/cartpole');
if (E.isLeft(policy)) throw new Error(policy.left.message);
const env = makeEnv('CartPole-v1');
let observation = env.reset(0), total = 0;
for (let done = false; !done; ) {
  const step = env.step(policy.right.act(observation, { deterministic: true }));
  [observation, total, done] = [step.observation, total + step.reward, step.terminated || step.truncated];
}
const sampled = policy.right.act(observation, { deterministic: false, rng: new Rng(rngStateFromSeed(1)) });
console.log(`deterministic episode return ${total}; a sampled action: ${sampled}`);
