// `npm run auxledger` calls this first (the `preauxledger` script): it bundles the CLI
// (apps/cli/src/main.ts and the libraries it imports, path aliases resolved) into one
// JavaScript file, dist/apps/cli/main.js, with esbuild — when the bundle is missing or older
// than any of its sources; otherwise it returns at once (a walk of modification times, a few ms).
// Native and driver packages stay outside the bundle and load from node_modules.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = dirname(fileURLToPath(import.meta.url));
const root = join(cli, '..', '..');
export const built = join(root, 'dist', 'apps', 'cli', 'main.js');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => (name.endsWith('.spec.ts') ? max : Math.max(max, newest(join(path, name)))), 0);
}

const sources = [join(cli, 'src'), join(cli, 'build-if-stale.mjs'), join(root, 'libs'), join(root, 'tsconfig.base.json'), join(root, 'package.json'), join(root, 'package-lock.json')];

export async function buildCli({ force = false } = {}) {
  if (!force && existsSync(built) && Math.max(...sources.map(newest)) <= statSync(built).mtimeMs) return false;
  process.stderr.write('Building the CLI (apps/cli → dist/apps/cli/main.js) …\n');
  const { build } = await import('esbuild');
  await build({
    // The SQLite log's writer thread is a module of its own beside the bundle (SqliteEventStore starts it from there).
    entryPoints: { main: join(cli, 'src', 'main.ts'), 'sqlite-writer-thread': join(root, 'libs', 'event-store', 'src', 'sqlite', 'sqlite-writer-thread.ts') },
    outdir: dirname(built),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: join(root, 'tsconfig.base.json'),
    external: ['better-sqlite3', 'pg', 'pg-native', '@eventstore/db-client', '@kurrent/kurrentdb-client'],
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildCli({ force: process.argv.includes('--force') }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
