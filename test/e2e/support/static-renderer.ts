import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { rendererOut } from './root.js';

/**
 * The origin the built renderer is served from. Module scripts do not load from file://, and an
 * http origin keeps `'self'` in the renderer's CSP meaning exactly "the app's own files".
 */
export const APP_ORIGIN = 'http://cairn.test';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves out/renderer on APP_ORIGIN for every page of `context`, and refuses any other request. */
export async function serveRenderer(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    // Nothing outside the app may load: the real window has no network either.
    if (url.origin !== APP_ORIGIN) return route.abort('blockedbyclient');
    if (url.pathname === '/favicon.ico') return route.fulfill({ status: 204, body: '' });
    const relativePath = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^[/\\]+/, '');
    const file = join(rendererOut, relativePath);
    if (!file.startsWith(rendererOut + sep) || relativePath.startsWith('.')) return route.fulfill({ status: 404, body: 'not found' });
    try {
      const body = await readFile(file);
      return route.fulfill({ status: 200, body, headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' } });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
}
