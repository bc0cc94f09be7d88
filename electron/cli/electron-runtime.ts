import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export type ElectronRuntime = { ok: true; binary: string } | { ok: false; reason: string };

/**
 * Finds a launchable Electron binary without triggering a download: electron ≥ 42 fetches its binary lazily on
 * first launch, which hangs or fails on an offline machine. We look for the files it would use instead.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    if (fs.existsSync(bin)) return { ok: true, binary: bin };
  }
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pkgDir)) return { ok: false, reason: 'o pacote electron não está instalado' };
  if (!fs.existsSync(pathTxt)) {
    return {
      ok: false,
      reason: 'o executável do Electron não foi descarregado (máquina sem acesso à Internet?)',
    };
  }
  const binary = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  if (!fs.existsSync(binary))
    return { ok: false, reason: `o executável do Electron não existe em ${binary}` };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'não há ambiente gráfico (DISPLAY/WAYLAND_DISPLAY não definidos)' };
  }
  return { ok: true, binary };
}
