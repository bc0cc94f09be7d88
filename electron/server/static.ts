import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentType, resolveStaticFile } from './static-files';

/** Serves the built renderer. index.html gets the per-start token injected; only the served page knows it. */
export function serveStatic(
  res: ServerResponse,
  rootDir: string,
  urlPath: string,
  token: string,
  headers: Record<string, string>,
): void {
  const file = resolveStaticFile(rootDir, urlPath);
  if (!file) {
    res.writeHead(403).end();
    return;
  }
  const isIndex = path.basename(file) === 'index.html';
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    if (isIndex) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('A interface ainda não foi construída. Execute "npm run build" e recarregue a página.');
      return;
    }
    res.writeHead(404).end();
    return;
  }
  if (isIndex) {
    const html = fs
      .readFileSync(file, 'utf8')
      .replace('</head>', `<meta name="balcao-token" content="${token}" />\n</head>`);
    res.writeHead(200, { ...headers, 'Content-Type': contentType(file) });
    res.end(html);
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(file).pipe(res);
}
