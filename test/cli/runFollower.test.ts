import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRunDirs, runFollower } from '../../src/cli/runFollower.js';
import { groupsMessage } from '../../src/cli/groupsMessage.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-follower-'));
const line = (iteration: number, seed = 0) => `${JSON.stringify({ iteration, timesteps: iteration * 1000, episodeReturnMean: 10 * iteration + seed, kl: 0.01, entropy: 0.6, valueLoss: 1 })}\n`;

test('finds runs at or under folders (a compare folder: method/seed-k)', () => {
  const root = path.join(scratch, 'find');
  for (const dir of ['trpo/seed-0', 'trpo/seed-1', 'npg/seed-0', 'empty/nothing']) mkdirSync(path.join(root, dir), { recursive: true });
  for (const dir of ['trpo/seed-0', 'trpo/seed-1', 'npg/seed-0']) writeFileSync(path.join(root, dir, 'config.json'), '{}');
  assert.equal(findRunDirs(root).map((d) => path.relative(root, d)), ['npg/seed-0', 'trpo/seed-0', 'trpo/seed-1']);
  assert.equal(findRunDirs(path.join(root, 'trpo', 'seed-0')), [path.join(root, 'trpo', 'seed-0')]);
  assert.equal(findRunDirs(path.join(root, 'missing')), []);
});

test('tails metrics.jsonl: complete lines only, appended lines, a file cut back is read again, a run added later', () => {
  const root = path.join(scratch, 'tail');
  const a = path.join(root, 'a');
  mkdirSync(a, { recursive: true });
  writeFileSync(path.join(a, 'config.json'), JSON.stringify({ env: 'CartPole-v1', method: 'trpo', seed: 0 }));
  writeFileSync(path.join(a, 'metrics.jsonl'), `${line(1)}${line(2)}${line(3).slice(0, 12)}`);
  const follower = runFollower([root]);
  assert.ok(follower.poll());
  assert.equal(follower.runs().map((r) => [r.env, r.lines.length]), [['CartPole-v1', 2]]);
  assert.not.ok(follower.poll(), 'nothing new');
  appendFileSync(path.join(a, 'metrics.jsonl'), `${line(3).slice(12)}${line(4)}not json\n`);
  assert.ok(follower.poll());
  assert.equal(follower.runs()[0].lines.map((l) => l.iteration), [1, 2, 3, 4], 'the half line completed; a malformed line left out');
  truncateSync(path.join(a, 'metrics.jsonl'), line(1).length);
  assert.ok(follower.poll());
  assert.equal(follower.runs()[0].lines.map((l) => l.iteration), [1], 'cut back by a resume: read again');
  const b = path.join(root, 'b');
  mkdirSync(b);
  writeFileSync(path.join(b, 'config.json'), JSON.stringify({ env: 'CartPole-v1', method: 'trpo', seed: 1 }));
  writeFileSync(path.join(b, 'metrics.jsonl'), line(1, 1) + line(2, 1));
  assert.ok(follower.poll());
  const message = groupsMessage(follower.runs(), ['episodeReturnMean']);
  assert.equal(message.runs.map((r) => [path.basename(r.dir), r.seed, r.iterations]), [['a', 0, 1], ['b', 1, 2]]);
  const [panel] = message.envs[0].panels;
  assert.equal(panel.series.map((s) => [s.label, s.seeds, s.x]), [['CartPole-v1', 2, [1000, 2000]]]);
  assert.equal(panel.series[0].mean, [10.5, 21], 'seed 0 ends at 1000 steps: from there on the mean is seed 1 alone');
  assert.equal(panel.series[0].lo, [10, null], 'the band only where two seeds overlap');
});

test('tails eval.jsonl too: the eval panel appears once a run has evaluations, between return and KL, with their mean returns', () => {
  const root = path.join(scratch, 'eval');
  const a = path.join(root, 'a');
  mkdirSync(a, { recursive: true });
  writeFileSync(path.join(a, 'config.json'), JSON.stringify({ env: 'CartPole-v1', method: 'trpo', seed: 0 }));
  writeFileSync(path.join(a, 'metrics.jsonl'), line(1) + line(2));
  const follower = runFollower([root]);
  follower.poll();
  assert.equal(groupsMessage(follower.runs()).envs[0].panels.map((p) => p.metric), ['episodeReturnMean', 'kl', 'entropy', 'valueLoss'], 'no eval.jsonl: no eval panel');
  const evaluation = (iteration: number, returnMean: number) => `${JSON.stringify({ iteration, timesteps: iteration * 1000, returnMean, returnStd: 1, returns: [returnMean], lengths: [10] })}\n`;
  writeFileSync(path.join(a, 'eval.jsonl'), evaluation(2, 40));
  assert.ok(follower.poll(), 'a new eval.jsonl is a change');
  appendFileSync(path.join(a, 'eval.jsonl'), evaluation(4, 55).slice(0, 20));
  follower.poll();
  assert.is(follower.runs()[0].evaluations.length, 1, 'half a line is not read yet');
  appendFileSync(path.join(a, 'eval.jsonl'), evaluation(4, 55).slice(20));
  assert.ok(follower.poll());
  assert.equal(follower.runs()[0].evaluations.map((e) => e.returnMean), [40, 55]);
  const panels = groupsMessage(follower.runs()).envs[0].panels;
  assert.equal(panels.map((p) => p.metric), ['episodeReturnMean', 'evalReturnMean', 'kl', 'entropy', 'valueLoss']);
  assert.equal([panels[1].series[0].x, panels[1].series[0].mean], [[2000, 4000], [40, 55]]);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
