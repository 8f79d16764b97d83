// `npm run build`'s last step: bundles the page script of `trpo export` (dist/export/page/main.js,
// compiled by tsc) with tfjs and the package's env code into dist/export/page.js, one ES module a
// browser loads from the exported folder. MuJoCo's wasm loader stays out (the page plays classic
// control and MinAtar envs; a MuJoCo id fails with a message when the page starts).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const leaveOutMujoco = {
  name: 'leave-out-mujoco',
  setup(b) {
    b.onResolve({ filter: /mujoco\/index\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};
/** One ES module for a browser page, from a compiled entry script. */
const bundle = (entry, outfile, options = {}) =>
  build({ entryPoints: [path.join(root, entry)], outfile: path.join(root, outfile), bundle: true, platform: 'browser', format: 'esm', minify: true, legalComments: 'eof', logLevel: 'warning', ...options });

await bundle('dist/export/page/main.js', 'dist/export/page.js', { plugins: [leaveOutMujoco] });

// The dashboard page's script (dist/dashboard/page/main.js, compiled by tsconfig.page.json) with
// the env drawings it shares with the export page, into the one folder the dashboard serves
// scripts from. uPlot stays a separate file (the page loads it from the uplot package).
await bundle('dist/dashboard/page/main.js', 'dist/dashboard/static/main.js', { sourcemap: true });
