// Training on an env of your own: any object meeting the Env contract (reset, step, spaces,
// getState/setState, snapshot/restore, close) trains through train(config, { makeEnv }).
// PointReach: a point on [-1, 1] must move to a target drawn at reset; continuous actions.
// Run: npm run build && node --import tsx examples/customEnv.ts
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, toArray } from 'rxjs';
import type { Env } from 'trpo-streams';
import { Rng, box, resolveConfig, rngStateFromSeed, train } from 'trpo-streams';

const pointReach = (): Env => {
  let rng = new Rng(rngStateFromSeed(0));
  let x = 0, target = 0, t = 0;
  const observe = () => Float32Array.of(x, target);
  return {
    id: 'PointReach-v0',
    observationSpace: box([-1, -1], [1, 1]),
    actionSpace: box([-1], [1]),
    maxEpisodeSteps: 50,
    reset(seed) {
      if (seed !== undefined) rng = new Rng(rngStateFromSeed(seed));
      x = 0;
      target = 2 * rng.uniform() - 1;
      t = 0;
      return observe();
    },
    step(action) {
      const a = Math.max(-1, Math.min(1, typeof action === 'number' ? action : action[0]));
      x = Math.max(-1, Math.min(1, x + 0.1 * a));
      t += 1;
      return { observation: observe(), reward: -Math.abs(x - target), terminated: false, truncated: t >= 50 };
    },
    getState: () => Float64Array.of(x, target),
    setState(state) {
      [x, target] = [state[0], state[1]];
    },
    snapshot: () => ({ state: Float64Array.of(x, target), elapsedSteps: t, random: rng.state() }),
    restore(snapshot) {
      [x, target] = [snapshot.state[0], snapshot.state[1]];
      t = snapshot.elapsedSteps;
      rng = new Rng(snapshot.random as ReturnType<Rng['state']>);
    },
    close: () => undefined,
  };
};

const config = resolveConfig({ env: 'PointReach-v0', knownEnvs: ['PointReach-v0'], flags: { seed: 0, totalSteps: 30_000 } });
if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));
const metrics = await lastValueFrom(train(config.right, { makeEnv: pointReach }).pipe(toArray()));
const first = metrics[0].episodeReturnMean ?? NaN, last = metrics[metrics.length - 1].episodeReturnMean ?? NaN;
console.log(`PointReach-v0: return ${first.toFixed(2)} → ${last.toFixed(2)} over ${metrics.length} iterations`);
