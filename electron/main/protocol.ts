import fs from 'node:fs';
import path from 'node:path';
import { CSP } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Resolves an app:// request to a file inside the renderer folder, refusing path traversal.
 * Pure so it can be unit-tested without Electron.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  const root = path.resolve(rendererDir);
  let rel = decodeURIComponent(new URL(url).pathname);
  if (rel === '/' || !path.extname(rel)) rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

export function appResponse(rendererDir: string, url: string): Response {
  const file = resolveAppFile(rendererDir, url);
  if (!file || !fs.existsSync(file)) return new Response('not found', { status: 404 });
  const headers: Record<string, string> = {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
  };
  if (file.endsWith('.html')) headers['Content-Security-Policy'] = CSP;
  return new Response(fs.readFileSync(file), { headers });
}
