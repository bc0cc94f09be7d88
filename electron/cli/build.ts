import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { appBuildIsCurrentAt } from './app-fingerprint';
import { RENDERER_DIR, ROOT } from './paths';

/** Builds main, preload and renderer with electron-vite (about 5 s); the build writes its stamp. */
export function buildApp(): boolean {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

/** True when out/ holds a build of the sources as they are now (electron.vite.config.ts stamps it). */
export function appBuildIsCurrent(): boolean {
  return appBuildIsCurrentAt(ROOT);
}

export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  console.log('A construir a interface (primeira vez)…');
  if (!buildApp()) throw new Error('A construção da interface falhou (electron-vite build).');
}
