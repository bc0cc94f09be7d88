import net from 'node:net';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import type { FakePrinter } from '../../../electron/simulators/printer/fake-printer';
import type { TestCore } from '../../helpers/core';

/** A port nothing listens on yet (the printer is "off" until a fake printer binds it). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Makes a TCP ESC/POS printer on 127.0.0.1:port the terminal's default printer (manager channel). */
export async function useTcpPrinter(t: TestCore, port: number): Promise<void> {
  const gerente = await t.login('gerente');
  await t.call(
    'printing/configure-printer',
    { id: 'balcao', name: 'Talões', uri: `tcp://127.0.0.1:${port}`, paper: '80mm-48', isDefault: true },
    gerente,
  );
}

/** What the fake printer would have put on paper, wrapped lines joined. */
export const paper = (p: FakePrinter): string =>
  paperText(decode(new Uint8Array(p.received()))).replace(/\s+/g, ' ');

export async function until(
  cond: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
