// One recorded episode from rollouts: a saved policy plays CartPole-v1 deterministically and every
// step (observation, action, reward, flags and the simulator state) is kept, e.g. to draw or replay it.
// Run: node dist/cli/main.js train --env CartPole-v1 --steps 20000 --out runs/cartpole
//      node --import tsx examples/recordEpisode.ts runs/cartpole
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, toArray } from 'rxjs';
import { makeEnv, rollouts } from 'trpo-streams';
import { loadPolicy } from 'trpo-streams/node';

const policy = loadPolicy(process.argv[2] ?? 'runs/cartpole');
if (E.isLeft(policy)) throw new Error(policy.left.message);
const steps = await lastValueFrom(rollouts(makeEnv('CartPole-v1'), policy.right, { seed: 0, deterministic: true, withState: true }).pipe(toArray()));
const total = steps.reduce((sum, step) => sum + step.reward, 0);
const last = steps[steps.length - 1];
console.log(`recorded ${steps.length} steps, return ${total}, ended ${last.terminated ? 'terminated' : 'truncated'}, final state [${Array.from(last.state ?? [], (x) => x.toFixed(3)).join(', ')}]`);
