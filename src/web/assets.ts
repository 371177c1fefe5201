import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { STAFF_PAGES } from './pages.js';

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'client');

export interface Asset {
  type: string;
  body: string;
}

/**
 * The browser code, bundled from TypeScript once at start-up (a few tens of milliseconds) and served
 * from memory: no build step to forget, no CDN, the socket.io client included.
 */
export function buildAssets(): Map<string, Asset> {
  const result = buildSync({
    entryPoints: [...STAFF_PAGES, 'helper'].map((page) => join(CLIENT, `${page}.ts`)),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: '/',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    assets.set(file.path.slice(1), { type: 'text/javascript; charset=utf-8', body: file.text });
  }
  assets.set('app.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(CLIENT, 'app.css'), 'utf8') });
  return assets;
}
