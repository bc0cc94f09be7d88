import http from 'node:http';
import type net from 'node:net';
import { z } from 'zod';
import { createHub, type HubOptions, type IlinkHub, type Reply } from './hub';
import { createRateLimiter, type RateLimiterStats } from './limiter';
import { parseMultipart } from './multipart';

/**
 * The iLink simulator: iLink's REST API over HTTP on loopback (the same paths, JSON envelopes and codes as
 * paypay-ilink-ciuspt.md §2 and §6.3), its rate limit (200/min, 2-minute block, scaled by `timeFactor`) and
 * fault injection; plus our own JSON control API on a separate port (not iLink's) for tests and training.
 */
export interface IlinkSimulatorOptions extends Partial<HubOptions> {
  readonly host?: string;
  readonly port?: number;
  readonly controlPort?: number;
  /** 1 = iLink's real minute; 60 = a minute lasts a second (the bench). */
  readonly timeFactor?: number;
  readonly rateLimit?: number;
}

export interface IlinkSimulator {
  /** e.g. http://127.0.0.1:5801/api/v1/pt — what `balcao ilink configure --base-url` takes. */
  readonly baseUrl: string;
  readonly port: number;
  readonly controlUrl: string;
  readonly controlPort: number;
  readonly hub: IlinkHub;
  stats(): SimStats;
  close(): Promise<void>;
}

export interface SimStats {
  readonly requests: number;
  readonly rate: RateLimiterStats;
  readonly injected: Record<FaultKind, number>;
}

const PREFIX = '/api/v1/pt';
type FaultKind = '5xx' | 'timeout' | '429' | 'reset';
const FaultBody = z.object({
  kind: z.enum(['5xx', 'timeout', '429', 'reset']),
  count: z.number().int().min(0).max(100_000).default(1),
});
const StateBody = z.object({
  number: z.string().min(1),
  state: z.enum(['tosend', 'sent', 'accepted', 'rejected']),
  reason: z.enum(['regularization', 'other']).optional(),
});
const RecipientBody = z.object({ nif: z.string().regex(/^\d{9}$/), orderRequired: z.boolean() });

const MAX_BODY = 60 * 1024 * 1024;

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > MAX_BODY) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON, urlencoded or multipart fields as strings (iLink accepts form posts and JSON). */
function fields(body: Buffer, type: string): Record<string, unknown> {
  if (!body.length) return {};
  if (type.includes('application/json')) {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  }
  if (type.includes('multipart/form-data')) {
    const out: Record<string, unknown> = {};
    for (const p of parseMultipart(body, type) ?? []) if (!p.filename) out[p.name] = p.data.toString('utf8');
    return out;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

export async function startIlinkSimulator(opts: IlinkSimulatorOptions = {}): Promise<IlinkSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? Date.now;
  const hub = createHub({ ...opts, now });
  const limiter = createRateLimiter({ limit: opts.rateLimit, timeFactor: opts.timeFactor, now });
  const faults: { kind: FaultKind; left: number }[] = [];
  const injected: Record<FaultKind, number> = { '5xx': 0, timeout: 0, '429': 0, reset: 0 };
  const sockets = new Set<net.Socket>();
  const hanging = new Set<http.ServerResponse>();
  let requests = 0;
  let origin = '';

  const send = (res: http.ServerResponse, r: Reply): void => {
    res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
    res.end(JSON.stringify(r.body));
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    requests++;
    const url = new URL(req.url ?? '/', 'http://sim');
    const p = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const blockedMs = limiter.admit();
    if (blockedMs !== null)
      return send(res, {
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(blockedMs / 1000))) },
        body: { success: false, errors: [{ code: 'e429', msg: 'Too many requests.' }] },
      });
    // Faults apply to the document API (not the token endpoint), in the order they were injected.
    const fault = p.startsWith('/apps/') ? faults.find((f) => f.left > 0) : undefined;
    if (fault) {
      fault.left--;
      injected[fault.kind]++;
      if (fault.kind === '5xx')
        return send(res, {
          status: 503,
          body: { success: false, errors: [{ code: 'e500', msg: 'Service unavailable.' }] },
        });
      if (fault.kind === '429')
        return send(res, {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { success: false, errors: [{ code: 'e429', msg: 'Too many requests.' }] },
        });
    }
    const body = await readBody(req);
    const type = String(req.headers['content-type'] ?? '');
    const reply = handle(req.method ?? 'GET', p, url.searchParams, body, type, req.headers);
    // timeout / reset: the request WAS processed (the remote document exists); only the answer is lost.
    if (fault?.kind === 'timeout') {
      hanging.add(res);
      return;
    }
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if ('file' in reply) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(reply.file);
    }
    send(res, reply);
  }

  function handle(
    method: string,
    p: string,
    q: URLSearchParams,
    body: Buffer,
    type: string,
    headers: http.IncomingHttpHeaders,
  ): Reply | { file: Buffer } {
    if (method === 'POST' && p === '/oauth2/token')
      return hub.token(fields(body, type) as Record<string, string>);
    const bearer = String(headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const entity = typeof headers.entity === 'string' ? headers.entity : undefined;
    if (method === 'POST' && p === '/apps/authentications') return hub.handshake(bearer, fields(body, type));
    const nif = hub.actingNif(bearer, entity);
    if (method === 'GET' && p.startsWith('/file/')) {
      const f = nif ? hub.file(p.slice('/file/'.length)) : null;
      return f
        ? { file: f }
        : { status: 404, body: { success: false, errors: [{ code: 'e404', msg: 'Not found.' }] } };
    }
    if (!nif) return hub.unauthorized();
    if (method === 'POST' && p === '/apps/documentsUBL') {
      const parts = type.includes('multipart/form-data') ? parseMultipart(body, type) : null;
      const file = parts?.find((x) => x.name === 'file' || x.name === 'document');
      return hub.sendUbl(nif, file ? file.data : null);
    }
    if (method === 'GET' && p === '/apps/states-report/documents')
      return hub.statesReport(nif, Math.min(100, Number(q.get('rows') ?? 50) || 50));
    if (method === 'POST' && p === '/apps/states-report/documents/read') {
      const f = fields(body, type);
      const ids = Array.isArray(f.ids)
        ? f.ids.map(String)
        : String(f.ids ?? '')
            .split(',')
            .filter(Boolean);
      return hub.statesRead(nif, ids);
    }
    if (method === 'GET' && p === '/apps/documents') return hub.list(nif, q, origin);
    const m = /^\/apps\/documents\/([^/]+)(\/accepted)?$/.exec(p);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      if (method === 'GET' && !m[2]) return hub.get(nif, id, origin);
      if (method === 'POST' && !m[2]) return hub.ack(nif, id, fields(body, type));
      if (method === 'POST' && m[2]) return hub.decide(nif, id, fields(body, type));
    }
    return { status: 404, body: { success: false, errors: [{ code: 'e404', msg: 'Route not found.' }] } };
  }

  const api = http.createServer((req, res) => {
    route(req, res).catch((e) => {
      if (!res.headersSent)
        send(res, {
          status: 400,
          body: {
            success: false,
            errors: [{ code: 'e001', msg: String(e instanceof Error ? e.message : e) }],
          },
        });
    });
  });
  api.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const control = http.createServer((req, res) => {
    void (async () => {
      const json = (status: number, v: unknown): void => send(res, { status, body: v });
      try {
        const raw = await readBody(req);
        const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
        const q = new URL(req.url ?? '/', 'http://sim').searchParams;
        const parse = (): unknown => (raw.length ? JSON.parse(raw.toString('utf8')) : {});
        switch (route) {
          case 'POST /control/state': {
            const b = StateBody.parse(parse());
            const d = hub.setState(b.number, b.state, b.reason);
            return d
              ? json(200, { id: d.id, number: d.number, state: d.state, edi: d.edi })
              : json(404, { error: `documento ${b.number} desconhecido` });
          }
          case 'POST /control/received': {
            const d = hub.deliver(raw, q.get('nif') ?? undefined);
            return json(200, {
              id: d.id,
              number: d.number,
              supplierNif: d.supplierNif,
              customerNif: d.customerNif,
            });
          }
          case 'POST /control/fault': {
            const f = FaultBody.parse(parse());
            faults.push({ kind: f.kind, left: f.count });
            return json(200, { ok: true, pending: faults.filter((x) => x.left > 0) });
          }
          case 'POST /control/clear':
            faults.length = 0;
            for (const r of hanging) r.destroy();
            hanging.clear();
            return json(200, { ok: true });
          case 'POST /control/expire-tokens':
            hub.expireTokens();
            return json(200, { ok: true });
          case 'POST /control/recipient': {
            const b = RecipientBody.parse(parse());
            hub.requireOrder(b.nif, b.orderRequired);
            return json(200, { ok: true });
          }
          case 'GET /control/documents':
            return json(200, {
              issued: hub.issued().map((d) => ({
                id: d.id,
                number: d.number,
                type: d.type,
                issueDate: d.issueDate,
                supplierNif: d.supplierNif,
                customerNif: d.customerNif,
                state: d.state,
                edi: d.edi,
                reasons: d.reasons,
                versions: d.versions,
                bytes: d.xml.length,
              })),
              received: hub.received().map((d) => ({
                id: d.id,
                number: d.number,
                supplierNif: d.supplierNif,
                customerNif: d.customerNif,
                imported: d.imported,
                decision: d.decision,
              })),
              stats: stats(),
            });
          default:
            return json(404, { error: 'rota desconhecida' });
        }
      } catch (e) {
        json(400, { error: e instanceof Error ? e.message : String(e) });
      }
    })();
  });

  const listen = (srv: http.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => resolve((srv.address() as net.AddressInfo).port));
    });
  const port = await listen(api, opts.port ?? 0);
  const controlPort = await listen(control, opts.controlPort ?? 0);
  origin = `http://${host}:${port}${PREFIX}`;
  const stats = (): SimStats => ({ requests, rate: limiter.stats(), injected: { ...injected } });

  return {
    baseUrl: origin,
    port,
    controlUrl: `http://${host}:${controlPort}`,
    controlPort,
    hub,
    stats,
    async close() {
      for (const r of hanging) r.destroy();
      for (const s of sockets) s.destroy();
      await Promise.all([api, control].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
