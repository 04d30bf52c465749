// `npm run build:api`: compiles the API and the libraries it imports to JavaScript (dist/server/,
// the source tree's layout), with @swc/core — decorators and their metadata as Nest needs them
// (esbuild does not emit decorator metadata) and the path aliases rewritten to relative paths.
// `node dist/server/apps/api/src/main.js` then runs the API without compiling at start.
// With `--if-stale` (`npm start` and `npm run demo:start` call it first) it returns at once when
// the build is newer than every source (a walk of modification times, a few ms).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'server');
const { compilerOptions } = JSON.parse((await import('node:fs')).readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// With B4's child process (test/bench/b4-child.ts), so that the benchmark measures a rebuild as the product runs one: compiled.
const files = [
  ...[join(root, 'apps', 'api', 'src'), ...readdirSync(join(root, 'libs')).map((lib) => join(root, 'libs', lib, 'src'))].flatMap(sources),
  join(root, 'test', 'bench', 'b4-child.ts'),
];
const stamp = join(out, '.built');
const inputs = [...files, fileURLToPath(import.meta.url), join(root, 'tsconfig.base.json'), join(root, 'package-lock.json')];
if (process.argv.includes('--if-stale') && existsSync(stamp) && Math.max(...inputs.map((f) => statSync(f).mtimeMs)) <= statSync(stamp).mtimeMs) process.exit(0);
process.stderr.write('Building the API (apps/api and libs → dist/server) …\n');
// A clean tree each time: a moved or deleted source leaves no stale module behind.
rmSync(out, { recursive: true, force: true });
for (const file of files) {
  const { code } = await transformFile(file, {
    filename: file,
    sourceMaps: false,
    // The drivers of the stores a deployment may not use load on first use, not at start (about a third of a second).
    module: { type: 'commonjs', lazy: ['@kurrent/kurrentdb-client', '@eventstore/db-client', 'pg'] },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      baseUrl: root,
      paths: compilerOptions.paths,
      keepClassNames: true,
    },
  });
  const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
}
process.stderr.write(`compiled ${files.length} files to ${relative(root, out)}/\n`);
writeFileSync(stamp, `${new Date().toISOString()}\n`);

