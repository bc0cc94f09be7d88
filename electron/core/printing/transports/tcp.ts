import net from 'node:net';
import { PosError } from '../../../../shared/errors';
import type { PrinterStatus } from '../escpos/status';
import { STATUS_REQUEST, statusCollector } from './stream-status';
import {
  DEFAULT_TIMEOUT_MS,
  STATUS_WAIT_MS,
  assertPrintable,
  type PrinterTransport,
  type SendOptions,
} from './transport';

/**
 * Raw TCP ("port 9100"). A connection per job: most network printers serve one client at a time, and holding
 * the socket would lock out the back office or a second terminal.
 */
export class TcpTransport implements PrinterTransport {
  readonly description: string;
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.description = `tcp://${host}:${port}`;
  }

  #connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(offline(this.description, 'sem resposta'));
      }, this.timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        s.destroy();
        reject(offline(this.description, (e as NodeJS.ErrnoException).code ?? e.message));
      });
    });
  }

  async send(bytes: Uint8Array, opts: SendOptions = {}): Promise<void> {
    const s = await this.#connect();
    if (opts.checkStatus) {
      // Same connection: a single-client printer (or listener) must not see a second connect.
      const c = statusCollector(STATUS_WAIT_MS);
      const onData = (d: Buffer): void => c.feed(d);
      s.on('data', onData);
      s.write(STATUS_REQUEST);
      const st = await c.result;
      s.off('data', onData);
      try {
        assertPrintable(st);
      } catch (e) {
        s.destroy();
        throw e;
      }
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          s.destroy();
          reject(offline(this.description, 'envio interrompido'));
        },
        this.timeoutMs + bytes.length / 10,
      );
      s.once('error', (e) => {
        clearTimeout(timer);
        reject(offline(this.description, e.message));
      });
      s.end(bytes, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    s.destroySoon();
  }

  async status(): Promise<PrinterStatus | null> {
    const s = await this.#connect();
    const c = statusCollector(this.timeoutMs);
    s.on('data', (d: Buffer) => c.feed(d));
    s.on('error', () => c.cancel());
    s.write(STATUS_REQUEST);
    try {
      return await c.result;
    } finally {
      s.destroy();
    }
  }

  async close(): Promise<void> {}
}

export function offline(where: string, why: string): PosError {
  return new PosError(
    'DEVICE_OFFLINE',
    `A impressora ${where} não responde (${why}). Verifique se está ligada e com cabo/rede; o talão fica na fila e sai quando ela voltar.`,
    { where, why },
  );
}
