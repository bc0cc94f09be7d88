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

/**
 * Calls whose JSON is longer than this go over HTTP (a catalogue CSV, a logo): the server takes frames of at most
 * 64 KB, and a character can take up to 3 bytes in UTF-8.
 */
const SOCKET_CALL_MAX_CHARS = 16 * 1024;

/**
 * Browser mode: events over a self-healing WebSocket, and the calls over that socket once it is open (a message
 * on it costs about a tenth of a fetch round trip: electron/server/ws-calls.ts); before it opens, and for large
 * inputs, POST /api/<channel> with the page's token. A call whose socket closes before its reply came has an
 * unknown outcome, like a fetch whose connection dropped: it rejects, and the client says the core is unreachable.
 */
export function httpTransport(token: string, base = window.location.origin): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connListeners = new Set<(c: boolean) => void>();
  const waiting = new Map<number, { resolve: (e: Envelope<unknown>) => void; reject: (e: Error) => void }>();
  let open: WebSocket | null = null;
  let nextCall = 1;
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
      open = ws;
      setConnected(true);
    };
    ws.onmessage = (m) => {
      const frame = JSON.parse(String(m.data)) as
        { event: string; payload: unknown } | { reply: number; envelope: Envelope<unknown> };
      if ('reply' in frame) {
        const w = waiting.get(frame.reply);
        waiting.delete(frame.reply);
        w?.resolve(frame.envelope);
        return;
      }
      for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
    };
    ws.onclose = () => {
      if (open === ws) open = null;
      for (const w of waiting.values()) w.reject(new Error('Ligação ao núcleo perdida antes da resposta.'));
      waiting.clear();
      setConnected(false);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };
  connect();
  return {
    kind: 'http',
    async invoke(channel, input, session) {
      const body = JSON.stringify(input ?? {});
      const ws = open;
      if (ws && ws.readyState === WebSocket.OPEN && body.length <= SOCKET_CALL_MAX_CHARS) {
        const call = nextCall++;
        return new Promise<Envelope<unknown>>((resolve, reject) => {
          waiting.set(call, { resolve, reject });
          ws.send(
            `{"call":${call},"channel":${JSON.stringify(channel)},"session":${JSON.stringify(session)},"input":${body}}`,
          );
        });
      }
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Balcao-Token': token };
      if (session) headers['X-Balcao-Session'] = session;
      const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers, body });
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
