import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the Electron build (electron-vite: out/main, out/preload, out/renderer) is made of, and a cheap
 * fingerprint of it: the path, mtime and size of every file, hashed (a few thousand stats, no reads). The build
 * writes the fingerprint it started from into out/ (see electron.vite.config.ts); `balcao start` rebuilds only
 * when today's fingerprint differs, or an output is missing.
 * ASSUMPTION: a source edit changes its mtime or size (true for editors, git checkout and copies).
 */
const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'resources'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'tsconfig.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
export const APP_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
export const APP_STAMP = 'out/.balcao-app-build.json';

function walk(root: string, rel: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const child = path.join(rel, e.name);
    if (e.isDirectory()) walk(root, child, into);
    else if (e.isFile()) into.push(child);
  }
}

export function appSourceFingerprint(root: string): string {
  const files: string[] = [...SOURCE_FILES];
  for (const d of SOURCE_DIRS) walk(root, d, files);
  files.sort();
  const h = crypto.createHash('sha256');
  for (const rel of files) {
    try {
      const st = fs.statSync(path.join(root, rel));
      h.update(`${rel}\t${st.mtimeMs}\t${st.size}\n`);
    } catch {
      h.update(`${rel}\t-\n`);
    }
  }
  return h.digest('hex');
}

/** Called by the build once every output is written, with the fingerprint taken before it started. */
export function writeAppStamp(root: string, fingerprint: string): void {
  const file = path.join(root, APP_STAMP);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
  fs.renameSync(tmp, file);
}

export function appBuildIsCurrentAt(root: string): boolean {
  if (!APP_OUTPUTS.every((f) => fs.existsSync(path.join(root, f)))) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, APP_STAMP), 'utf8')) as {
      fingerprint?: unknown;
    };
    return stamp.fingerprint === appSourceFingerprint(root);
  } catch {
    return false;
  }
}
