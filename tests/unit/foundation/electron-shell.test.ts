import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CSP, isAppUrl, secureWebPreferences } from '../../../electron/main/security';
import { resolveAppFile } from '../../../electron/main/protocol';
import { BRIDGE_KEYS } from '../../../shared/bridge';

// The Electron runtime cannot be launched on the project's machines, so the shell's own factories are
// tested directly; the preload is loaded against a stand-in for the electron module.
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { on: vi.fn(), invoke: vi.fn(async () => ({ ok: true, value: 1 })) },
}));

describe('Electron shell security', () => {
  it('every window is isolated, sandboxed and without Node', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('the CSP allows only our own scripts and no remote content', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-eval|https?:/);
  });

  it('only app:// pages count as ours', () => {
    expect(isAppUrl('app://balcao/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('the app:// protocol never serves files outside the renderer folder', () => {
    const root = path.resolve('/srv/renderer');
    expect(resolveAppFile(root, 'app://balcao/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://balcao/pos')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://balcao/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
    expect(resolveAppFile(root, 'app://balcao/assets/..%2f..%2f..%2fetc%2fpasswd.js')).toBeNull();
  });

  it('the preload exposes exactly invoke and subscribe, frozen', async () => {
    await import('../../../electron/preload/index');
    const bridge = exposed.balcao as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual([...BRIDGE_KEYS]);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(typeof bridge.invoke).toBe('function');
  });
});
