import { startServer, SESSION_HEADER, type RunningServer } from '../../../electron/server/http-server';
import { silentLogger } from '../../../electron/core/log/logger';
import type { PosErrorData } from '../../../shared/errors';
import fs from 'node:fs';
import path from 'node:path';
import type { TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

export interface ApiReply {
  status: number;
  ok: boolean;
  value: unknown;
  error: PosErrorData | null;
}

/** The real browser-mode server over a test core, and a caller that speaks its HTTP JSON API. */
export async function httpApi(tc: TestCore): Promise<{
  srv: RunningServer;
  call(channel: string, input: unknown, session?: string | null): Promise<ApiReply>;
  login(operatorId: number, pin: string): Promise<string>;
  health(): Promise<number>;
}> {
  const page = tempDir();
  fs.writeFileSync(path.join(page.dir, 'index.html'), '<html><head></head><body></body></html>');
  const started = await startServer({ core: tc.core, port: 0, staticDir: page.dir, log: silentLogger });
  const srv: RunningServer = {
    ...started,
    close: async () => {
      await started.close();
      page.cleanup();
    },
  };
  const base = srv.url.replace(/\/$/, '');
  const call = async (channel: string, input: unknown, session: string | null = null): Promise<ApiReply> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Balcao-Token': srv.token,
    };
    if (session) headers[SESSION_HEADER] = session;
    const r = await fetch(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; value?: unknown; error?: PosErrorData };
    return { status: r.status, ok: body.ok, value: body.value ?? null, error: body.error ?? null };
  };
  return {
    srv,
    call,
    async login(operatorId, pin) {
      const r = await call('auth/login', { operatorId, pin });
      if (!r.ok) throw new Error(`login failed: ${r.error?.message}`);
      return (r.value as { token: string }).token;
    },
    async health() {
      const r = await fetch(`${base}/api/health`);
      await r.text();
      return r.status;
    },
  };
}
