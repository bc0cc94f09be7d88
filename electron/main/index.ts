import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol } from 'electron';
import { createCore, type Core } from '../core/core';
import { createLogger } from '../core/log/logger';
import { IPC_EVENT, IPC_INVOKE, type InvokeRequest } from '../../shared/bridge';
import { PosError } from '../../shared/errors';
import { appResponse } from './protocol';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, lockDown, secureWebPreferences } from './security';

// The main process hosts the core (SQLite, devices, sync) and relays the contract over two IPC channels.
const log = createLogger('main');
const kiosk = process.argv.includes('--kiosk');
let core: Core | null = null;
let coreFailure: PosError | null = null;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.on('web-contents-created', (_e, contents) => lockDown(contents));

async function boot(): Promise<void> {
  const rendererDir = path.join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, (req) => appResponse(rendererDir, req.url));

  try {
    core = await createCore({ dataDir: app.getPath('userData'), log });
  } catch (e) {
    // Every call then fails with the start-up error instead of hanging (the UI shows it).
    coreFailure = e instanceof PosError ? e : new PosError('INTERNAL', String(e));
    log.error('core failed to start', { error: String(e) });
  }

  ipcMain.handle(IPC_INVOKE, async (event, req: InvokeRequest) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
      return { ok: false, error: new PosError('ORIGIN_REFUSED', 'Origem não autorizada.').toData() };
    }
    if (!core)
      return { ok: false, error: (coreFailure ?? new PosError('CORE_NOT_READY', 'A arrancar…')).toData() };
    return core.dispatch(req?.channel, req?.input, {
      transport: 'ipc',
      sessionToken: req?.sessionToken ?? null,
    });
  });

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    title: 'Balcão',
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs')),
  });
  core?.events.onAny((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, { event: name, payload });
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(boot, (e: unknown) => log.error('electron failed', { error: String(e) }));
app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  void core?.stop('quit');
});
