import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const r = (p: string): string => resolve(import.meta.dirname, p);

export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: r('electron/main/index.ts') } } },
  },
  preload: {
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
    plugins: [react()],
    build: { outDir: r('out/renderer'), rollupOptions: { input: { index: r('renderer/index.html') } } },
  },
});
