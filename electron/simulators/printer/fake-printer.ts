import net from 'node:net';
import { SerialPort } from 'serialport';
import { statusBytes, type PrinterStatus } from '../../core/printing/escpos/status';

/**
 * A fake ESC/POS printer for tests and demos: it stores what it is sent and answers DLE EOT n with the
 * status bytes of a real Epson printer in the state you set (paper out, cover open, offline…).
 * Network flavour listens on 127.0.0.1; serial flavour opens one end of a PTY pair (see ./pty-pair.ts).
 */
export const READY: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  error: false,
};

export interface FakePrinter {
  /** Print data received (status queries removed), per connection/job for TCP, all in one for serial. */
  readonly jobs: Buffer[];
  received(): Buffer;
  status: PrinterStatus;
  /** Resolves when at least `n` bytes of print data arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Splits a stream into print data and DLE EOT queries (answered immediately). */
class Parser {
  #pending: number[] = [];
  constructor(
    private readonly onData: (b: number[]) => void,
    private readonly answer: (n: number) => void,
  ) {}
  feed(chunk: Uint8Array): void {
    const data: number[] = [];
    for (const b of chunk) {
      this.#pending.push(b);
      const p = this.#pending;
      if (p[0] !== 0x10) {
        data.push(...p);
        this.#pending = [];
      } else if (p.length === 2 && p[1] !== 0x04) {
        data.push(...p);
        this.#pending = [];
      } else if (p.length === 3) {
        this.answer(p[2]);
        this.#pending = [];
      }
    }
    if (data.length) this.onData(data);
  }
}

function base(): {
  printer: Omit<FakePrinter, 'close'>;
  push(job: number, bytes: number[]): void;
  answerFor(n: number): number;
} {
  const jobs: Buffer[] = [];
  const waiters: { n: number; resolve: (b: Buffer) => void }[] = [];
  const printer: Omit<FakePrinter, 'close'> = {
    jobs,
    status: { ...READY },
    received: () => Buffer.concat(jobs),
    waitFor(n, timeoutMs = 5000) {
      const have = printer.received();
      if (have.length >= n) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`fake printer: waited for ${n} bytes`)), timeoutMs);
        waiters.push({
          n,
          resolve: (b) => {
            clearTimeout(t);
            resolve(b);
          },
        });
      });
    },
  };
  return {
    printer,
    push(job, bytes) {
      while (jobs.length <= job) jobs.push(Buffer.alloc(0));
      jobs[job] = Buffer.concat([jobs[job], Buffer.from(bytes)]);
      const all = printer.received();
      for (const w of [...waiters]) {
        if (all.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(all);
        }
      }
    },
    answerFor(n) {
      const [p, o, paper] = statusBytes(printer.status);
      return n === 1 ? p : n === 2 ? o : n === 4 ? paper : 0x12;
    },
  };
}

export async function startTcpPrinter(port = 0): Promise<FakePrinter & { port: number }> {
  const b = base();
  let jobNo = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    const job = jobNo++;
    const parser = new Parser(
      (d) => b.push(job, d),
      (n) => s.write(Uint8Array.of(b.answerFor(n))),
    );
    s.on('data', (d: Buffer) => parser.feed(d));
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, '127.0.0.1', () => res());
  });
  const addr = server.address() as net.AddressInfo;
  return Object.assign(b.printer, {
    port: addr.port,
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  });
}

export async function startSerialPrinter(path: string, baudRate = 19200): Promise<FakePrinter> {
  const b = base();
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const parser = new Parser(
    (d) => b.push(0, d),
    (n) => port.write(Uint8Array.of(b.answerFor(n))),
  );
  port.on('data', (d: Buffer) => parser.feed(d));
  return Object.assign(b.printer, {
    close: () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())),
  });
}
