import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { EVAL_SEED_BASE, evalFiles, snapshotBest, truncateEvalLog } from '../../src/cli/evalDuringTraining.js';
import { readSavedPolicy } from '../../src/node/loadPolicy.js';
import { evaluatePolicy } from '../../src/streams/evaluate.js';
import type { EvalRecord } from '../../src/streams/evalLog.js';
import { bestRecord, formatEvalLog, parseEvalLog } from '../../src/streams/evalLog.js';
import { cartPolePolicyText } from './fixtures.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-eval-during-'));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), ...args], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r;
};
const config = path.join(scratch, 'config.json');
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 100, value: { epochs: 1 } }));
const train = (out: string, ...args: string[]) => cli('train', '--env', 'CartPole-v1', '--seed', '5', '--config', config, '--workers', '1', '--out', out, ...args);
const read = (file: string) => readFileSync(file, 'utf8');
const evalLog = (dir: string): readonly EvalRecord[] => {
  const records = parseEvalLog(read(evalFiles(dir).log));
  if (E.isLeft(records)) throw new Error(records.left);
  return records.right;
};
const withoutWall = (text: string) => text.replace(/"wallSeconds":[^,}]*/g, '');

const straight = path.join(scratch, 'straight');
train(straight, '--steps', '1200', '--eval-every', '2', '--eval-episodes', '3');

test('--eval-every 2 appends an evaluation every 2 iterations and keeps the best policy in best/', async () => {
  const records = evalLog(straight);
  assert.equal(records.map((r) => r.iteration), [2, 4, 6]);
  assert.equal(records.map((r) => r.timesteps), [400, 800, 1200]);
  for (const r of records) {
    assert.equal(Object.keys(r), ['iteration', 'timesteps', 'returnMean', 'returnStd', 'returns', 'lengths']);
    assert.is(r.returns.length, 3);
    assert.is(r.returnMean, r.returns.reduce((a, b) => a + b, 0) / 3);
  }
  const best = readSavedPolicy(evalFiles(straight).best);
  if (E.isLeft(best)) throw new Error(best.left.message);
  const bestLine = bestRecord(records);
  assert.ok(O.isSome(bestLine));
  assert.is(best.right.iteration, bestLine.value.iteration, 'best/policy.json is the policy of the best evaluation');
  // the evaluation is trpo eval's, on seeds 1_000_000 + i
  const again = await evaluatePolicy(best.right, { episodes: 3, seed: EVAL_SEED_BASE });
  assert.equal(again.returns, bestLine.value.returns);
});

test('evaluating during training leaves the training itself unchanged', () => {
  const plain = path.join(scratch, 'plain');
  train(plain, '--steps', '1200');
  assert.is(withoutWall(read(path.join(plain, 'metrics.jsonl'))), withoutWall(read(path.join(straight, 'metrics.jsonl'))));
  assert.is(read(path.join(plain, 'policy.json')), read(path.join(straight, 'policy.json')));
});

test('a resume cuts eval.jsonl back to the checkpoint and restores best/: the same files as one straight run', () => {
  const split = path.join(scratch, 'split');
  train(split, '--steps', '800', '--eval-every', '2', '--eval-episodes', '3');
  // as if the process had gone on past its checkpoint and then been killed: a later, better evaluation
  // replaced best/ (the checkpoint of iteration 4 stays)
  const files = evalFiles(split);
  appendFileSync(files.log, formatEvalLog([{ iteration: 6, timesteps: 1200, returnMean: 1e9, returnStd: 0, returns: [1e9], lengths: [1] }]));
  writeFileSync(files.best, cartPolePolicyText({ iteration: 6 }));
  cli('train', '--resume', split, '--steps', '1200', '--eval-every', '2', '--eval-episodes', '3', '--workers', '1');
  assert.is(read(files.log), read(evalFiles(straight).log));
  assert.is(read(files.best), read(evalFiles(straight).best));
});

// truncateEvalLog on a hand-made run: evaluations at iterations 2, 4 (the best before the cut) and 6
const record = (iteration: number, returnMean: number): EvalRecord => ({ iteration, timesteps: iteration * 100, returnMean, returnStd: 0, returns: [returnMean], lengths: [1] });
const handMade = (name: string, bestIteration: number, atCheckpoint: number | null) => {
  const dir = path.join(scratch, name), files = evalFiles(dir);
  mkdirSync(files.bestDir, { recursive: true });
  writeFileSync(files.log, formatEvalLog([record(2, 10), record(4, 30), record(6, 50)]));
  if (atCheckpoint !== null) {
    writeFileSync(files.best, cartPolePolicyText({ iteration: atCheckpoint }));
    snapshotBest(dir);
  }
  writeFileSync(files.best, cartPolePolicyText({ iteration: bestIteration }));
  return { dir, files };
};
const bestIteration = (file: string) => {
  const saved = readSavedPolicy(file);
  return E.isRight(saved) ? saved.right.iteration : null;
};

test('truncateEvalLog keeps a best/ that is the best kept evaluation', () => {
  const { dir, files } = handMade('kept', 4, null);
  assert.equal(truncateEvalLog(dir, 5), { kept: 2, removed: 1, best: 'kept' });
  assert.equal(evalLog(dir).map((r) => r.iteration), [2, 4]);
  assert.is(bestIteration(files.best), 4);
});

test('truncateEvalLog restores best/ from the copy made at the checkpoint when a cut evaluation replaced it', () => {
  const { dir, files } = handMade('restored', 6, 4);
  assert.equal(truncateEvalLog(dir, 4), { kept: 2, removed: 1, best: 'restored' });
  assert.is(bestIteration(files.best), 4);
  assert.is(read(files.best), read(files.bestAtCheckpoint));
});

test('truncateEvalLog removes a best/ it cannot restore, and one with no evaluation left', () => {
  const lost = handMade('lost', 6, 2);
  assert.equal(truncateEvalLog(lost.dir, 5), { kept: 2, removed: 1, best: 'lost' });
  assert.not.ok(existsSync(lost.files.best));
  const none = handMade('none', 6, null);
  assert.equal(truncateEvalLog(none.dir, 1), { kept: 0, removed: 3, best: 'none' });
  assert.is(read(none.files.log), '');
  assert.not.ok(existsSync(none.files.best));
  const untouched = path.join(scratch, 'no-evals');
  mkdirSync(untouched);
  copyFileSync(config, path.join(untouched, 'config.json'));
  assert.equal(truncateEvalLog(untouched, 3), { kept: 0, removed: 0, best: 'none' });
});

test('bestRecord keeps the earliest of equal returns, as a strictly-better rule does', () => {
  const best = bestRecord([record(2, 10), record(4, 30), record(6, 30)]);
  assert.ok(O.isSome(best) && best.value.iteration === 4);
  assert.ok(O.isNone(bestRecord([])));
  assert.ok(E.isLeft(parseEvalLog('{"iteration": 1}\n')));
});

test.run();
