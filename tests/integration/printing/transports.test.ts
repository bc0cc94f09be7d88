import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { SerialTransport } from '../../../electron/core/printing/transports/serial';
import { TcpTransport } from '../../../electron/core/printing/transports/tcp';
import {
  READY,
  startSerialPrinter,
  startTcpPrinter,
  type FakePrinter,
} from '../../../electron/simulators/printer/fake-printer';
import { openPtyPair, type PtyPair } from '../../../electron/simulators/printer/pty-pair';
import { fs } from '../../unit/printing/fixtures';
import { printReceipt } from '../../unit/printing/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('network transport (raw TCP 9100) against a local fake printer', () => {
  it('delivers the receipt bytes and reads DLE EOT status', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(() => printer.close());
    const t = new TcpTransport('127.0.0.1', printer.port, 2000);
    const { bytes } = printReceipt(fs());
    expect(await t.status()).toEqual(READY);
    await t.send(bytes, { checkStatus: true });
    const got = await printer.waitFor(bytes.length);
    expect(Buffer.compare(got, Buffer.from(bytes))).toBe(0);
    expect(paperText(decode(new Uint8Array(got)))).toContain('ATCUD:AAJFJ4VH-1');
  });

  it('refuses to print on paper out / cover open, with the reason in pt-PT', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(() => printer.close());
    const t = new TcpTransport('127.0.0.1', printer.port, 2000);
    printer.status = { ...READY, paperOut: true, online: false };
    await expect(t.send(Uint8Array.of(0x41, 0x0a), { checkStatus: true })).rejects.toMatchObject({
      code: 'DEVICE_ERROR',
      message: expect.stringMatching(/sem papel/),
    });
    printer.status = { ...READY, coverOpen: true };
    expect(await t.status()).toMatchObject({ coverOpen: true });
    await expect(t.send(Uint8Array.of(0x41), { checkStatus: true })).rejects.toThrow(/tampa/);
    expect(printer.received().length).toBe(0);
  });

  it('reports an absent printer as DEVICE_OFFLINE', async () => {
    const t = new TcpTransport('127.0.0.1', await freePort(), 1000);
    await expect(t.send(Uint8Array.of(0x41))).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });

  it('prints to a listener that never answers status (plain socket): waits briefly, then prints', async () => {
    const chunks: Buffer[] = [];
    const server = net.createServer((s) => s.on('data', (d: Buffer) => chunks.push(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const t = new TcpTransport('127.0.0.1', (server.address() as net.AddressInfo).port, 2000);
    await t.send(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a), { checkStatus: true });
    await new Promise((r) => setTimeout(r, 100));
    const all = Buffer.concat(chunks);
    // DLE EOT 1, 2, 4 (real-time, consumed by a printer) then the job.
    expect([...all]).toEqual([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4, 0x1b, 0x40, 0x41, 0x0a]);
  });
});

describe('serial transport (RS-232 / Bluetooth SPP) through a socat PTY pair', () => {
  async function setup(): Promise<{ pair: PtyPair; printer: FakePrinter; t: SerialTransport }> {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const printer = await startSerialPrinter(pair.b, 19200);
    cleanups.push(() => printer.close());
    const t = new SerialTransport(pair.a, 19200, 2000);
    cleanups.push(() => t.close());
    return { pair, printer, t };
  }

  it('answers DLE EOT and receives the receipt', async () => {
    const { printer, t } = await setup();
    expect(await t.status()).toEqual(READY);
    const { bytes } = printReceipt(fs({ copy: true }), { paper: '58mm-32' });
    await t.send(bytes, { checkStatus: true });
    const got = await printer.waitFor(bytes.length);
    expect(Buffer.compare(got, Buffer.from(bytes))).toBe(0);
    expect(paperText(decode(new Uint8Array(got)))).toContain('2.ª via');
  });

  it('sees cover open and paper near end, and refuses to print while the cover is open', async () => {
    const { printer, t } = await setup();
    printer.status = { ...READY, coverOpen: true, paperNearEnd: true };
    expect(await t.status()).toMatchObject({ coverOpen: true, paperNearEnd: true, paperOut: false });
    await expect(t.send(Uint8Array.of(0x41), { checkStatus: true })).rejects.toMatchObject({
      code: 'DEVICE_ERROR',
    });
    printer.status = { ...READY, paperNearEnd: true };
    await t.send(Uint8Array.of(0x41, 0x0a), { checkStatus: true });
    expect([...(await printer.waitFor(2))]).toEqual([0x41, 0x0a]);
  });

  it('a port that does not exist is DEVICE_OFFLINE', async () => {
    const t = new SerialTransport('/dev/nao-existe-balcao', 19200, 500);
    await expect(t.send(Uint8Array.of(0x41))).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });
});
