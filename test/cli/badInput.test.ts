import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cartPolePolicyText as cartPolePolicy } from './fixtures.js';

// Every bad input the CLI can be given must exit 2 with a message naming the problem, print no
// stack trace and leave the working folder byte for byte as it was. Runs the built CLI
// (`npx tsc -p tsconfig.build.json` first), in a scratch folder that holds the fixtures below.

const cli = path.resolve('dist/cli/main.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-bad-input-'));
const at = (...parts: string[]) => path.join(scratch, ...parts);
const put = (name: string, text: string): string => {
  mkdirSync(path.dirname(at(name)), { recursive: true });
  writeFileSync(at(name), text);
  return at(name);
};

const metricsLine = JSON.stringify({ iteration: 1, timesteps: 100, episodeReturnMean: 20 });

// fixtures: files the cases point at (created once; the cases must not change them)
const fixture = {
  emptyConfig: put('configs/empty.json', '  \n'),
  notJson: put('configs/bad.json', '{ gamma: '),
  array: put('configs/array.json', '[1]'),
  unknownKey: put('configs/key.json', '{"trpo":{"maxKL":0.1}}'),
  badValue: put('configs/value.json', '{"gamma": 2}'),
  negativeSeed: put('configs/seed.json', '{"seed": -1}'),
  badSection: put('configs/section.json', '{"policy": 3}'),
  badMethod: put('configs/method.json', '{"method": "ppo"}'),
  badRuleParam: put('configs/rule.json', '{"method": "npg", "rule": {"npg": {"stepSize": 0}}}'),
  unknownRuleParam: put('configs/rule-key.json', '{"rule": {"cem": {"elites": 3}}}'),
  badRuleSection: put('configs/rule-section.json', '{"rule": ["npg"]}'),
  badSampling: put('configs/sampling.json', '{"sampling": "tree"}'),
  convOnVector: put('configs/conv-on-vector.json', '{"policy": {"network": "conv"}}'),
  oneBranch: put('configs/branches.json', '{"sampling": "vine", "vine": {"branches": 1}}'),
  bigRolloutSet: put('configs/rollout-set.json', '{"numEnvs": 2, "stepsPerEnv": 10, "vine": {"rolloutSetSize": 50}}'),
  badVineSection: put('configs/vine-section.json', '{"vine": true}'),
  aFile: put('a-file.txt', 'not a folder\n'),
  nonEmptyDir: (put('full/keep.txt', 'x\n'), at('full')),
  noPolicyRun: (put('no-policy/config.json', '{}\n'), at('no-policy')),
  policyNotJson: (put('policy-not-json/policy.json', '{"format":'), at('policy-not-json')),
  policyWrongFormat: (put('policy-format/policy.json', '{"format":"pickle/4"}'), at('policy-format')),
  policyNoSpec: (put('policy-no-spec/policy.json', '{"format":"trpo-policy/1","env":"CartPole-v1"}'), at('policy-no-spec')),
  policyShortWeights: (put('policy-short/policy.json', cartPolePolicy({ params: new Float32Array(3) })), at('policy-short')),
  policyOtherEnv: (put('policy-other-env/policy.json', cartPolePolicy({ env: 'Pendulum-v1' })), at('policy-other-env')),
  policyUnknownEnv: (put('policy-unknown-env/policy.json', cartPolePolicy({ env: 'Pong-v5' })), at('policy-unknown-env')),
  goodRun: (put('good-run/metrics.jsonl', `${metricsLine}\n`), put('good-run/config.json', '{"env":"CartPole-v1"}'), at('good-run')),
  noMetricsRun: (put('no-metrics/config.json', '{"env":"CartPole-v1"}'), at('no-metrics')),
  metricsNotJson: (put('metrics-bad/metrics.jsonl', `${metricsLine}\n{"iteration": 2,\n`), at('metrics-bad')),
  metricsEmpty: (put('metrics-empty/metrics.jsonl', '\n'), at('metrics-empty')),
  configNotJsonRun: (put('config-bad/metrics.jsonl', `${metricsLine}\n`), put('config-bad/config.json', '{'), at('config-bad')),
  evalNotJsonRun: (put('eval-bad/metrics.jsonl', `${metricsLine}\n`), put('eval-bad/eval.jsonl', '{"iteration"\n'), at('eval-bad')),
  exportableRun: (put('exportable/policy.json', cartPolePolicy()), at('exportable')),
  noCheckpointRun: (put('no-checkpoint/config.json', '{"env":"CartPole-v1"}'), at('no-checkpoint')),
};

/** One bad input: the CLI arguments and a piece of text stderr must contain. */
export interface BadInputCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly stderr: string;
}

const train = (...args: string[]) => ['train', '--env', 'CartPole-v1', ...args];
const plot = (...args: string[]) => ['plot', '--runs', fixture.goodRun, ...args];
const compare = (...args: string[]) => ['compare', '--env', 'CartPole-v1', '--seeds', '2', '--out', at('comparison'), ...args];

/** The bad inputs this suite tries (exported so they can be counted). */
export const badInputCases: readonly BadInputCase[] = [
  // command-line flags
  { name: 'unknown env id', args: ['train', '--env', 'CartPole-v9'], stderr: "unknown env id 'CartPole-v9'" },
  { name: 'no env id', args: ['train'], stderr: 'no env id given' },
  { name: 'unknown preset', args: train('--preset', 'turbo'), stderr: "unknown preset 'turbo'" },
  { name: 'unknown backend', args: train('--backend', 'gpu'), stderr: "unknown backend 'gpu'" },
  { name: 'non-numeric seed', args: train('--seed', 'abc'), stderr: "--seed must be an integer, got 'abc'" },
  { name: 'negative seed (the envs refuse it)', args: train('--seed', '-1'), stderr: "--seed must be an integer in [0, 2147483647], got '-1'" },
  { name: 'seed beyond 2^31', args: train('--seed', '4294967296'), stderr: '--seed must be an integer in [0, 2147483647]' },
  { name: 'negative steps', args: train('--steps', '-5'), stderr: "--steps must be an integer ≥ 0, got '-5'" },
  { name: 'fewer steps than envs (no iteration would run)', args: train('--steps', '3'), stderr: 'no iteration would run' },
  { name: 'zero workers', args: train('--workers', '0'), stderr: "--workers must be an integer in [1, 1024], got '0'" },
  { name: 'fractional workers', args: train('--workers', '1.5'), stderr: "--workers must be an integer, got '1.5'" },
  { name: 'password in the broker URL', args: train('--broker', 'redis://:hunter2@127.0.0.1:6379'), stderr: 'do not put the password in the --broker URL' },
  { name: 'broker URL of another scheme', args: train('--broker', 'http://127.0.0.1:6379'), stderr: "--broker must be a redis:// URL, got 'http://…'" },
  { name: 'broker URL path that is not a database', args: train('--broker', 'redis://127.0.0.1:6379/queue'), stderr: "--broker URL path must be a database number, got '/queue'" },
  { name: 'broker options without --broker', args: train('--broker-tasks', '2'), stderr: '--broker-password-file, --broker-queue and --broker-tasks need --broker' },
  { name: 'zero broker tasks', args: train('--broker', 'redis://127.0.0.1:6379', '--broker-tasks', '0'), stderr: "--broker-tasks must be an integer in [1, 4096], got '0'" },
  { name: 'missing broker password file', args: train('--broker', 'redis://127.0.0.1:6379', '--broker-password-file', 'no-such.pass'), stderr: "--broker-password-file 'no-such.pass' is not a readable file" },
  { name: 'worker without --broker', args: ['worker'], stderr: "required option '--broker <url>' not specified" },
  { name: 'worker with a password in the URL', args: ['worker', '--broker', 'redis://user:pw@127.0.0.1'], stderr: 'set TRPO_BROKER_PASSWORD or pass --broker-password-file' },
  { name: 'zero worker concurrency', args: ['worker', '--broker', 'redis://127.0.0.1', '--concurrency', '0'], stderr: "--concurrency must be an integer in [1, 256], got '0'" },
  { name: 'zero envs', args: train('--num-envs', '0'), stderr: "--num-envs must be an integer in [1, 4096], got '0'" },
  { name: 'zero eval interval', args: train('--eval-every', '0'), stderr: "--eval-every must be an integer ≥ 1, got '0'" },
  { name: 'non-numeric eval episodes', args: train('--eval-every', '5', '--eval-episodes', 'ten'), stderr: "--eval-episodes must be an integer, got 'ten'" },
  { name: 'unknown method', args: train('--method', 'ppo'), stderr: "unknown method 'ppo'; choose trpo, npg, max-kl, empirical-fim, vpg, cem, cma-es, rwr" },
  { name: 'unknown option', args: train('--sede', '3'), stderr: "unknown option '--sede'" },
  { name: 'unknown command', args: ['trian'], stderr: "unknown command 'trian'" },
  // config files
  { name: 'missing config file', args: train('--config', at('configs/none.json')), stderr: 'none.json' },
  { name: 'empty config file', args: train('--config', fixture.emptyConfig), stderr: 'is empty' },
  { name: 'config file not JSON', args: train('--config', fixture.notJson), stderr: 'is not valid JSON' },
  { name: 'config file an array', args: train('--config', fixture.array), stderr: 'must hold a JSON object' },
  { name: 'config file a folder', args: train('--config', at('configs')), stderr: 'is a directory' },
  { name: 'unknown config key', args: train('--config', fixture.unknownKey), stderr: 'trpo.maxKL: unknown key' },
  { name: 'out-of-range config value', args: train('--config', fixture.badValue), stderr: 'gamma: expected a discount in [0, 1], got 2' },
  { name: 'negative seed in a config file', args: train('--config', fixture.negativeSeed), stderr: 'seed: expected a non-negative integer seed below 2^31, got -1' },
  { name: 'config section not an object', args: train('--config', fixture.badSection), stderr: 'policy: expected an object, got 3' },
  { name: 'unknown method in a config file', args: train('--config', fixture.badMethod), stderr: "method: expected one of 'trpo', 'npg'" },
  { name: 'out-of-range rule parameter', args: train('--config', fixture.badRuleParam), stderr: 'rule.npg.stepSize: expected a step size in (0, 1000], got 0' },
  { name: 'unknown rule parameter', args: train('--config', fixture.unknownRuleParam), stderr: 'rule.cem.elites: unknown key' },
  { name: 'rule section not an object', args: train('--config', fixture.badRuleSection), stderr: 'rule: expected an object, got ["npg"]' },
  { name: 'a conv network on vector observations', args: train('--config', fixture.convOnVector), stderr: "invalid configuration: a 'conv' network needs image observations [height, width, channels], got shape [4]" },
  { name: 'unknown sampling scheme', args: train('--sampling', 'tree'), stderr: "unknown sampling scheme 'tree'; choose single-path or vine" },
  { name: 'unknown sampling scheme in a config file', args: train('--config', fixture.badSampling), stderr: "sampling: expected one of 'single-path', 'vine', got \"tree\"" },
  { name: 'one vine branch per state', args: train('--config', fixture.oneBranch), stderr: 'vine.branches: expected an integer number of branches in [2, 1024], got 1' },
  { name: 'vine rollout set larger than the trunk', args: train('--sampling', 'vine', '--config', fixture.bigRolloutSet), stderr: 'vine.rolloutSetSize: expected at most numEnvs × stepsPerEnv = 20 trunk states per iteration, got 50' },
  { name: 'vine section not an object', args: train('--config', fixture.badVineSection), stderr: 'vine: expected an object, got true' },
  { name: 'vine with a method that needs single-path samples', args: train('--sampling', 'vine', '--method', 'cem'), stderr: "method: vine sampling works with trpo, npg, max-kl, vpg; method 'cem' needs single-path sampling" },
  { name: 'vine run too short for one iteration with its branches', args: train('--sampling', 'vine', '--steps', '300'), stderr: 'needs a trunk of 52 (the rollout set\'s states, over numEnvs 4) plus up to 5000 for the vine branches: no iteration would run' },
  // output folders
  { name: 'run folder is a file', args: train('--out', fixture.aFile), stderr: 'is a file, not a folder' },
  { name: 'run folder under a file', args: train('--out', path.join(fixture.aFile, 'run')), stderr: 'cannot be created' },
  { name: 'run folder not empty', args: train('--out', fixture.nonEmptyDir), stderr: 'already exists and is not empty' },
  // resume
  { name: 'resume of a missing run', args: ['train', '--resume', at('no-such-run')], stderr: 'does not exist' },
  // (a run without checkpoint.json but with a valid config starts over: see test/cli/kill.test.ts)
  { name: 'resume of a run with an incomplete config.json', args: ['train', '--resume', fixture.noCheckpointRun], stderr: 'invalid configuration' },
  { name: 'resume with --seed', args: ['train', '--resume', fixture.noCheckpointRun, '--seed', '3'], stderr: 'drop --seed' },
  { name: 'resume with --method', args: ['train', '--resume', fixture.noCheckpointRun, '--method', 'npg'], stderr: 'drop --method' },
  { name: 'resume with --sampling', args: ['train', '--resume', fixture.noCheckpointRun, '--sampling', 'vine'], stderr: 'drop --sampling' },
  { name: 'resume with --num-envs', args: ['train', '--resume', fixture.noCheckpointRun, '--num-envs', '2'], stderr: 'drop --num-envs' },
  // policy files for eval
  { name: 'eval of a missing run', args: ['eval', '--run', at('no-such-run')], stderr: 'does not exist' },
  { name: 'eval of a run without policy.json', args: ['eval', '--run', fixture.noPolicyRun], stderr: 'has no policy.json' },
  { name: 'eval of a policy that is not JSON', args: ['eval', '--run', fixture.policyNotJson], stderr: 'not a policy file' },
  { name: 'eval of a policy in another format', args: ['eval', '--run', fixture.policyWrongFormat], stderr: 'not a trpo-policy/1 file' },
  { name: 'eval of a policy without architecture', args: ['eval', '--run', fixture.policyNoSpec], stderr: 'policy.json' },
  { name: 'eval of a policy with too few weights', args: ['eval', '--run', fixture.policyShortWeights], stderr: 'policy has 3 weights' },
  { name: 'eval of a policy for another env', args: ['eval', '--run', fixture.policyOtherEnv], stderr: 'the policy takes observations of length 4, Pendulum-v1 gives 3' },
  { name: 'eval of a policy for an unknown env', args: ['eval', '--run', fixture.policyUnknownEnv], stderr: "unknown env id 'Pong-v5'" },
  { name: 'eval with zero episodes', args: ['eval', '--run', fixture.goodRun, '--episodes', '0'], stderr: "--episodes must be an integer ≥ 1, got '0'" },
  { name: 'eval with a negative seed', args: ['eval', '--run', fixture.goodRun, '--seed', '-2'], stderr: "--seed must be an integer in [0, 2147483647], got '-2'" },
  // compare
  { name: 'compare with an unknown method', args: compare('--methods', 'trpo,ppo'), stderr: "unknown method 'ppo' in --methods; choose from trpo, trpo-vine, npg, max-kl, empirical-fim, vpg, cem, cma-es, rwr" },
  { name: 'compare with no methods', args: compare('--methods', ' , '), stderr: '--methods is empty' },
  { name: 'compare with zero seeds', args: ['compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '0', '--out', at('comparison')], stderr: "--seeds must be an integer in [1, 1000], got '0'" },
  { name: 'compare with zero jobs', args: compare('--methods', 'trpo', '--jobs', '0'), stderr: "--jobs must be an integer in [1, 1024], got '0'" },
  { name: 'compare without --out', args: ['compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '1'], stderr: "required option '--out <dir>' not specified" },
  { name: 'compare with an npg sweep but no npg', args: compare('--methods', 'trpo', '--npg-steps', '0.01,0.03'), stderr: '--npg-steps sweeps npg: add npg to --methods' },
  { name: 'compare with a bad npg step', args: compare('--methods', 'npg', '--npg-steps', '0.01,-3'), stderr: "--npg-steps must be a comma-separated list of positive numbers, got '0.01,-3'" },
  { name: 'compare with a bad rule parameter in the config file', args: compare('--methods', 'npg', '--config', fixture.badRuleParam), stderr: 'invalid configuration for npg:\nrule.npg.stepSize' },
  { name: 'compare into a folder under a file', args: ['compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '1', '--out', path.join(fixture.aFile, 'cmp')], stderr: 'cannot be created' },
  { name: 'compare onto a folder that holds no run', args: ['compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '1', '--out', (put('not-runs/trpo/seed-0/notes.txt', 'x\n'), at('not-runs'))], stderr: "exists but is not a run directory (no config.json)" },
  // metrics files and output paths for plot
  { name: 'plot of a missing run', args: ['plot', '--runs', at('no-such-run'), '--out', at('never.svg')], stderr: 'does not exist' },
  { name: 'plot of a run without metrics', args: ['plot', '--runs', fixture.noMetricsRun, '--out', at('never.svg')], stderr: 'has no metrics.jsonl' },
  { name: 'plot of metrics that are not JSON', args: ['plot', '--runs', fixture.metricsNotJson, '--out', at('never.svg')], stderr: 'metrics.jsonl:2 is not valid JSON' },
  { name: 'plot of metrics without iterations', args: ['plot', '--runs', fixture.metricsEmpty, '--out', at('never.svg')], stderr: 'has no iteration with an episode return' },
  { name: 'plot of a run whose config is not JSON', args: ['plot', '--runs', fixture.configNotJsonRun, '--out', at('never.svg')], stderr: 'config.json is not valid JSON' },
  { name: 'plot into a missing folder', args: plot('--out', at('missing', 'curves.svg')), stderr: 'does not exist' },
  { name: 'plot to a non-SVG file', args: plot('--out', at('curves.png')), stderr: 'must end in .svg, not .png' },
  { name: 'plot onto a folder', args: plot('--out', at('folder.svg')), stderr: 'it is a folder' },
  { name: 'plot under a file', args: plot('--out', path.join(fixture.aFile, 'curves.svg')), stderr: 'is a file, not a folder' },
  { name: 'plot to a file without an extension', args: plot('--out', at('curves')), stderr: 'must end in .svg' },
  { name: 'plot of an unknown panel', args: plot('--out', at('never.svg'), '--panels', 'return,loss'), stderr: "unknown panel 'loss'" },
  { name: 'export of a missing run', args: ['export', '--run', at('no-such-run'), '--out', at('never-export')], stderr: 'does not exist' },
  { name: 'export of a run without a policy', args: ['export', '--run', fixture.noPolicyRun, '--out', at('never-export')], stderr: 'has no policy.json' },
  { name: 'export of a policy file that is not JSON', args: ['export', '--run', fixture.policyNotJson, '--out', at('never-export')], stderr: 'not a policy file' },
  { name: 'export of a policy whose shapes do not fit its env', args: ['export', '--run', fixture.policyOtherEnv, '--out', at('never-export')], stderr: 'policy for Pendulum-v1' },
  { name: 'export into a non-empty folder', args: ['export', '--run', fixture.exportableRun, '--out', fixture.nonEmptyDir], stderr: "export folder '" },
  { name: 'export under a file', args: ['export', '--run', fixture.exportableRun, '--out', path.join(fixture.aFile, 'site')], stderr: 'is a file, not a folder' },
  { name: 'export without --out', args: ['export', '--run', fixture.exportableRun], stderr: "required option '--out <dir>'" },
  { name: 'plot of no panels', args: plot('--out', at('never.svg'), '--panels', ','), stderr: 'choose at least one panel' },
  { name: 'plot of eval without eval.jsonl', args: plot('--out', at('never.svg'), '--panels', 'return,eval'), stderr: 'no run has an eval.jsonl' },
  { name: 'plot of a run whose eval.jsonl is broken', args: ['plot', '--runs', fixture.evalNotJsonRun, '--out', at('never.svg')], stderr: 'eval.jsonl: line 1 is not valid JSON' },
];
mkdirSync(at('folder.svg'));

/** A hash of every path and file content under `dir`. */
const treeHash = (dir: string): string => {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      hash.update(`${path.relative(dir, p)}\0`);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
};

test(`at least 25 distinct bad inputs (${badInputCases.length})`, () => {
  assert.ok(badInputCases.length >= 25);
  assert.is(new Set(badInputCases.map((c) => c.name)).size, badInputCases.length, 'names repeat');
  assert.is(new Set(badInputCases.map((c) => c.args.join('\0'))).size, badInputCases.length, 'arguments repeat');
});

for (const c of badInputCases) {
  test(`bad input: ${c.name} → exit 2, names the problem, no stack trace, nothing written`, () => {
    const before = treeHash(scratch);
    // in the scratch folder, so a default run folder (runs/...) would show in the hash
    const r = spawnSync(process.execPath, [cli, ...c.args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    assert.is(r.status, 2, `exit ${r.status}: ${r.stderr}`);
    assert.ok(r.stderr.includes(c.stderr), `stderr lacks ${JSON.stringify(c.stderr)}: ${r.stderr}`);
    assert.not.match(r.stderr, /\n\s+at |internal error/, 'stack trace printed');
    assert.is(treeHash(scratch), before, 'the folder changed');
  });
}

test.run();
