import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export const contentType = (file: string): string => TYPES[path.extname(file)] ?? 'application/octet-stream';

/**
 * Maps a URL path to a file inside the built renderer (`/` and extension-less routes → index.html), or null
 * when the path would escape the folder. Shared by browser mode and Electron's app:// protocol.
 */
export function resolveStaticFile(rootDir: string, urlPath: string): string | null {
  const root = path.resolve(rootDir);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (rel === '/' || !path.extname(rel)) rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}
