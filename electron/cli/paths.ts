import path from 'node:path';

/** Repository root (the CLI runs from sources through tsx). */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
