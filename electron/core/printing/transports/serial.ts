import type { SerialPort } from 'serialport';
import type { PrinterStatus } from '../escpos/status';
import { STATUS_REQUEST, statusCollector } from './stream-status';
import { offline } from './tcp';
import {
  DEFAULT_TIMEOUT_MS,
  STATUS_WAIT_MS,
  assertPrintable,
  type PrinterTransport,
  type SendOptions,
} from './transport';

/**
 * Serial printers: RS-232, USB-serial adapters and Bluetooth SPP (a paired printer is /dev/rfcomm0 or COMn).
 * The port stays open between jobs (opening a Bluetooth link is slow); it is reopened after any error.
 * Written on `serialport` directly rather than @node-escpos/serialport-adapter because status needs reads.
 */
export class SerialTransport implements PrinterTransport {
  readonly description: string;
  #port: SerialPort | null = null;
  #listeners = new Set<(d: Buffer) => void>();

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.description = `serial:${path}?baud=${baudRate}`;
  }

  async #open(): Promise<SerialPort> {
    if (this.#port?.isOpen) return this.#port;
    // Loaded at the first serial print: the native binding is not needed by a till without serial printers.
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((e) => (e ? reject(offline(this.description, e.message)) : resolve())),
    );
    port.on('data', (d: Buffer) => this.#listeners.forEach((l) => l(d)));
    port.on('error', () => this.#drop());
    port.on('close', () => this.#drop());
    this.#port = port;
    return port;
  }

  #drop(): void {
    const p = this.#port;
    this.#port = null;
    if (p?.isOpen) p.close(() => {});
  }

  async send(bytes: Uint8Array, opts: SendOptions = {}): Promise<void> {
    if (opts.checkStatus) assertPrintable(await this.#status(STATUS_WAIT_MS));
    const port = await this.#open();
    try {
      await new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (e) =>
          e ? reject(e) : port.drain((e2) => (e2 ? reject(e2) : resolve())),
        );
      });
    } catch (e) {
      this.#drop();
      throw offline(this.description, e instanceof Error ? e.message : String(e));
    }
  }

  status(): Promise<PrinterStatus | null> {
    return this.#status(this.timeoutMs);
  }

  async #status(waitMs: number): Promise<PrinterStatus | null> {
    const port = await this.#open();
    const c = statusCollector(waitMs);
    const l = (d: Buffer): void => c.feed(d);
    this.#listeners.add(l);
    try {
      port.write(Buffer.from(STATUS_REQUEST));
      return await c.result;
    } finally {
      this.#listeners.delete(l);
    }
  }

  async close(): Promise<void> {
    const p = this.#port;
    this.#port = null;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }
}
