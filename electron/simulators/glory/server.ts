import http from 'node:http';
import net from 'node:net';
import { z } from 'zod';
import { GloryMachine, type FaultKind, type SimSettings } from './machine';
import { envelope, eventXml, faultEnvelope, parseRequest, responseBody } from './xml';

/**
 * The simulated FCC on real sockets: SOAP BrueBoxService over HTTP, FCC→POS event pusher (TCP, NUL-terminated
 * frames, randomly split and coalesced), and our own JSON control API (not Glory's) for tests and the
 * training panel. glory-ci5.md §6.
 */
export interface GlorySimulatorOptions {
  host?: string;
  soapPort?: number;
  controlPort?: number;
  /** Overrides the host the FCC connects to (the standalone `--event-host`), else the registered Url. */
  eventHost?: string;
  settings?: Partial<SimSettings>;
  stock?: Record<number, number>;
  /** Split/coalesce event writes to exercise the POS frame splitter (default true). */
  chunkEvents?: boolean;
}

export interface GlorySimulator {
  readonly machine: GloryMachine;
  readonly soapUrl: string;
  readonly soapPort: number;
  readonly controlPort: number;
  readonly controlUrl: string;
  close(): Promise<void>;
}

const SERVICE_PATH = '/axis2/services/BrueBoxService';

const OPS: Record<string, string> = {
  GetStatus: 'Status',
};
const opOf = (action: string | undefined, element: string): string => {
  const a = (action ?? '').replace(/^"|"$/g, '');
  if (a) return OPS[a] ?? a.replace(/Operation$/, '');
  return element.replace(/Request$/, '');
};

interface Destination {
  host: string;
  port: number;
  socket: net.Socket | null;
  queue: Buffer[];
  scheduled: boolean;
}

export async function startGlorySimulator(opts: GlorySimulatorOptions = {}): Promise<GlorySimulator> {
  const host = opts.host ?? '127.0.0.1';
  const destinations: Destination[] = [];
  const httpSockets = new Set<net.Socket>();
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const chunk = opts.chunkEvents ?? true;

  const flush = (d: Destination): void => {
    d.scheduled = false;
    if (!machine.online || d.queue.length === 0) {
      d.queue = [];
      return;
    }
    if (!d.socket || d.socket.destroyed) {
      d.socket = net.connect(d.port, opts.eventHost ?? d.host);
      d.socket.setNoDelay(true);
      d.socket.on('error', () => undefined);
      d.socket.on('close', () => (d.socket = null));
    }
    const data = Buffer.concat(d.queue);
    d.queue = [];
    if (!chunk || data.length < 8) {
      d.socket.write(data);
      return;
    }
    const cut = 1 + Math.floor(rnd() * (data.length - 2));
    d.socket.write(data.subarray(0, cut));
    const s = d.socket;
    setImmediate(() => s.destroyed || s.write(data.subarray(cut)));
  };

  const machine = new GloryMachine(
    {
      push(inner) {
        if (!machine.online) return;
        const frame = Buffer.concat([Buffer.from(eventXml(inner), 'utf8'), Buffer.from([0])]);
        for (const d of destinations) {
          d.queue.push(frame);
          if (!d.scheduled) {
            d.scheduled = true;
            setImmediate(() => flush(d));
          }
        }
      },
      register(h, port) {
        if (destinations.some((d) => d.host === h && d.port === port)) return true;
        if (destinations.length >= 4) return false;
        destinations.push({ host: h, port, socket: null, queue: [], scheduled: false });
        return true;
      },
      unregisterAll() {
        for (const d of destinations.splice(0)) d.socket?.destroy();
      },
      dropConnections() {
        for (const s of httpSockets) s.destroy();
        for (const d of destinations) d.socket?.destroy();
      },
    },
    opts.settings,
    opts.stock,
  );

  const soap = http.createServer((req, res) => {
    if (!machine.online) return void req.socket.destroy();
    if (req.method === 'GET' && req.url?.startsWith(SERVICE_PATH) && req.url.includes('wsdl')) {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      return void res.end(MINI_WSDL);
    }
    if (req.method !== 'POST' || !req.url?.startsWith(SERVICE_PATH)) {
      res.writeHead(404);
      return void res.end();
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let body: string;
        let status = 200;
        try {
          const parsed = parseRequest(Buffer.concat(chunks).toString('utf8'));
          const action = req.headers.soapaction;
          const op = opOf(Array.isArray(action) ? action[0] : action, parsed.element);
          const reply = await machine.handle(op, parsed);
          const element = `${op}Response`;
          const xml = responseBody(element, reply.result, parsed, reply.fields ?? []);
          body = envelope(xml);
          // The FCC copies every response onto the event channel (glory-ci5.md §1.3).
          machine.hooks.push(xml.replace(/ xmlns:n="[^"]+"/, ''));
        } catch (e) {
          status = 500;
          body = faultEnvelope(e instanceof Error ? e.message : String(e));
        }
        if (!machine.online || res.destroyed) return;
        res.writeHead(status, {
          'Content-Type': 'text/xml; charset=utf-8',
          Server: 'Balcao-Glory-Simulator',
        });
        res.end(body);
      })();
    });
  });
  soap.on('connection', (s: net.Socket) => {
    if (!machine.online) return void s.destroy();
    httpSockets.add(s);
    s.on('close', () => httpSockets.delete(s));
  });

  const control = http.createServer((req, res) => void controlRoute(machine, req, res));

  const listen = (srv: http.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => resolve((srv.address() as net.AddressInfo).port));
    });
  const soapPort = await listen(soap, opts.soapPort ?? 0);
  const controlPort = await listen(control, opts.controlPort ?? 0);

  // Self-rescheduling so /control/config can change the period at run time.
  let hb: NodeJS.Timeout;
  const beat = (): void => {
    machine.heartbeat();
    hb = setTimeout(beat, machine.settings.heartbeatMs);
    hb.unref();
  };
  hb = setTimeout(beat, machine.settings.heartbeatMs);
  hb.unref();

  return {
    machine,
    soapPort,
    controlPort,
    soapUrl: `http://${host}:${soapPort}${SERVICE_PATH}`,
    controlUrl: `http://${host}:${controlPort}`,
    async close() {
      clearTimeout(hb);
      machine.take();
      machine.hooks.unregisterAll();
      for (const s of httpSockets) s.destroy();
      await Promise.all([soap, control].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

// ------------------------------------------------------------ control API (ours)

const InsertBody = z.object({
  denominations: z
    .array(
      z.object({ fv: z.number().int().positive(), piece: z.number().int().positive().max(500).default(1) }),
    )
    .min(1),
});
const FaultBody = z.object({
  kind: z.enum(['jam', 'door', 'power', 'network', 'heartbeat']),
  devid: z.union([z.literal(1), z.literal(2)]).default(1),
});
const StockBody = z.object({
  denominations: z.array(z.object({ fv: z.number().int().positive(), piece: z.number().int().min(0) })),
});
const ConfigBody = z.object({
  sessionTimeoutMs: z.number().int().positive().optional(),
  autoTakeMs: z.number().int().min(0).nullable().optional(),
  heartbeatMs: z.number().int().positive().optional(),
  sessionEnable: z.boolean().optional(),
  occupyEnable: z.boolean().optional(),
  shortageCancelResult: z.union([z.literal(1), z.literal(9)]).optional(),
  stepMs: z.number().int().min(0).optional(),
});

async function controlRoute(
  m: GloryMachine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const send = (status: number, v: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(v));
  };
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json: unknown = raw ? JSON.parse(raw) : {};
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    switch (route) {
      case 'POST /control/insert':
        return send(200, m.insert(InsertBody.parse(json).denominations));
      case 'POST /control/take':
        return send(200, { taken: m.take() });
      case 'POST /control/fault': {
        const f = FaultBody.parse(json);
        m.fault(f.kind as FaultKind, f.devid);
        return send(200, { ok: true });
      }
      case 'POST /control/clear':
        m.clear();
        return send(200, { ok: true });
      case 'GET /control/inventory':
        return send(200, m.inventory());
      case 'POST /control/stock':
        for (const d of StockBody.parse(json).denominations) m.stock.set(d.fv, d.piece);
        return send(200, m.inventory());
      case 'POST /control/config':
        Object.assign(m.settings, ConfigBody.parse(json));
        return send(200, m.settings);
      case 'GET /control/state':
        return send(200, {
          code: m.code,
          sessions: m.sessions.size,
          occupied: m.occupant !== null,
          faults: [...m.faults],
          transaction: m.tx.tx?.kind ?? null,
          counters: m.counters,
        });
      default:
        return send(404, { error: 'rota desconhecida' });
    }
  } catch (e) {
    send(400, { error: e instanceof Error ? e.message : String(e) });
  }
}

// Our own minimal description (Glory's WSDL is not redistributed; glory-ci5.md §6.1 item 1).
const MINI_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="BrueBoxService" targetNamespace="http://www.glory.co.jp/bruebox.wsdl">
  <documentation>Balcão Glory CI-5 simulator. Operations dispatched on SOAPAction (GetStatus, XxxOperation).</documentation>
</definitions>`;
