import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

test('examples/dashboard.ts: a run started in code served live, then closed', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'examples/dashboard.ts', '0'], { encoding: 'utf8', timeout: 120_000 });
  assert.is(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^dashboard: http:\/\/127\.0\.0\.1:\d+\/$/m);
  const done = /trained (\d+) steps, (\d+) events served, return [\d.]+/.exec(result.stdout);
  assert.ok(done, result.stdout);
  assert.is(Number(done[1]), 10_000);
  assert.ok(Number(done[2]) > 5, 'run, episodes and iterations were logged');
});

test("docs/dashboard.md's TypeScript blocks are in the examples, verbatim", () => {
  const doc = readFileSync('docs/dashboard.md', 'utf8');
  const example = readFileSync('examples/dashboard.ts', 'utf8');
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((b) => b[1]);
  assert.ok(blocks.length >= 1);
  for (const block of blocks) assert.ok(example.includes(block), `not in examples/dashboard.ts:\n${block}`);
});

test.run();
