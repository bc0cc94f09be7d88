import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { channels, contract } from '../../shared/api';
import { PosError, type Envelope, type ErrorCode } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { Core } from '../core/core';
import type { Logger } from '../core/log/logger';
import { allowedHosts, hostAllowed, originAllowed, pageSecurityHeaders, tokenMatches } from './security';
import { serveStatic } from './static';
import { answerCallFrame, type Dispatch } from './ws-calls';

export interface ServerOptions {
  core: Core;
  host?: string;
  port?: number;
  /** Built renderer (out/renderer). */
  staticDir: string;
  log: Logger;
  /** Fixed token (tests); default a fresh random one per start. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-balcao-token';
export const SESSION_HEADER = 'x-balcao-session';
const MAX_BODY = 1024 * 1024;

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  BAD_TOKEN: 401,
  FORBIDDEN: 403,
  ORIGIN_REFUSED: 403,
  MANAGER_APPROVAL_REQUIRED: 403,
  UNKNOWN_CHANNEL: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FISCAL_RULE: 422,
  CONFIRMATION_REQUIRED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * Browser mode: the same dispatcher as Electron IPC, over HTTP JSON (`POST /api/<domain>/<verb>`) and the
 * WebSocket `/api/events` (events, and the page's calls once it is open: ws-calls.ts). Loopback by default;
 * every API call needs the per-start token that only the served page receives; other origins and foreign Host
 * headers are refused.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { core, log } = opts;
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  let hosts = new Set<string>();
  let hostPort = '';

  const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(json);
  };
  const refuse = (res: ServerResponse, code: ErrorCode, message: string, op?: string): void => {
    log.warn('request refused', { code, op });
    const env: Envelope<never> = { ok: false, error: new PosError(code, message, undefined, op).toData() };
    sendJson(res, STATUS[code] ?? 400, env);
  };

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new PosError('VALIDATION', t('error.tooLarge'));
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  const dispatchCall: Dispatch = (channel, input, session) =>
    core.dispatch(channel, input, { transport: 'http', sessionToken: session });

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === '/api/health' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, version: core.ctx.version });
      return;
    }
    if (!originAllowed(req, hosts)) return refuse(res, 'ORIGIN_REFUSED', t('error.originRefused'));
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return refuse(res, 'BAD_TOKEN', t('error.badToken'));
    if (pathname === '/api/channels' && req.method === 'GET') {
      sendJson(res, 200, {
        ok: true,
        value: channels.map((c) => ({
          channel: c,
          access: contract[c].access,
          summary: contract[c].summary,
        })),
      });
      return;
    }
    const name = pathname.slice('/api/'.length);
    if (req.method !== 'POST') return refuse(res, 'VALIDATION', 'Use POST com um corpo JSON.', name);
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (e) {
      const msg = e instanceof PosError ? e.message : t('error.badJson');
      return refuse(res, 'VALIDATION', msg, name);
    }
    const session = req.headers[SESSION_HEADER];
    const env = await dispatchCall(name, input, typeof session === 'string' ? session : null);
    sendJson(res, env.ok ? 200 : (STATUS[env.error.code] ?? 400), env);
  }

  server.on('request', (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!hostAllowed(req, hosts)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname).catch((e: unknown) => {
        log.error('api failure', { error: e instanceof Error ? e.stack : String(e) });
        if (!res.headersSent) refuse(res, 'INTERNAL', t('error.internal'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(res, opts.staticDir, pathname, token, pageSecurityHeaders(hostPort));
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ok =
      url.pathname === '/api/events' &&
      hostAllowed(req, hosts) &&
      originAllowed(req, hosts) &&
      tokenMatches(url.searchParams.get('token'), token);
    if (!ok) {
      log.warn('websocket refused', { path: url.pathname });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      // The page's calls (ws-calls.ts); replies go back on the same socket, after the events they caused.
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void answerCallFrame(
          data.toString(),
          dispatchCall,
          (frame) => {
            if (ws.readyState === ws.OPEN) ws.send(frame);
          },
          log,
        );
      });
    });
  });

  const unsubscribe = core.events.onAny((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = `http://${hostPort}/`;
  log.info('browser mode listening', { url });

  return {
    url,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
