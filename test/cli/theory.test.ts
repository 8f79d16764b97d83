import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './cliProcess.js';

// `trpo theory` through the built CLI (`npx tsc -p tsconfig.build.json` first).
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-theory-'));

test('trpo theory: a table, then a JSON summary as the last line; exit 0 when every law holds', () => {
  const svg = path.join(scratch, 'alg1.svg');
  const r = runCli('theory', '--mdps', '2', '--states', '3', '--actions', '2', '--gamma', '0.8', '--seed', '7', '--gridworld-iterations', '3', '--svg', svg);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.some((l) => l.startsWith('| Lemma 1')), r.stdout);
  const summary = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  for (const key of ['lemma1MaxError', 'boundViolations', 'algorithm1Monotone', 'pinskerViolations']) assert.ok(key in summary, key);
  assert.ok((summary.lemma1MaxError as number) < 1e-9);
  assert.is(summary.boundViolations, 0);
  assert.is(summary.algorithm1Monotone, true);
  assert.is(summary.pinskerViolations, 0);
  assert.ok(readFileSync(svg, 'utf8').startsWith('<svg'));
  // same flags, same numbers
  const again = runCli('theory', '--mdps', '2', '--states', '3', '--actions', '2', '--gamma', '0.8', '--seed', '7', '--gridworld-iterations', '3');
  assert.is(again.stdout.trim().split('\n').pop(), lines[lines.length - 1]);
});

test('trpo theory: bad flags exit 2 with a message naming the flag, and write nothing', () => {
  const cases: [string[], string][] = [
    [['--gamma', '1'], '--gamma must be a number in (0, 1)'],
    [['--gamma', 'abc'], '--gamma must be a number in (0, 1)'],
    [['--states', '0'], '--states must be an integer in [1, 100]'],
    [['--mdps', '2.5'], '--mdps must be an integer'],
    [['--seed', '-1'], '--seed must be an integer'],
    [['--svg', path.join(scratch, 'chart.png')], 'must end in .svg'],
    [['--svg', path.join(scratch, 'missing', 'chart.svg')], 'does not exist'],
    [['--frobnicate'], "unknown option '--frobnicate'"],
  ];
  for (const [args, message] of cases) {
    const r = runCli('theory', '--mdps', '1', ...args);
    assert.is(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
    assert.ok(r.stderr.includes(message), `${args.join(' ')}: ${r.stderr}`);
    assert.not.ok(r.stderr.includes('    at '), 'no stack trace');
  }
  assert.not.ok(existsSync(path.join(scratch, 'chart.png')));
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
