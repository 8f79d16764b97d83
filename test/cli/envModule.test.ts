import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Bad modules go to the built CLI, as a user would run it (npm test builds dist/ first). An env
// of our own is a TypeScript fixture, so that run goes through the sources under tsx: the
// fixture and the CLI then share one registry, as a user's `import { registerEnv } from
// 'trpo-streams'` shares dist's.
const spawn = (prefix: string[], args: string[]) => {
  const r = spawnSync(process.execPath, [...prefix, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const built = (...args: string[]) => spawn([path.resolve('dist/cli/main.js')], args);
const sources = (...args: string[]) => spawn(['--import', 'tsx', path.resolve('src/cli/main.ts')], args);
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-env-module-'));
const file = (name: string, text: string) => {
  const p = path.join(scratch, name);
  writeFileSync(p, text);
  return p;
};
const fixture = path.resolve('test/fixtures/gridWalkEnv.ts');

const badModules: [string, string, RegExp][] = [
  ['a missing module', path.join(scratch, 'nope.js'), /env module '.*nope\.js' does not exist/],
  ['a directory', scratch, /is a directory, not a module file/],
  ['a module that throws', file('throws.mjs', "throw new Error('boom at load');\n"), /env module '.*throws\.mjs' failed to load: boom at load/],
  ['a module with a syntax error', file('syntax.mjs', 'export const = 3;\n'), /failed to load: .*(Unexpected|SyntaxError|token)/],
  ['a module that registers nothing', file('empty.mjs', 'export const nothing = 1;\n'), /registered no env: call registerEnv/],
];

// every bad module through train; the first three through eval too (same loader)
for (const [i, [name, module, message]] of badModules.entries())
  for (const command of i < 3 ? (['train', 'eval'] as const) : (['train'] as const))
    test(`${command} --env-module with ${name} → exit 2, a clear message, nothing written`, () => {
      const out = path.join(scratch, `out-${command}-${name.replace(/\W+/g, '-')}`);
      const args = command === 'train' ? ['train', '--env', 'CartPole-v1', '--out', out] : ['eval', '--run', out];
      const r = built(...args, '--env-module', module);
      assert.is(r.code, 2, `exit ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.not.match(r.stderr, /\n\s+at /, 'stack trace printed');
      assert.not.ok(existsSync(out), 'run directory created');
    });

test('an env of your own: train --env-module on 2 workers, eval with it; without it, exit 2 with a hint', () => {
  const out = path.join(scratch, 'grid');
  const config = file('grid.json', JSON.stringify({ numEnvs: 4, stepsPerEnv: 100, value: { epochs: 1 } }));
  const r = sources('train', '--env-module', fixture, '--env', 'GridWalk-v0', '--steps', '800', '--config', config, '--workers', '2', '--backend', 'wasm', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /training GridWalk-v0 .* 2 sampling workers/);
  assert.is(JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8')).env, 'GridWalk-v0');
  assert.is(readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2);
  const e = sources('eval', '--env-module', fixture, '--run', out, '--episodes', '3');
  assert.is(e.code, 0, e.stderr);
  const summary = JSON.parse(e.stdout.trim().split('\n').pop() as string);
  assert.is(summary.env, 'GridWalk-v0');
  assert.is(summary.returns.length, 3);
  for (const [args, what] of [[['eval', '--run', out], 'eval'], [['train', '--resume', out, '--steps', '1600'], 'resume']] as const) {
    const without = sources(...args);
    assert.is(without.code, 2, `${what}: exit ${without.code}: ${without.stderr}`);
    assert.match(without.stderr, /unknown env id 'GridWalk-v0'; known ids: .*\(an env of your own needs --env-module <path>\)/);
  }
  assert.is(readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2, 'a refused resume leaves the run alone');
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
