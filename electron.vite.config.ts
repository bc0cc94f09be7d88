import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { appSourceFingerprint, writeAppStamp } from './electron/cli/app-fingerprint';

const r = (p: string): string => resolve(import.meta.dirname, p);

// `balcao start` skips the build when out/ is current: the fingerprint of the sources is taken before any
// target builds and stamped into out/ once main, preload and renderer are all written (app-fingerprint.ts).
const fingerprint = appSourceFingerprint(import.meta.dirname);
const written = new Set<string>();
const stamp = (target: 'main' | 'preload' | 'renderer'): Plugin => ({
  name: 'balcao-build-stamp',
  apply: 'build',
  writeBundle() {
    written.add(target);
    if (written.size === 3) writeAppStamp(import.meta.dirname, fingerprint);
  },
});

export default defineConfig({
  main: {
    plugins: [stamp('main')],
    build: { outDir: 'out/main', rollupOptions: { input: { index: r('electron/main/index.ts') } } },
  },
  preload: {
    plugins: [stamp('preload')],
    build: {
      outDir: 'out/preload',
      // CommonJS so the preload can run with sandbox: true (an ESM preload needs sandbox: false).
      rollupOptions: {
        input: { index: r('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: r('renderer'),
    plugins: [react(), stamp('renderer')],
    build: { outDir: r('out/renderer'), rollupOptions: { input: { index: r('renderer/index.html') } } },
  },
});
