import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import type { Observable } from 'rxjs';
import { asyncScheduler, concatMap, filter, lastValueFrom, map, scan, timer, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { VectorEnv } from '../../src/envs/vectorEnv.js';
import { makeEnv } from '../../src/envs/registry.js';
import type { Env } from '../../src/envs/env.js';
import { box, discrete } from '../../src/envs/space.js';
import { hopOn } from '../../src/streams/immediate.js';
import type { LoopSampler, LoopStages } from '../../src/streams/loop.js';
import { trainLoop } from '../../src/streams/loop.js';
import { advantages } from '../../src/streams/operators/advantages.js';
import type { SampledSegment } from '../../src/streams/sampling/sampler.js';
import { inProcessSampler } from '../../src/streams/sampling/sampler.js';
import { sampleSegment } from '../../src/streams/sampling/segment.js';
import { initialTrainingState, isIterationEvent, trainEvents } from '../../src/streams/train.js';
import type { EpisodeEvent, Estimated, TrainEvent, TrainingState } from '../../src/streams/types.js';

const configFor = (overrides: Record<string, unknown>): TrainConfig => {
  const r = resolveConfig({ env: 'CartPole-v1', knownEnvs: envIds, file: overrides, flags: { backend: (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' } });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const small = configFor({ totalSteps: 1200, numEnvs: 2, stepsPerEnv: 100, seed: 3, value: { epochs: 1, minibatchSize: 100 } });

/**
 * Stages whose timing a marble test sets: sampling takes `sampleMs` virtual ms (real CartPole
 * steps, delivered late), the update `updateMs`, the value fit `fitMs`. The sampler records each
 * batch it starts as a cold observable so the test can check when it was subscribed and dropped.
 */
const timedStages = (helpers: { cold: TestScheduler['createColdObservable'] }, background: boolean, sampleMs: number, updateMs: number, fitMs: number) => {
  const vectorEnv = new VectorEnv([makeEnv('CartPole-v1'), makeEnv('CartPole-v1')]);
  const batches: ReturnType<TestScheduler['createColdObservable']>[] = [];
  const sampler: LoopSampler = {
    numEnvs: 2,
    background,
    sample: (envs, request): Observable<SampledSegment> => {
      const delay = helpers.cold(`${sampleMs}ms (a|)`);
      batches.push(delay);
      return delay.pipe(
        map(() => {
          vectorEnv.restore(envs);
          const segment = sampleSegment(vectorEnv, request);
          return { segment, envs: vectorEnv.snapshot() };
        }),
      );
    },
    close: () => undefined,
  };
  const stages: LoopStages = {
    sampler,
    estimator: map((s) => ({ ...s, estimates: { values: new Float64Array(s.batch.rows), advantages: new Float64Array(s.batch.rows), returns: new Float64Array(s.batch.rows) } })),
    update: concatMap((s: Estimated) =>
      timer(updateMs).pipe(
        map(() => ({ ...s, update: { params: s.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0 } })),
      ),
    ),
    valueFit: concatMap((s) =>
      timer(fitMs).pipe(
        map(() => ({ ...s, valueFit: { params: s.state.valueParams, optimizer: s.state.valueOptimizer, targetStats: null, lossBefore: 0, loss: 0, explainedVariance: 0 } })),
      ),
    ),
  };
  return { stages, batches, state: initialTrainingState(configFor({ numEnvs: 2 }), vectorEnv) };
};

const iterationsOf = (events: Observable<TrainEvent>) => events.pipe(filter(isIterationEvent), map((e) => String(e.metrics.iteration)));

test('marbles: a background sampler samples the next batch while the value net is fitted; in-process waits', () => {
  for (const background of [true, false]) {
    new TestScheduler((a, b) => assert.equal(a, b)).run((helpers) => {
      const { stages, state, batches } = timedStages(helpers, background, 30, 10, 20);
      const loop = trainLoop(stages, state, { stepsPerEnv: 5, totalSteps: 30, hop: hopOn(asyncScheduler), clock: () => asyncScheduler.now() });
      // sample 0–30, update –40, fit –60 (iteration 1). Ahead: batch 2 sampled 40–70, update –80, fit –100.
      // In-process: batch 2 sampled 60–90, update –100, fit –120.
      helpers.expectObservable(iterationsOf(loop)).toBe(background ? '60ms 1 39ms 2 39ms (3|)' : '60ms 1 59ms 2 59ms (3|)');
      helpers.flush();
      assert.is(batches.length, 3);
      helpers.expectSubscriptions(batches[1].subscriptions).toBe(background ? '40ms ^ 29ms !' : '60ms ^ 29ms !');
    });
  }
});

test('marbles: unsubscribing mid-iteration abandons the batch sampled ahead and stops all stages', () => {
  new TestScheduler((a, b) => assert.equal(a, b)).run((helpers) => {
    const { stages, state, batches } = timedStages(helpers, true, 30, 10, 20);
    const loop = trainLoop(stages, state, { stepsPerEnv: 5, totalSteps: 30, hop: hopOn(asyncScheduler), clock: () => asyncScheduler.now() });
    // unsubscribed at 50: iteration 1 is in its value fit, batch 2 has been sampling since 40
    helpers.expectObservable(iterationsOf(loop), '50ms !').toBe('');
    helpers.flush();
    assert.is(batches.length, 2, 'no batch starts after unsubscribing');
    helpers.expectSubscriptions(batches[0].subscriptions).toBe('^ 29ms !');
    helpers.expectSubscriptions(batches[1].subscriptions).toBe('40ms ^ 9ms !');
  });
});

test('marbles: unsubscribing during the first batch cancels the sampling at once', () => {
  new TestScheduler((a, b) => assert.equal(a, b)).run((helpers) => {
    const { stages, state, batches } = timedStages(helpers, false, 30, 10, 20);
    const loop = trainLoop(stages, state, { stepsPerEnv: 5, totalSteps: 30, hop: hopOn(asyncScheduler), clock: () => asyncScheduler.now() });
    helpers.expectObservable(loop, '12ms !').toBe('');
    helpers.flush();
    helpers.expectSubscriptions(batches[0].subscriptions).toBe('^ 11ms !');
  });
});

test('stages run over one long stream: a scan stage keeps its state across iterations', async () => {
  const seen: number[] = [];
  const counting = (config: TrainConfig) => (source: Observable<Parameters<ReturnType<typeof advantages>>[0] extends Observable<infer S> ? S : never>) =>
    source.pipe(
      advantages({ gamma: config.gamma, lambda: config.lambda, normalize: config.trpo.normalizeAdvantages }),
      scan((acc: { count: number; stage: Estimated | null }, stage: Estimated) => ({ count: acc.count + 1, stage }), { count: 0, stage: null }),
      map(({ count, stage }) => (seen.push(count), stage as Estimated)),
    );
  const events = await lastValueFrom(trainEvents(small, { estimator: counting }).pipe(filter(isIterationEvent), toArray()));
  assert.is(events.length, 6);
  assert.equal(seen, [1, 2, 3, 4, 5, 6]);
});

test("a sampler's report goes into the metrics of the batch it was read at; without one, no field", async () => {
  let calls = 0;
  const reporting = ({ envs }: { envs: VectorEnv }) => ({
    ...inProcessSampler(envs),
    report: () => ({ tasks: ++calls, retried: 0, duplicatesDropped: 0, rejectedResults: 0, bytesSent: 0, bytesReceived: 0 }),
  });
  const metricsOf = (events: TrainEvent[]) => events.filter(isIterationEvent).map((e) => e.metrics);
  const reported = metricsOf(await lastValueFrom(trainEvents(small, { sampler: reporting }).pipe(toArray())));
  const plain = metricsOf(await lastValueFrom(trainEvents(small).pipe(toArray())));
  assert.equal(reported.map((m) => m.broker?.tasks), [1, 2, 3, 4, 5, 6]);
  assert.ok(plain.every((m) => !('broker' in m)));
  assert.equal(
    reported.map(({ broker: _b, wallSeconds: _w, ...rest }) => rest),
    plain.map(({ wallSeconds: _w, ...rest }) => rest),
  );
});

test('one run, many subscribers: two subscribers of trainEvents see the same events and the envs are made once', async () => {
  let made = 0;
  const events = trainEvents(small, { makeEnv: () => (made++, makeEnv('CartPole-v1')) });
  const [a, b] = await Promise.all([lastValueFrom(events.pipe(toArray())), lastValueFrom(events.pipe(toArray()))]);
  assert.is(made, small.numEnvs, 'a second subscriber started a second run');
  assert.ok(a.length > 6);
  assert.is(a.length, b.length);
  a.forEach((event, i) => assert.is(event, b[i], `event ${i} differs`));
});

test('episode events: one per finished episode, before their iteration, consistent with the metrics', async () => {
  const events = await lastValueFrom(trainEvents(small).pipe(toArray()));
  let pending: EpisodeEvent[] = [];
  const returns: number[] = [];
  for (const event of events) {
    if (event._tag === 'episode') {
      pending.push(event);
      continue;
    }
    const { metrics } = event;
    assert.is(pending.length, metrics.episodes, `iteration ${metrics.iteration}`);
    for (const e of pending) {
      assert.is(e.iteration, metrics.iteration);
      assert.ok(e.terminated !== e.truncated);
      assert.ok(e.env >= 0 && e.env < small.numEnvs && e.length >= 1 && e.timesteps <= metrics.timesteps);
      returns.push(e.return);
    }
    const recent = returns.slice(-100);
    if (recent.length) assert.ok(Math.abs((metrics.episodeReturnMean ?? NaN) - recent.reduce((x, y) => x + y, 0) / recent.length) < 1e-9);
    pending = [];
  }
  assert.ok(returns.length > 10);
});

test('an update rule keeps its state in the training state; a state from another rule is refused', async () => {
  const counter = {
    name: 'counter',
    init: () => ({ updates: 0 }),
    update: (stage: Estimated, s: { updates: number }) => ({
      update: { params: stage.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0, diagnostics: { updates: s.updates + 1 } },
      ruleState: { updates: s.updates + 1 },
      timesteps: 7,
    }),
  };
  const results = await lastValueFrom(trainEvents(small, { update: () => counter }).pipe(filter(isIterationEvent), toArray()));
  assert.equal(results.map((r) => (r.state.rule?.state as { updates: number }).updates), [1, 2, 3, 4, 5, 6]);
  assert.equal(results.map((r) => r.metrics.diagnostics?.updates), [1, 2, 3, 4, 5, 6]);
  assert.is(results[0].metrics.timesteps, 207, 'the rule’s extra env steps count');
  const foreign: TrainingState = { ...results[2].state, rule: { name: 'other', state: {} } };
  const error = await lastValueFrom(trainEvents(small, { update: () => counter, initialState: foreign })).catch((e: Error) => e);
  assert.instance(error, Error);
  assert.match((error as Error).message, /update rule 'other'.*'counter'/);
});

test('a custom env object trains through train(config, { makeEnv })', async () => {
  // a two-armed bandit: action 1 pays 1, action 0 pays 0, episodes of 10 steps
  const bandit = (): Env => {
    let t = 0;
    const observation = new Float32Array([1]);
    return {
      id: 'Bandit-v0',
      observationSpace: box([0], [1]),
      actionSpace: discrete(2),
      maxEpisodeSteps: 10,
      reset: () => ((t = 0), observation.slice()),
      step: (action: number | Float32Array) => ((t += 1), { observation: observation.slice(), reward: action === 1 ? 1 : 0, terminated: false, truncated: t >= 10 }),
      getState: () => new Float64Array([t]),
      setState: (s: ArrayLike<number>) => void (t = s[0]),
      snapshot: () => ({ state: new Float64Array([t]), elapsedSteps: t, random: null }),
      restore: (s: { state: Float64Array }) => void (t = s.state[0]),
      close: () => undefined,
    };
  };
  const config = { ...small, env: 'Bandit-v0', totalSteps: 4000 };
  const metrics = await lastValueFrom(trainEvents(config, { makeEnv: bandit }).pipe(filter(isIterationEvent), map((e) => e.metrics), toArray()));
  const first = metrics[0].episodeReturnMean ?? 0, last = metrics[metrics.length - 1].episodeReturnMean ?? 0;
  assert.ok(last > 9 && last > first + 2, `bandit return ${first} → ${last}`);
});

test.run();
