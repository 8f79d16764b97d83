// Runs every uvu suite under test/ (TypeScript through tsx) in one process and ends with the line
// `N passed, N failed` that CI reads. Usage: node test/run.mjs [pattern]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const pattern = new RegExp(process.argv[2] ?? '\\.test\\.ts$');
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const p = path.join(dir, name);
  return statSync(p).isDirectory() ? walk(p) : pattern.test(p) && p.endsWith('.test.ts') ? [p] : [];
});
// Suites that train run on both pure-JS backends (tfjs tests of single ops loop over backends themselves).
const bothBackends = new Set(['test/streams/train.test.ts']);
const jobs = walk('test').sort().flatMap((file) => (bothBackends.has(file) ? [[file, 'wasm'], [file, 'cpu']] : [[file, undefined]]));
let passed = 0, failed = 0;
for (const [file, backend] of jobs) {
  const started = Date.now();
  const env = { ...process.env, FORCE_COLOR: '0', ...(backend ? { TRPO_BACKEND: backend } : {}) };
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const out = `${run.stdout}${run.stderr}`;
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
  if (!Number.isFinite(total) || !Number.isFinite(ok)) {
    failed += 1; // a file that crashed before uvu reported counts as one failure
    console.log(`FAIL ${file}: no uvu summary (exit ${run.status})\n${out}`);
    continue;
  }
  // uvu's Total counts the tests that ran (skipped ones are reported apart)
  const bad = total - ok + (run.status !== 0 && total === ok ? 1 : 0);
  passed += ok; failed += bad;
  console.log(`${bad ? 'FAIL' : 'ok  '} ${file}${backend ? ` [${backend}]` : ''}: ${ok}/${total} passed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // a suite that skips says why with lines starting `skipped:` (e.g. reference recordings not found)
  const reasons = [...new Set(out.split('\n').filter((line) => line.startsWith('skipped: ')))];
  for (const reason of reasons) console.log(`     ${reason}`);
  if (skipped && reasons.length === 0) console.log(`     skipped: ${skipped} test${skipped === 1 ? '' : 's'}, the suite printed no reason (print a 'skipped: <why>' line)`);
  if (bad) console.log(out);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
