import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { STAFF_PAGES } from './pages.js';

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'client');
/** Leaflet's stylesheet, served beside the bundles: the maps come from node_modules, never a CDN. */
const LEAFLET_CSS = createRequire(import.meta.url).resolve('leaflet/dist/leaflet.css');

export interface Asset {
  type: string;
  body: string;
}

/** The page scripts: one per route, named after it (`board.js`, …, `helper.js` for the personal link). */
export const PAGE_SCRIPTS = [...STAFF_PAGES, 'helper'] as const;

/** The service's own icon, so a browser tab and a bookmark show it and no request for it ends in a 404. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fa8"/><path d="M6 17l10-9 10 9M9 15v10h14V15" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>`;

/**
 * The browser code, bundled from TypeScript and TSX (Preact) once at start-up and served from memory:
 * no build step to forget, no CDN, Preact and the socket.io client included.
 */
export function buildAssets(): Map<string, Asset> {
  const result = buildSync({
    entryPoints: PAGE_SCRIPTS.map((page) => join(CLIENT, 'pages', `${page}.tsx`)),
    outbase: join(CLIENT, 'pages'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
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
  assets.set('leaflet.css', { type: 'text/css; charset=utf-8', body: readFileSync(LEAFLET_CSS, 'utf8') });
  assets.set('favicon.svg', { type: 'image/svg+xml', body: FAVICON });
  return assets;
}
