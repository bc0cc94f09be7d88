import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { createPrintingService, type PrintingService } from '../../../electron/core/printing/service';
import { READY, startTcpPrinter, type FakePrinter } from '../../../electron/simulators/printer/fake-printer';
import { tempDir } from '../../helpers/tmp';
import { fs as fsDoc } from '../../unit/printing/fixtures';
import { printingContext, until } from './context';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const printed = (p: FakePrinter): string => paperText(decode(new Uint8Array(p.received())));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function service(
  dir: string,
  port: number,
): Promise<{
  printing: PrintingService;
  close(): Promise<void>;
  ctx: Awaited<ReturnType<typeof printingContext>>;
}> {
  const c = await printingContext(dir);
  c.ctx.db.sqlite
    .prepare(
      `insert or ignore into operator (id, name, role, pin_hash, pin_salt, active, created_at) values (1, 'Ana', 'caixa', 'x', 'x', 1, '2025-01-01T00:00:00Z')`,
    )
    .run();
  const printing = createPrintingService(c.ctx, {
    devices: c.devices,
    loadDocument: (id) => fsDoc({ number: `FS POS1/${id}` }),
  });
  printing.configurePrinter({
    id: 'balcao',
    name: 'Talões',
    uri: `tcp://127.0.0.1:${port}`,
    profile: { paper: '80mm-48' },
    isDefault: true,
  });
  return {
    printing,
    ctx: c,
    async close() {
      await printing.stop();
      c.close();
    },
  };
}

describe('persistent print queue', () => {
  it('a sale never waits: the job survives an offline printer and a restart, then prints when it is back', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const port = await freePort();

    const a = await service(tmp.dir, port);
    const job = a.printing.enqueueDocument(1);
    expect(job).toMatchObject({ state: 'pending', copy: false, docNo: 'FS POS1/1' });
    await a.printing.processNow();
    const failed = a.printing.getJob(job.id)!;
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(failed.lastError).toMatch(/não responde/);
    const dev = a.ctx.devices.list().find((d) => d.id === 'printer:balcao')!;
    expect(dev).toMatchObject({ kind: 'printer', state: 'error' });
    await a.close();

    // Restart: the queue is on disk.
    const b = await service(tmp.dir, port);
    cleanups.push(() => b.close());
    expect(b.printing.listJobs(10, 'pending').map((j) => j.id)).toEqual([job.id]);
    const printer = await startTcpPrinter(port);
    cleanups.push(() => printer.close());
    b.printing.start(); // the worker retries on its own (back-off ≤ 30 s; here the first retry is due at once)
    await until(() => b.printing.getJob(job.id)?.state === 'done', 15_000, 'job printed');
    await until(() => printed(printer).includes('[CORTE]'), 5000, 'receipt bytes');
    const text = printed(printer);
    expect(text).toContain('FS POS1/1');
    expect(text).toContain('ATCUD:AAJFJ4VH-1');
    expect(b.ctx.devices.list().find((d) => d.id === 'printer:balcao')?.state).toBe('ready');
  });

  it('holds jobs in order while the paper is out and prints them all when paper is back', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const printer: FakePrinter & { port: number } = await startTcpPrinter();
    cleanups.push(() => printer.close());
    const s = await service(tmp.dir, printer.port);
    cleanups.push(() => s.close());
    printer.status = { ...READY, paperOut: true };
    const j1 = s.printing.enqueueDocument(1);
    const j2 = s.printing.enqueueDocument(2);
    await s.printing.processNow();
    expect(s.printing.getJob(j1.id)?.lastError).toMatch(/sem papel/);
    expect(s.printing.getJob(j2.id)?.state).toBe('pending');
    expect(printer.received().length).toBe(0);

    printer.status = { ...READY };
    await s.printing.processNow(true);
    expect(s.printing.getJob(j1.id)?.state).toBe('done');
    expect(s.printing.getJob(j2.id)?.state).toBe('done');
    // Delivered to the kernel is not yet read by the printer: wait for the bytes to arrive.
    await until(() => printed(printer).includes('FS POS1/2'), 5000, 'second receipt');
    const text = printed(printer);
    expect(text.indexOf('FS POS1/1')).toBeLessThan(text.indexOf('FS POS1/2'));
  });

  it('a reprint from history is a "2.ª via"; the drawer opening is journaled and kicks ESC p', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const printer = await startTcpPrinter();
    cleanups.push(() => printer.close());
    const s = await service(tmp.dir, printer.port);
    cleanups.push(() => s.close());
    s.printing.enqueueDocument(7);
    const again = s.printing.enqueueDocument(7);
    expect(again.copy).toBe(true);
    const re = s.printing.reprint(7, 1);
    expect(re.copy).toBe(true);
    const drawer = s.printing.openDrawer(1, 'Troco para cliente');
    await s.printing.processNow(true);
    expect(s.printing.getJob(drawer.id)?.state).toBe('done');
    await until(
      () => decode(new Uint8Array(printer.received())).items.some((i) => i.kind === 'drawer'),
      5000,
      'drawer kick',
    );
    const d = decode(new Uint8Array(printer.received()));
    expect(paperText(d).match(/2\.ª via/g)?.length).toBeGreaterThanOrEqual(2);
    expect(d.items.filter((i) => i.kind === 'drawer')).toEqual([
      { kind: 'drawer', pin: 2, onMs: 50, offMs: 500 },
    ]);

    const db = s.ctx.ctx.db;
    const ev = db.all(db.k.selectFrom('drawer_event').selectAll());
    expect(ev).toMatchObject([
      { operator_id: 1, reason: 'Troco para cliente', printer_id: 'balcao', job_id: drawer.id },
    ]);
    expect(() => db.sqlite.prepare('delete from drawer_event').run()).toThrow(/append-only/);
    const audit = db.all(
      db.k
        .selectFrom('audit_log')
        .selectAll()
        .where('action', 'in', ['printing.drawer-open', 'printing.reprint']),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['printing.drawer-open', 'printing.reprint']);
  });

  it('the training default printer is the virtual printer, and the UI preview returns the last PNG', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const c = await printingContext(tmp.dir);
    const printing = createPrintingService(c.ctx, { devices: c.devices, loadDocument: () => fsDoc() });
    cleanups.push(async () => {
      await printing.stop();
      c.close();
    });
    expect(printing.listPrinters()).toEqual([
      {
        id: 'principal',
        name: 'Impressora virtual',
        uri: 'virtual:',
        paper: '80mm-48',
        qr: 'native',
        isDefault: true,
        pendingJobs: 0,
      },
    ]);
    expect(printing.lastPreview()).toBeNull();
    printing.enqueueDocument(1);
    await printing.processNow();
    const p = printing.lastPreview();
    expect(p?.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(c.devices.list()).toMatchObject([
      { id: 'printer:principal', kind: 'printer', simulated: true, state: 'ready' },
    ]);
  });
});
