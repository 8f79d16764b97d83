import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

// The package root must bundle for a web page: nothing from node:* (nor Buffer, setImmediate or
// process) in our code, and no Node built-in pulled in by a dependency, except where the
// dependency itself guards it for Node (listed here with the reason).
const guardedInDependencies: Record<string, string> = {
  // emscripten's loader imports it only inside `if (ENVIRONMENT_IS_NODE)`; loaded lazily for MuJoCo envs
  'node_modules/mujoco-js/dist/mujoco_wasm.js': 'module',
};

/**
 * Bundles dist/index.js for the browser as a web bundler would (packages' "browser" maps apply).
 * A Node built-in that is still imported fails the build, except the guarded ones listed above.
 */
const bundleRootOnce = async () => {
  const allowGuarded: Plugin = {
    name: 'allow-guarded-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        // by the path inside node_modules, wherever node_modules lives (a worktree may link it)
        const importer = args.importer.slice(args.importer.lastIndexOf('node_modules/'));
        return guardedInDependencies[importer] === args.path.replace(/^node:/, '') ? { path: args.path, external: true } : undefined;
      });
    },
  };
  try {
    const result = await build({ entryPoints: ['dist/index.js'], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent', plugins: [allowGuarded] });
    return { errors: [] as string[], inputs: Object.keys(result.metafile.inputs) };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [{ text: String(error) }];
    return { errors: errors.map((e) => `${'location' in e && e.location ? e.location.file : '?'}: ${e.text}`), inputs: [] as string[] };
  }
};

let bundled: ReturnType<typeof bundleRootOnce> | null = null;
const bundleRoot = () => (bundled ??= bundleRootOnce());

test('the package root bundles for the browser without Node built-ins', async () => {
  const { errors, inputs } = await bundleRoot();
  assert.equal(errors, [], `the browser bundle failed:\n${errors.join('\n')}`);
  assert.ok(inputs.includes('dist/streams/train.js'), 'the bundle holds the training loop');
  assert.ok(!inputs.some((f) => /workerSampler|dist\/cli\//.test(f)), 'worker sampling and the CLI stay out of the root');
});

test('our own modules in the bundle use no Node globals (Buffer, setImmediate, process)', async () => {
  const { inputs } = await bundleRoot();
  const ours = inputs.filter((f) => f.startsWith('dist/'));
  assert.ok(ours.length > 30);
  const offenders = ours.flatMap((file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention them
    return [/\bBuffer\b/, /\bsetImmediate\b/, /\bprocess\./, /worker_threads/].filter((word) => word.test(code)).map((word) => `${file}: ${word.source}`);
  });
  assert.equal(offenders, []);
});

test.run();
