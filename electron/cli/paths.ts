import fs from 'node:fs';
import path from 'node:path';

/**
 * Repository root: the nearest folder above this module with a package.json. The CLI runs either from the
 * sources (electron/cli/, BALCAO_DEV=1) or from the bundle (out/cli/<build>/), so the depth is not fixed.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

export const ROOT = findRoot(import.meta.dirname);
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
