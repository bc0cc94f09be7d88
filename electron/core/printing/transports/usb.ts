import { PosError } from '../../../../shared/errors';
import type { PrinterStatus } from '../escpos/status';
import { offline } from './tcp';
import type { PrinterTransport } from './transport';

interface UsbAdapterLike {
  open(cb: (e: Error | null) => void): unknown;
  write(data: Buffer, cb: (e: Error | null) => void): unknown;
  close(cb: (e: Error | null) => void): unknown;
}

/**
 * USB printer class through @node-escpos/usb-adapter (libusb; needs the `usb` ^2 override, toolchain.md §4).
 * Loaded lazily so a terminal without USB printers never loads libusb. No status: the adapter exposes no
 * reliable read of DLE EOT answers on every model, so the queue relies on write errors instead.
 */
export class UsbTransport implements PrinterTransport {
  readonly description: string;
  constructor(
    private readonly vendorId: number,
    private readonly productId: number,
  ) {
    const h = (n: number): string => n.toString(16).padStart(4, '0');
    this.description = `usb:${h(vendorId)}:${h(productId)}`;
  }

  async #adapter(): Promise<UsbAdapterLike> {
    let mod: { default: new (vid: number, pid: number) => UsbAdapterLike };
    try {
      mod = (await import('@node-escpos/usb-adapter')) as unknown as typeof mod;
    } catch (e) {
      throw new PosError(
        'DEVICE_ERROR',
        'O suporte USB para impressoras não está disponível neste computador. Use a ligação de rede ou série.',
        { cause: e instanceof Error ? e.message : String(e) },
      );
    }
    try {
      return new mod.default(this.vendorId, this.productId);
    } catch (e) {
      throw offline(this.description, e instanceof Error ? e.message : 'não encontrada');
    }
  }

  async send(bytes: Uint8Array): Promise<void> {
    const a = await this.#adapter();
    const step = (f: (cb: (e: Error | null) => void) => unknown): Promise<void> =>
      new Promise((res, rej) => f((e) => (e ? rej(offline(this.description, e.message)) : res())));
    await step((cb) => a.open(cb));
    try {
      await step((cb) => a.write(Buffer.from(bytes), cb));
    } finally {
      await step((cb) => a.close(cb)).catch(() => {});
    }
  }

  async status(): Promise<PrinterStatus | null> {
    return null;
  }

  async close(): Promise<void> {}
}
