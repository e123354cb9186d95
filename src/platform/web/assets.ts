import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One file the app serves itself (no CDN): its bytes, type and a content-addressed URL. */
export interface StaticAsset {
  body: Buffer;
  type: string;
  etag: string;
  /** `/assets/<name>?v=<hash>`: a changed file gets a new URL, so browsers may keep each one for a year. */
  url: string;
}

const load = (name: string, file: URL | string, type: string): StaticAsset => {
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { body, type, etag: `"${hash}"`, url: `/assets/${name}?v=${hash}` };
};

const resolve = createRequire(import.meta.url).resolve;
const htmxPath = resolve('htmx.org/dist/htmx.min.js');
/** jsQR's browser build (it sets `window.jsQR`): the door page reads QR codes from the camera with it. */
const jsqrPath = resolve('jsqr/dist/jsQR.js');

/** The shared stylesheet, the small progressive-enhancement script, and htmx and jsQR from node_modules. */
export const ASSETS = {
  'site.css': load('site.css', new URL('./assets/site.css', import.meta.url), 'text/css; charset=utf-8'),
  'site.js': load('site.js', new URL('./assets/site.js', import.meta.url), 'text/javascript; charset=utf-8'),
  'htmx.min.js': load('htmx.min.js', htmxPath, 'text/javascript; charset=utf-8'),
  'jsqr.js': load('jsqr.js', jsqrPath, 'text/javascript; charset=utf-8'),
} satisfies Record<string, StaticAsset>;

export type AssetName = keyof typeof ASSETS;
