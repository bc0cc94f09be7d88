import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

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

/** Serves the built renderer. index.html gets the per-start token injected; only the served page knows it. */
export function serveStatic(
  res: ServerResponse,
  rootDir: string,
  urlPath: string,
  token: string,
  headers: Record<string, string>,
): void {
  const root = path.resolve(rootDir);
  let rel = decodeURIComponent(urlPath.split('?')[0]);
  if (rel === '/' || !path.extname(rel)) rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    if (rel === '/index.html') {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('A interface ainda não foi construída. Execute "npm run build" e recarregue a página.');
      return;
    }
    res.writeHead(404).end();
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (rel === '/index.html') {
    const html = fs
      .readFileSync(file, 'utf8')
      .replace('</head>', `<meta name="balcao-token" content="${token}" />\n</head>`);
    res.writeHead(200, { ...headers, 'Content-Type': type });
    res.end(html);
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  fs.createReadStream(file).pipe(res);
}
