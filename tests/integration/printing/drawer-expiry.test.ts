import { afterEach, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { createPrintingService } from '../../../electron/core/printing/service';
import { fixedClock } from '../../../electron/core/util/clock';
import { READY, startTcpPrinter } from '../../../electron/simulators/printer/fake-printer';
import { tempDir } from '../../helpers/tmp';
import { fs as fsDoc } from '../../unit/printing/fixtures';
import { printingContext, until } from './context';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('drawer kicks that waited in the queue', () => {
  it('are dropped once stale: the late receipt prints without ESC p, a lone kick is cancelled', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const printer = await startTcpPrinter();
    cleanups.push(() => printer.close());
    const c = await printingContext(tmp.dir);
    const clock = fixedClock('2026-03-02T10:00:00Z');
    const ctx = { ...c.ctx, clock };
    const printing = createPrintingService(ctx, {
      devices: c.devices,
      loadDocument: (id) => fsDoc({ number: `FS POS1/${id}` }),
    });
    cleanups.push(async () => {
      await printing.stop();
      c.close();
    });
    printing.configurePrinter({
      id: 'balcao',
      name: 'Talões',
      uri: `tcp://127.0.0.1:${printer.port}`,
      profile: { paper: '80mm-48' },
      isDefault: true,
    });

    printer.status = { ...READY, paperOut: true };
    const receipt = printing.enqueueDocument(1, { openDrawer: true });
    const kick = printing.openDrawer(null, 'Troco');
    await printing.processNow();
    expect(printing.getJob(receipt.id)?.state).toBe('pending');

    clock.advance(5 * 60_000); // the printer was out of paper for five minutes
    printer.status = { ...READY };
    await printing.processNow(true);
    expect(printing.getJob(receipt.id)?.state).toBe('done');
    expect(printing.getJob(kick.id)).toMatchObject({
      state: 'cancelled',
      lastError: expect.stringMatching(/expirou/),
    });
    await until(
      () => paperText(decode(new Uint8Array(printer.received()))).includes('FS POS1/1'),
      5000,
      'receipt',
    );
    expect(decode(new Uint8Array(printer.received())).items.some((i) => i.kind === 'drawer')).toBe(false);

    const fresh = printing.openDrawer(null, 'Troco');
    await printing.processNow(true);
    expect(printing.getJob(fresh.id)?.state).toBe('done');
    await until(
      () => decode(new Uint8Array(printer.received())).items.some((i) => i.kind === 'drawer'),
      5000,
      'fresh kick',
    );
  });
});
