// `npm start`'s prestart: rebuilds dist/ when any file under src/ (or a tsconfig, or package.json)
// is newer than dist/cli/main.js, or when dist/ is missing. No dependency beyond node.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist', 'cli', 'main.js');

const newest = (p) => {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p).reduce((latest, name) => Math.max(latest, newest(path.join(p, name))), stat.mtimeMs);
};

const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.page.json', 'package.json'].map((p) => path.join(root, p)).filter(existsSync);
const reason = !existsSync(output)
  ? 'dist/ is missing'
  : sources.some((p) => newest(p) > statSync(output).mtimeMs)
    ? 'src/ is newer than dist/'
    : null;
if (reason) {
  console.log(`building (${reason})`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}
