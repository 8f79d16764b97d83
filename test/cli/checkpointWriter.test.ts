import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { checkpointDue, checkpointWriter } from '../../src/cli/checkpointWriter.js';
import { baseConfig } from '../../src/config/config.js';
import { parseCheckpoint } from '../../src/streams/stateCodec.js';
import { trainRun } from '../../src/streams/train.js';

test('checkpointDue: after `iterations` iterations or `seconds` seconds, whichever first, never with nothing new', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 200, noNaN: true }), (every, seconds, since, elapsed) => {
      const due = checkpointDue({ iterations: every, seconds })({ iterations: since, seconds: elapsed });
      assert.is(due, since >= 1 && (since >= every || elapsed >= seconds));
    }),
    { seed: 7 },
  );
  const due = checkpointDue({ iterations: 10, seconds: 30 });
  assert.ok(due({ iterations: 3, seconds: 30 }), 'exactly the time bound');
  assert.ok(due({ iterations: 10, seconds: 0 }), 'exactly the iteration bound');
  assert.not.ok(due({ iterations: 9, seconds: 29.9 }));
  assert.not.ok(due({ iterations: 0, seconds: 100 }), 'nothing new to save');
});

test('checkpointWriter: checkpoints every 2 iterations record the metrics position they belong to', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trpo-writer-'));
  const config = { ...baseConfig, env: 'CartPole-v1', numEnvs: 2, stepsPerEnv: 50, backend: 'cpu' as const, policy: { ...baseConfig.policy, hiddenSizes: [8] }, value: { ...baseConfig.value, hiddenSizes: [8], epochs: 1 } };
  const writer = checkpointWriter({ dir, env: config.env, schedule: { iterations: 2, seconds: 1e9 }, start: { lines: 0, bytes: 0 } });
  const seen: number[] = [];
  const results = await firstValueFrom(trainRun(config).pipe(take(3), toArray()));
  for (const result of results) {
    writer.next(result);
    const file = path.join(dir, 'checkpoint.json');
    const saved = existsSync(file) ? E.getOrElseW(() => null)(parseCheckpoint(readFileSync(file, 'utf8'))) : null;
    seen.push(saved?.state.iteration ?? -1);
    if (saved?.metrics) {
      const text = readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8');
      assert.is(Buffer.byteLength(text.split('\n').slice(0, saved.metrics.lines).join('\n') + '\n'), saved.metrics.bytes);
      assert.is(JSON.parse(text.split('\n')[saved.metrics.lines - 1]).iteration, saved.state.iteration);
    }
  }
  assert.equal(seen, [-1, 2, 2]);
  assert.is(writer.save(), 3, 'save() writes the unsaved last iteration');
  writer.close();
  const saved = parseCheckpoint(readFileSync(path.join(dir, 'checkpoint.json'), 'utf8'));
  assert.ok(E.isRight(saved) && saved.right.state.iteration === 3 && saved.right.metrics?.lines === 3 && saved.right.metrics.bytes === statSync(path.join(dir, 'metrics.jsonl')).size);
  assert.equal(readdirSync(dir).sort(), ['checkpoint.json', 'metrics.jsonl', 'policy.json']);
  rmSync(dir, { recursive: true });
});

test.run();
