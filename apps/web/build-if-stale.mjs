// `npm start`, `npm run demo:start` and the browser tests call this first: it builds the dashboard
// (vite build → dist/apps/web) when the build is missing or older than any of its sources, and
// otherwise returns at once (a walk of apps/web's files' modification times, a few ms).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const root = join(web, '..', '..');
const built = join(root, 'dist', 'apps', 'web', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.mts'), join(root, 'package-lock.json')];
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) {
  process.stderr.write('Building the dashboard (apps/web → dist/apps/web) …\n');
  const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Always the production build: under Jest (NODE_ENV=test) vite would bundle React's development build, several times slower.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
