import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/server/http-server';
import { memoryLogger } from '../../../electron/core/log/logger';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

let tc: TestCore;
let srv: RunningServer;
const log = memoryLogger();
const staticDir = tempDir();

beforeAll(async () => {
  fs.writeFileSync(
    path.join(staticDir.dir, 'index.html'),
    '<html><head><title>t</title></head><body></body></html>',
  );
  tc = await createTestCore();
  srv = await startServer({ core: tc.core, port: 0, staticDir: staticDir.dir, log });
});
afterAll(async () => {
  await srv.close();
  await tc.close();
  staticDir.cleanup();
});

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(
  method: string,
  p: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${srv.url.replace(/\/$/, '')}${p}`, { method, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const api = (channel: string, input: unknown, extra: Record<string, string> = {}) =>
  request(
    'POST',
    `/api/${channel}`,
    { 'Content-Type': 'application/json', 'X-Balcao-Token': srv.token, ...extra },
    JSON.stringify(input),
  );

describe('browser-mode server', () => {
  it('binds loopback and answers health without the token', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await request('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, version: expect.any(String) });
  });

  it('gives the token only to the served page', async () => {
    const r = await request('GET', '/');
    expect(r.body).toContain(`<meta name="balcao-token" content="${srv.token}" />`);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a missing token with a structured error, logs it, and keeps serving', async () => {
    const before = log.lines.length;
    const r = await request('POST', '/api/system/info', { 'Content-Type': 'application/json' }, '{}');
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: false,
      error: { code: 'BAD_TOKEN', message: expect.any(String) },
    });
    expect(log.lines.slice(before).some((l) => l.msg === 'request refused')).toBe(true);
    const ok = await api('system/info', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { mode: 'training' } });
  });

  it('refuses an unknown channel with a structured error and keeps serving', async () => {
    const r = await api('nada/disto', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect((await request('GET', '/api/health')).status).toBe(200);
  });

  it('refuses malformed JSON and invalid payloads with structured errors', async () => {
    const bad = await request(
      'POST',
      '/api/auth/login',
      { 'Content-Type': 'application/json', 'X-Balcao-Token': srv.token },
      '{"operatorId": 1, "pin": ',
    );
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', op: 'auth/login' },
    });
    const invalid = await api('auth/login', { operatorId: -1, pin: 'abc' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('VALIDATION');
    expect((await api('system/ping', {})).status).toBe(200);
  });

  it('refuses other origins and foreign Host headers', async () => {
    const r = await api('system/info', {}, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('ORIGIN_REFUSED');
    const rebinding = await request('GET', '/api/health', { Host: 'evil.example' });
    expect(rebinding.status).toBe(421);
    const own = await api('system/info', {}, { Origin: srv.url.replace(/\/$/, '') });
    expect(own.status).toBe(200);
  });

  it('carries the operator session and enforces access over HTTP', async () => {
    const anon = await api('catalog/count', {});
    expect(anon.status).toBe(401);
    const login = JSON.parse((await api('auth/login', { operatorId: 1, pin: '1111' })).body);
    const r = await api('catalog/count', {}, { 'X-Balcao-Session': login.value.token });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { total: expect.any(Number) } });
  });

  it('pushes core events over the WebSocket and refuses sockets without the token', async () => {
    const wsUrl = srv.url.replace(/^http/, 'ws') + 'api/events';
    const refused = new WebSocket(wsUrl);
    await new Promise<void>((resolve) => {
      refused.on('error', () => resolve());
      refused.on('unexpected-response', () => resolve());
    });
    const ws = new WebSocket(`${wsUrl}?token=${srv.token}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const got = new Promise<unknown>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))));
    const dev = tc.core.devices.register({
      id: 'test-printer',
      kind: 'printer',
      name: 'Teste',
      simulated: true,
    });
    expect(await got).toMatchObject({
      event: 'devices/status-changed',
      payload: { id: 'test-printer', state: 'disconnected' },
    });
    dev.update('ready');
    ws.close();
  });

  it("answers the page's calls over its WebSocket as over HTTP, each reply under its call number", async () => {
    const ws = new WebSocket(`${srv.url.replace(/^http/, 'ws')}api/events?token=${srv.token}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const replies = new Map<
      number,
      { ok: boolean; value?: unknown; error?: { code: string; message: string } }
    >();
    const arrived: Array<() => void> = [];
    ws.on('message', (m) => {
      const f = JSON.parse(String(m)) as { reply?: number; envelope?: never };
      if (typeof f.reply === 'number') replies.set(f.reply, f.envelope!);
      for (const a of arrived.splice(0)) a();
    });
    const reply = async (n: number) => {
      while (!replies.has(n)) await new Promise<void>((r) => arrived.push(r));
      return replies.get(n)!;
    };
    const call = (n: number, channel: unknown, input: unknown, session: string | null = null) =>
      ws.send(JSON.stringify({ call: n, channel, session, input }));

    call(1, 'system/info', {});
    expect(await reply(1)).toEqual(JSON.parse((await api('system/info', {})).body));
    call(2, 'catalog/count', {});
    expect((await reply(2)).error?.code).toBe('UNAUTHENTICATED');
    call(3, 'auth/login', { operatorId: 1, pin: '1111' });
    const login = (await reply(3)) as { value: { token: string } };
    call(4, 'catalog/count', {}, login.value.token);
    expect(await reply(4)).toMatchObject({ ok: true, value: { total: expect.any(Number) } });
    call(5, 'nada/disto', {});
    expect((await reply(5)).error?.code).toBe('UNKNOWN_CHANNEL');
    call(6, 'auth/login', { operatorId: -1, pin: 'abc' });
    expect((await reply(6)).error?.code).toBe('VALIDATION');
    // A frame with a call number but no usable channel: refused in pt-PT under that number.
    call(7, 7, {});
    expect((await reply(7)).error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Pedido inválido/),
    });

    // Frames that are not calls are dropped (logged); the socket keeps answering.
    const before = log.lines.length;
    ws.send('{"call": ');
    ws.send('{"channel":"system/info"}');
    // Many calls at once: every reply under its own number.
    for (let n = 10; n < 30; n++) call(n, n % 2 ? 'system/ping' : 'system/info', {});
    for (let n = 10; n < 30; n++) expect((await reply(n)).ok).toBe(true);
    expect(replies.has(0)).toBe(false);
    expect(log.lines.slice(before).filter((l) => l.msg === 'websocket frame refused')).toHaveLength(2);
    ws.close();
  });

  it('refuses path traversal on static files', async () => {
    const plain = await request('GET', '/../../etc/passwd');
    expect(plain.body).not.toContain('root:');
    const encoded = await request('GET', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd.txt');
    expect(encoded.status).toBe(403);
    expect(encoded.body).not.toContain('root:');
  });
});
