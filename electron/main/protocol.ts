import fs from 'node:fs';
import { contentType, resolveStaticFile } from '../server/static-files';
import { CSP } from './security';

/** Resolves an app:// request to a file inside the renderer folder, refusing path traversal. */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  return resolveStaticFile(rendererDir, new URL(url).pathname);
}

export function appResponse(rendererDir: string, url: string): Response {
  const file = resolveAppFile(rendererDir, url);
  if (!file || !fs.existsSync(file)) return new Response('not found', { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': contentType(file) };
  if (file.endsWith('.html')) headers['Content-Security-Policy'] = CSP;
  return new Response(fs.readFileSync(file), { headers });
}
