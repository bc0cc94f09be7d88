import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { RENDERER_DIR, ROOT } from './paths';

/** Builds main, preload and renderer with electron-vite (about 5 s). */
export function buildApp(): boolean {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  console.log('A construir a interface (primeira vez)…');
  if (!buildApp()) throw new Error('A construção da interface falhou (electron-vite build).');
}
