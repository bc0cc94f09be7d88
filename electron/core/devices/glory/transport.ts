import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { FrameSplitter } from './frames';

/**
 * I/O for the FCC: SOAP over HTTP(S) and the FCC→POS event TCP listener (glory-ci5.md §1.2, §1.3, §5 notes).
 * No protocol knowledge beyond framing; the device layer decides what to send.
 */

export type TransportErrorKind = 'timeout' | 'network' | 'http' | 'aborted';
export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface SoapClientOptions {
  /** e.g. http://192.168.0.25/axis2/services/BrueBoxService */
  url: string;
  /** The FCC on the SDK VM uses a self-signed certificate (glory-ci5.md §1.2): allow per configuration. */
  rejectUnauthorized?: boolean;
  /** PEM of the machine certificate, to pin it instead of switching verification off. */
  ca?: string;
}

export class SoapClient {
  readonly #url: URL;
  readonly #agent: http.Agent;
  readonly #opts: SoapClientOptions;

  constructor(opts: SoapClientOptions) {
    this.#opts = opts;
    this.#url = new URL(opts.url);
    const tls = this.#url.protocol === 'https:';
    // keepAlive: a sale holds one socket for minutes while status/cancel calls need others.
    this.#agent = tls
      ? new https.Agent({ keepAlive: true, rejectUnauthorized: opts.rejectUnauthorized ?? true, ca: opts.ca })
      : new http.Agent({ keepAlive: true });
  }

  get url(): string {
    return this.#url.toString();
  }

  /** POSTs one envelope; resolves with the body of any 200/500 reply (SOAP faults come as 500). */
  post(action: string, xml: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const mod = this.#url.protocol === 'https:' ? https : http;
    const body = Buffer.from(xml, 'utf8');
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const done = (err: TransportError | null, value?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(value ?? '');
      };
      const req = mod.request(
        this.#url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: action,
            'Content-Length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => done(new TransportError('network', e.message)));
          res.on('aborted', () => done(new TransportError('network', 'resposta interrompida')));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const st = res.statusCode ?? 0;
            if (st === 200 || (st === 500 && text.includes('Envelope'))) done(null, text);
            else done(new TransportError('http', `HTTP ${st}`, st));
          });
        },
      );
      const timer = setTimeout(() => {
        done(new TransportError('timeout', `sem resposta a ${action} em ${timeoutMs} ms`));
        req.destroy();
      }, timeoutMs);
      const onAbort = (): void => {
        done(new TransportError('aborted', `${action} cancelado`));
        req.destroy();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => done(new TransportError('network', e.message)));
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  get tlsRelaxed(): boolean {
    return this.#opts.rejectUnauthorized === false;
  }
}

export interface EventListenerOptions {
  /** Port registered with RegisterEventOperation; 0 = ephemeral (tests, in-process simulator). */
  port: number;
  host?: string;
  onFrame(xml: string): void;
  onError?(e: Error): void;
}

/** TCP server the FCC connects to; frames are NUL-terminated XML (glory-ci5.md §1.3). */
export class EventListener {
  #server: net.Server | null = null;
  #sockets = new Set<net.Socket>();

  constructor(private readonly opts: EventListenerOptions) {}

  async start(): Promise<number> {
    if (this.#server) return this.port;
    const server = net.createServer((socket) => {
      this.#sockets.add(socket);
      const splitter = new FrameSplitter();
      socket.on('data', (chunk: Buffer) => {
        let frames: string[];
        try {
          frames = splitter.push(chunk);
        } catch (e) {
          this.opts.onError?.(e as Error);
          return;
        }
        for (const f of frames) this.opts.onFrame(f);
      });
      socket.on('error', (e) => this.opts.onError?.(e));
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    return this.port;
  }

  get port(): number {
    const a = this.#server?.address();
    return a && typeof a === 'object' ? a.port : 0;
  }

  /** Drops the FCC's current connections (it reconnects on the next event). */
  dropConnections(): void {
    for (const s of this.#sockets) s.destroy();
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    this.dropConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Fires `onLost` when no heartbeat came for `timeoutMs`, `onRestored` on the first one after. The FCC's
 * heartbeat interval is not public (glory-ci5.md §6.4 q3): the timeout is configuration ([ASSUMPTION]).
 */
export class HeartbeatWatchdog {
  #timer: NodeJS.Timeout | null = null;
  #lost = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onLost: () => void,
    private readonly onRestored: () => void,
  ) {}

  start(): void {
    this.#arm();
  }

  beat(): void {
    if (this.#lost) {
      this.#lost = false;
      this.onRestored();
    }
    this.#arm();
  }

  get lost(): boolean {
    return this.#lost;
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#lost = true;
      this.onLost();
    }, this.timeoutMs);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#lost = false;
  }
}

/** Exponential backoff with a ceiling (1 s, 2 s, 4 s … max). */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
