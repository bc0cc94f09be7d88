import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appBuildIsCurrentAt,
  appSourceFingerprint,
  writeAppStamp,
} from '../../../electron/cli/app-fingerprint';
import { tempDir } from '../../helpers/tmp';

/** `balcao start` rebuilds the Electron app only when this says the sources changed since the last build. */
describe('app build fingerprint', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function tree(): string {
    const t = tempDir();
    cleanups.push(t.cleanup);
    for (const f of ['electron/main/index.ts', 'shared/a.ts', 'renderer/src/b.tsx', 'package.json']) {
      fs.mkdirSync(path.dirname(path.join(t.dir, f)), { recursive: true });
      fs.writeFileSync(path.join(t.dir, f), 'x');
    }
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      fs.mkdirSync(path.dirname(path.join(t.dir, f)), { recursive: true });
      fs.writeFileSync(path.join(t.dir, f), 'built');
    }
    return t.dir;
  }

  it('is current after a stamp, stale after an edit, a new file or a removed output', () => {
    const root = tree();
    expect(appBuildIsCurrentAt(root)).toBe(false); // never stamped
    writeAppStamp(root, appSourceFingerprint(root));
    expect(appBuildIsCurrentAt(root)).toBe(true);

    fs.writeFileSync(path.join(root, 'shared/a.ts'), 'xy');
    expect(appBuildIsCurrentAt(root)).toBe(false);
    writeAppStamp(root, appSourceFingerprint(root));
    fs.writeFileSync(path.join(root, 'renderer/src/new.ts'), 'n');
    expect(appBuildIsCurrentAt(root)).toBe(false);
    writeAppStamp(root, appSourceFingerprint(root));
    expect(appBuildIsCurrentAt(root)).toBe(true);
    fs.rmSync(path.join(root, 'out/preload/index.cjs'));
    expect(appBuildIsCurrentAt(root)).toBe(false);
  });

  it('a touched file (same size, new mtime) counts as changed', () => {
    const root = tree();
    writeAppStamp(root, appSourceFingerprint(root));
    const f = path.join(root, 'electron/main/index.ts');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(f, later, later);
    expect(appBuildIsCurrentAt(root)).toBe(false);
  });
});
