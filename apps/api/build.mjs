// `npm run build:api`: compiles the API and the libraries it imports to JavaScript (dist/server/,
// the source tree's layout), with @swc/core — decorators and their metadata as Nest needs them
// (esbuild does not emit decorator metadata) and the path aliases rewritten to relative paths.
// `node dist/server/apps/api/src/main.js` then runs the API without compiling at start.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

const files = [join(root, 'apps', 'api', 'src'), ...readdirSync(join(root, 'libs')).map((lib) => join(root, 'libs', lib, 'src'))].flatMap(sources);
for (const file of files) {
  const { code } = await transformFile(file, {
    filename: file,
    sourceMaps: false,
    module: { type: 'commonjs' },
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
