// A short real CartPole run recorded in-process, replayed into a dashboard at the test's pace.
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, toArray } from 'rxjs';
import { resolveConfig } from '../../src/config/presets.js';
import type { TrainConfig } from '../../src/config/config.js';
import { envIds } from '../../src/envs/registry.js';
import { trainEvents } from '../../src/streams/train.js';
import type { TrainEvent } from '../../src/streams/types.js';

/** The config of a short run (2000 steps per iteration on CartPole-v1's default preset). */
export const shortConfig = (overrides: { seed?: number; totalSteps?: number; method?: 'trpo' | 'npg'; env?: string } = {}): TrainConfig => {
  const config = resolveConfig({
    env: overrides.env ?? 'CartPole-v1',
    knownEnvs: envIds,
    flags: { seed: overrides.seed ?? 0, totalSteps: overrides.totalSteps ?? 20_000, backend: 'wasm', method: overrides.method },
  });
  if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));
  return config.right;
};

/** Every event of a run, split by iteration: the episodes of iteration k, then its iteration event. */
export const recordRun = async (config: TrainConfig): Promise<TrainEvent[][]> => {
  const events = await lastValueFrom(trainEvents(config).pipe(toArray()));
  const byIteration: TrainEvent[][] = [[]];
  for (const event of events) {
    byIteration[byIteration.length - 1].push(event);
    if (event._tag === 'iteration') byIteration.push([]);
  }
  return byIteration.filter((chunk) => chunk.length > 0);
};
