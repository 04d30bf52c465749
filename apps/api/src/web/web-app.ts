import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The dashboard (apps/web, built by Vite into dist/apps/web) served from the
 * API's own port at `/`, beside the API at /api: no second server. Without a
 * build (`npm run build:web`; `npm start` builds it when missing or stale)
 * the API runs alone and `/` answers 404 as before.
 */
export const defaultWebRoot = (): string => resolve(process.env['AUXLEDGER_WEB_DIR'] || join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'web'));

export const webAppBuilt = (root = defaultWebRoot()): boolean => existsSync(join(root, 'index.html'));

/** Serves the built dashboard, if there is one; returns where from, or null. */
export function serveWebApp(app: NestFastifyApplication, root = defaultWebRoot()): string | null {
  if (!webAppBuilt(root)) return null;
  const assets = join(root, 'assets') + sep;
  app.useStaticAssets({
    root,
    prefix: '/',
    index: 'index.html',
    // A route for each file of the build (read at start-up), not a catch-all: any other path finds no route (404, `unmatched` in the metrics).
    wildcard: false,
    // Vite's hashed file names under assets/ never change: cached for a year; index.html is always revalidated.
    cacheControl: false,
    // @fastify/static 10.1 passes the reply itself (Nest's type still names the older wrapper's setHeader).
    setHeaders: (reply, path) => (reply as unknown as { header(name: string, value: string): unknown }).header('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return root;
}
