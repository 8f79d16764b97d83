import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The examples import 'trpo-streams' (the package itself, through its exports map): they run
// against the built dist/, as a user's program would. `npm test` builds first.
const run = (file: string, ...args: string[]): string => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('examples', file), ...args], { encoding: 'utf8' });
  assert.is(result.status, 0, `${file} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

test('randomSearch.ts: a derivative-free rule with its own state trains CartPole through trainLoop', () => {
  const out = run('randomSearch.ts');
  const m = /random search: (\d+) updates, mean candidate return ([\d.]+), rule state (.*)$/m.exec(out);
  assert.ok(m, out);
  const [, updates, meanReturn, rule] = m as RegExpExecArray;
  assert.ok(Number(meanReturn) > 100, `mean candidate return ${meanReturn}`);
  assert.equal(JSON.parse(rule), { name: 'random-search', state: { updates: Number(updates), stepSize: 0.02 } });
});

test('consoleView.ts: episodes printed as they finish while a second subscriber writes the metrics', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trpo-example-'));
  const out = run('consoleView.ts', dir);
  const episodes = Number(/^(\d+) episodes; metrics in/m.exec(out)?.[1]);
  const printed = out.split('\n').filter((l) => /^episode \d+ \(env \d, iteration \d+\): return \d+/.test(l));
  assert.ok(episodes > 25 && printed.length === Math.floor(episodes / 25), out);
  const lines = readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { iteration: number; episodes: number });
  assert.equal(lines.map((l) => l.iteration), lines.map((_, i) => i + 1));
  assert.is(lines.reduce((a, l) => a + l.episodes, 0), episodes, 'both subscribers saw the same run');
});

test('customEnv.ts: an env written in the example trains', () => {
  const out = run('customEnv.ts');
  const m = /PointReach-v0: return (-?[\d.]+) → (-?[\d.]+)/.exec(out);
  assert.ok(m, out);
  assert.ok(Number(m?.[2]) > Number(m?.[1]) + 10, out);
});

test('quickStart.ts: five iterations of CartPole, printed', () => {
  const lines = run('quickStart.ts').trim().split('\n');
  assert.equal(lines.map((l) => /^iteration (\d+): return [\d.]+, kl [\d.]+e-\d+$/.exec(l)?.[1]), ['1', '2', '3', '4', '5']);
});

test('usePolicy.ts and recordEpisode.ts: a loaded policy acts as trpo eval does', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'trpo-example-')), 'run');
  const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
  assert.is(cli('train', '--env', 'CartPole-v1', '--steps', '6000', '--out', dir, '--workers', '1').status, 0);
  const evaluated = JSON.parse(cli('eval', '--run', dir, '--episodes', '1', '--seed', '0').stdout.trim().split('\n').pop() as string) as { returns: number[]; lengths: number[] };
  const total = Number(/deterministic episode return ([\d.]+)/.exec(run('usePolicy.ts', dir))?.[1]);
  assert.is(total, evaluated.returns[0]);
  // recordEpisode.ts: the same episode, step by step, from rollouts
  const recorded = /recorded (\d+) steps, return ([\d.]+), ended (terminated|truncated), final state \[(.*)\]/.exec(run('recordEpisode.ts', dir));
  assert.ok(recorded, 'recordEpisode.ts printed its summary');
  const [, length, episodeReturn, , state] = recorded as RegExpExecArray;
  assert.equal([Number(length), Number(episodeReturn)], [evaluated.lengths[0], evaluated.returns[0]]);
  assert.is(state.split(', ').length, 4, 'CartPole states have 4 values');
});

test('minatar.ts plays one Seaquest episode to its end', () => {
  const played = /Seaquest: (\d+) steps, return (\d+), 1000 values per observation/.exec(run('minatar.ts'));
  assert.ok(played, 'the example prints its episode');
  assert.ok(Number(played[1]) > 20 && Number(played[1]) < 300, `ends by an enemy or the oxygen (200 steps under water): ${played[1]} steps`);
});

test("the README's TypeScript blocks are the examples, verbatim", () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((b) => b[1]);
  const sources = readdirSync('examples').filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join('examples', f), 'utf8'));
  assert.ok(blocks.length >= 3, `README has ${blocks.length} ts blocks`);
  for (const block of blocks) assert.ok(sources.some((s) => s.includes(block)), `README block not found in examples/:\n${block.slice(0, 200)}`);
});

test.run();
