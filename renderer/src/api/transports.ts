import type { BalcaoBridge } from '../../../shared/bridge';
import type { Envelope } from '../../../shared/errors';
import type { Transport } from './client';

declare global {
  interface Window {
    balcao?: BalcaoBridge;
  }
}

export function ipcTransport(bridge: BalcaoBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (channel, input, token) =>
      (bridge.invoke as (c: string, i: unknown, t: string | null) => Promise<Envelope<unknown>>)(
        channel,
        input,
        token,
      ),
    subscribe: (event, cb) =>
      (bridge.subscribe as (e: string, c: (p: unknown) => void) => () => void)(event, cb),
    onConnection: (cb) => {
      cb(true);
      return () => undefined;
    },
  };
}

/** Browser mode: POST /api/<channel> with the page's token; events over a self-healing WebSocket. */
export function httpTransport(token: string, base = window.location.origin): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connListeners = new Set<(c: boolean) => void>();
  let connected = false;
  let retry = 500;
  const setConnected = (c: boolean): void => {
    if (c === connected) return;
    connected = c;
    for (const cb of connListeners) cb(c);
  };
  const connect = (): void => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      retry = 500;
      setConnected(true);
    };
    ws.onmessage = (m) => {
      const frame = JSON.parse(String(m.data)) as { event: string; payload: unknown };
      for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
    };
    ws.onclose = () => {
      setConnected(false);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };
  connect();
  return {
    kind: 'http',
    async invoke(channel, input, session) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Balcao-Token': token };
      if (session) headers['X-Balcao-Session'] = session;
      const res = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb);
      listeners.set(event, set);
      return () => set.delete(cb);
    },
    onConnection(cb) {
      connListeners.add(cb);
      cb(connected);
      return () => connListeners.delete(cb);
    },
  };
}

/** Picks the transport this page was loaded with. */
export function detectTransport(): Transport {
  if (window.balcao) return ipcTransport(window.balcao);
  const token = document.querySelector<HTMLMetaElement>('meta[name="balcao-token"]')?.content;
  if (!token)
    throw new Error('Página sem credencial do terminal: abra o endereço indicado por "balcao serve".');
  return httpTransport(token);
}
