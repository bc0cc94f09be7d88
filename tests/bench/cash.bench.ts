import { createCashService } from '../../electron/core/cash/service';
import type { CoreContext } from '../../electron/core/context';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { DeviceRegistry } from '../../electron/core/devices/registry';
import { EventBus } from '../../electron/core/events';
import { silentLogger } from '../../electron/core/log/logger';
import { systemClock } from '../../electron/core/util/clock';
import { startGlorySimulator } from '../../electron/simulators/glory';
import { tempDir } from '../helpers/tmp';
import { median, percentile, type Benchmark } from './harness';

/**
 * cash.sale_overhead_ms: median wall time of a full cash sale (journal intent + SOAP Change over a real socket +
 * events + outcome written to SQLite) against the in-process simulator with zero simulated delays (the customer
 * pays exactly at once). The simulator's own work runs in the same process, so this is an upper bound of the
 * POS-side overhead. Goal ≤ 20 ms.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'cash',
    async run() {
      const tmp = tempDir('balcao-bench-cash-');
      const sim = await startGlorySimulator({
        settings: { autoPayMs: 0, autoTakeMs: 0, stepMs: 0, heartbeatMs: 1000 },
        chunkEvents: false,
      });
      const db = openDatabase(`${tmp.dir}/balcao.sqlite`);
      await migrateToLatest(db, silentLogger);
      const events = new EventBus();
      const ctx: CoreContext = {
        db,
        clock: systemClock,
        log: silentLogger,
        events,
        dataDir: tmp.dir,
        mode: 'training',
        terminalId: 'T1',
        version: 'bench',
        audit: () => undefined,
      };
      const cash = createCashService(ctx, {
        devices: new DeviceRegistry(events, systemClock),
        settings: {
          kind: 'glory',
          soapUrl: sim.soapUrl,
          eventHost: '127.0.0.1',
          eventPort: 0,
          tls: { rejectUnauthorized: true },
          user: '',
          password: '',
          deviceName: 'Bench',
          sessionMode: true,
          occupyMode: true,
          heartbeatTimeoutMs: 30_000,
          qualifiedAttributes: true,
          cancelOnShortChange: true,
        },
      });
      try {
        await cash.start();
        const times: number[] = [];
        for (let i = 0; i < 120; i++) {
          const t0 = performance.now();
          const r = await cash.sale({ amountDue: '12.35' });
          const dt = performance.now() - t0;
          if (r.outcome !== 'success') throw new Error(`sale ${i}: ${r.outcome}`);
          if (i >= 20) times.push(dt); // warm-up excluded
        }
        return {
          'cash.sale_overhead_ms': Number(median(times).toFixed(2)),
          'cash.sale_overhead_p95_ms': Number(percentile(times, 95).toFixed(2)),
        };
      } finally {
        await cash.stop();
        await sim.close();
        db.close();
        tmp.cleanup();
      }
    },
  },
];
