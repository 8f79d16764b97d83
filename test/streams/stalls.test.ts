import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, map, share, toArray, zip } from 'rxjs';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { trainRun } from '../../src/streams/train.js';
import { stallWarnings } from '../../src/streams/stalls.js';
import type { UpdateOperator } from '../../src/streams/updateRule.js';
import { progressView } from '../../src/cli/progress.js';

const config = (env: string) => {
  const r = resolveConfig({ env, knownEnvs: envIds, file: { totalSteps: 900, numEnvs: 2, stepsPerEnv: 50, seed: 3, value: { epochs: 1, minibatchSize: 50 } }, flags: { backend: 'cpu' } });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** An update rule whose line search rejects iterations 3–9 (entropy as given) and accepts the rest. */
const rejecting = (entropy: number): UpdateOperator =>
  map((stage) => {
    const accepted = stage.state.iteration + 1 < 3;
    return { ...stage, update: { params: stage.state.policyParams, accepted, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy, cgIterations: 0, gradientNorm: 0 } };
  });

test('a run whose updates are rejected 7 times in a row warns once, at the 4th, and leaves the run alone', async () => {
  const run = trainRun(config('CartPole-v1'), { update: () => rejecting(1e-9) }).pipe(share());
  const [results, warnings] = await lastValueFrom(zip(run.pipe(toArray()), run.pipe(stallWarnings(4), toArray())));
  assert.equal(results.map((r) => r.metrics.accepted), [true, true, false, false, false, false, false, false, false]);
  assert.is(warnings.length, 1);
  assert.equal([warnings[0].iteration, warnings[0].rejectedInARow], [6, 4]);
  assert.match(warnings[0].message, /iteration 6: the last 4 updates were all rejected .* The policy looks deterministic/);
});

test('a Gaussian policy is not called deterministic for its entropy', async () => {
  const warnings = await lastValueFrom(trainRun(config('Pendulum-v1'), { update: () => rejecting(-3) }).pipe(stallWarnings(4), toArray()));
  assert.is(warnings.length, 1);
  assert.not.match(warnings[0].message, /deterministic/);
});

test('the plain progress view writes a warning to its error stream, apart from the progress lines', () => {
  const written: string[] = [], errors: string[] = [];
  const out = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const err = { write: (s: string) => errors.push(s) } as unknown as NodeJS.WritableStream;
  const view = progressView(100, 0, out, err);
  view.warn('warning: stalled');
  assert.equal([written, errors], [[], ['warning: stalled\n']]);
});

test.run();
