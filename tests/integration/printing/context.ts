import path from 'node:path';
import type { CoreContext } from '../../../electron/core/context';
import { migrateToLatest } from '../../../electron/core/db/migrate';
import { openDatabase } from '../../../electron/core/db/open';
import { DeviceRegistry } from '../../../electron/core/devices/registry';
import { EventBus } from '../../../electron/core/events';
import { silentLogger } from '../../../electron/core/log/logger';
import { systemClock } from '../../../electron/core/util/clock';

/** A real CoreContext on a real SQLite file (all migrations), without the rest of the core. */
export async function printingContext(
  dataDir: string,
): Promise<{ ctx: CoreContext; devices: DeviceRegistry; close(): void }> {
  const db = openDatabase(path.join(dataDir, 'balcao.sqlite'));
  await migrateToLatest(db, silentLogger);
  const events = new EventBus();
  const ctx: CoreContext = {
    db,
    clock: systemClock,
    log: silentLogger,
    events,
    dataDir,
    mode: 'training',
    terminalId: 'T1',
    version: 'test',
    audit: (action, operatorId, details) =>
      db.run(
        db.k.insertInto('audit_log').values({
          at: new Date().toISOString(),
          operator_id: operatorId,
          action,
          details: JSON.stringify(details ?? {}),
        }),
      ),
  };
  return { ctx, devices: new DeviceRegistry(events, systemClock), close: () => db.close() };
}

export async function until(cond: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
