// `npm run build`'s second step: bundles the page script of `trpo export` (dist/export/page/main.js,
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
await build({
  entryPoints: [path.join(root, 'dist/export/page/main.js')],
  outfile: path.join(root, 'dist/export/page.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [leaveOutMujoco],
});
