import path from 'node:path';
import type { CoreContext } from '../../electron/core/context';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { DeviceRegistry } from '../../electron/core/devices/registry';
import { EventBus } from '../../electron/core/events';
import { silentLogger } from '../../electron/core/log/logger';
import { systemClock, type Clock } from '../../electron/core/util/clock';

export interface TestContext {
  ctx: CoreContext;
  devices: DeviceRegistry;
  close(): void;
}

/**
 * A real CoreContext on a real SQLite file in `dataDir` (all migrations run), without the rest of the core:
 * for testing one domain service (cash, printing…) at its real boundaries.
 */
export async function openTestContext(
  dataDir: string,
  opts: { clock?: Clock; audit?: CoreContext['audit'] } = {},
): Promise<TestContext> {
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(path.join(dataDir, 'balcao.sqlite'));
  await migrateToLatest(db, silentLogger);
  const events = new EventBus();
  const ctx: CoreContext = {
    db,
    clock,
    log: silentLogger,
    events,
    dataDir,
    mode: 'training',
    terminalId: 'T1',
    version: 'test',
    audit:
      opts.audit ??
      ((action, operatorId, details) =>
        db.run(
          db.k.insertInto('audit_log').values({
            at: clock.now().toISOString(),
            operator_id: operatorId,
            action,
            details: JSON.stringify(details ?? {}),
          }),
        )),
  };
  return { ctx, devices: new DeviceRegistry(events, clock), close: () => db.close() };
}
