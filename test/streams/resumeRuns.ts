// A run straight through, and the same run stopped after 2 iterations, checkpointed through
// serialize/deserialize and resumed: what the exact-resume tests compare.
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, take, toArray } from 'rxjs';
import type { TrainConfig } from '../../src/config/config.js';
import { deserializeState, serializeState } from '../../src/streams/stateCodec.js';
import { trainRun } from '../../src/streams/train.js';
import type { IterationResult, TrainingState } from '../../src/streams/types.js';

export const resumedAfterTwo = async (
  config: TrainConfig,
): Promise<{ straight: IterationResult[]; firstTwo: IterationResult[]; restored: TrainingState; rest: IterationResult[] }> => {
  const straight = await lastValueFrom(trainRun(config).pipe(toArray()));
  const firstTwo = await lastValueFrom(trainRun(config).pipe(take(2), toArray()));
  const restored = deserializeState(serializeState(firstTwo[1].state));
  if (E.isLeft(restored)) throw new Error(`the checkpoint does not decode: ${JSON.stringify(restored.left)}`);
  const rest = await lastValueFrom(trainRun(config, { initialState: restored.right }).pipe(toArray()));
  return { straight, firstTwo, restored: restored.right, rest };
};
