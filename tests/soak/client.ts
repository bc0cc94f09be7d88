import WebSocket from 'ws';
import type { Channel, Input, Output } from '../../shared/api';

/**
 * The cashier's side of the wire: POST /api/<channel> with the per-start token and the operator session.
 * Every answer is one of three things, and the soak never confuses them:
 * - ok: the server answered with a value;
 * - refused: the server answered with an error envelope (a 4xx, or a 5xx, which is counted as http_500);
 * - unknown: no answer (connection refused/reset, timeout) — the server may or may not have done it. The driver
 *   resolves these by asking after the restart, as a cashier would; never counted as failed.
 */
export type Reply<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'unknown'; error: string };

/** A reply that came: a value or a refusal. */
export type Answer<T> = Exclude<Reply<T>, { kind: 'unknown' }>;

export interface Http500 {
  channel: string;
  status: number;
  code: string;
  message: string;
}

export class ApiClient {
  session: string | null = null;
  #events: WebSocket | null = null;
  readonly completed = new Map<number, string>();
  /** How many times each event was pushed (e.g. `cash/change-shortage`, which asks the cashier to cancel). */
  readonly seen = new Map<string, number>();
  readonly listeners = new Set<(event: string, payload: unknown) => void>();

  constructor(
    readonly url: string,
    readonly token: string,
    /** Shared across restarts: every 5xx of the run. */
    readonly http500: Http500[] = [],
  ) {}

  async call<C extends Channel>(channel: C, input: Input<C>, timeoutMs = 30_000): Promise<Reply<Output<C>>> {
    let res: Response;
    try {
      res = await fetch(`${this.url}api/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-balcao-token': this.token,
          ...(this.session ? { 'x-balcao-session': this.session } : {}),
        },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      return { kind: 'unknown', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    let body: { ok?: boolean; value?: unknown; error?: { code?: string; message?: string } };
    try {
      body = (await res.json()) as typeof body;
    } catch (e) {
      // Headers came but the body did not (killed mid-answer): the outcome is as unknown as no answer.
      return { kind: 'unknown', error: `body: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (res.status >= 500)
      this.http500.push({
        channel,
        status: res.status,
        code: body.error?.code ?? '?',
        message: body.error?.message ?? '',
      });
    if (res.ok && body.ok) return { kind: 'ok', value: body.value as Output<C> };
    return {
      kind: 'refused',
      status: res.status,
      code: body.error?.code ?? 'UNKNOWN',
      message: body.error?.message ?? '',
    };
  }

  /** Like `call`, but a refusal is a harness error (used for steps that must work on a healthy server). */
  async must<C extends Channel>(channel: C, input: Input<C>, timeoutMs?: number): Promise<Output<C> | null> {
    const r = await this.call(channel, input, timeoutMs);
    if (r.kind === 'ok') return r.value;
    if (r.kind === 'unknown') return null;
    throw new Error(`${channel} refused: ${r.code} ${r.message}`);
  }

  async login(operatorId: number, pin: string): Promise<boolean> {
    const r = await this.call('auth/login', { operatorId, pin });
    if (r.kind !== 'ok') return false;
    this.session = r.value.token;
    return true;
  }

  /** The UI's event stream: `sales/completed` is how the screen learns the document of a CI-5 sale. */
  openEvents(): Promise<void> {
    const ws = new WebSocket(
      `${this.url.replace(/^http/, 'ws')}api/events?token=${encodeURIComponent(this.token)}`,
      { origin: this.url.replace(/\/$/, '') },
    );
    this.#events = ws;
    ws.on('message', (data: WebSocket.RawData) => {
      let msg: { event?: string; payload?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return;
      }
      if (!msg.event) return;
      this.seen.set(msg.event, (this.seen.get(msg.event) ?? 0) + 1);
      if (msg.event === 'sales/completed') {
        const p = msg.payload as { saleId: number; document: { docNo: string } };
        this.completed.set(p.saleId, p.document.docNo);
      }
      for (const l of this.listeners) l(msg.event, msg.payload);
    });
    ws.on('error', () => undefined);
    return new Promise((resolve) => {
      const t = setTimeout(resolve, 5000);
      ws.once('open', () => {
        clearTimeout(t);
        resolve();
      });
      ws.once('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  close(): void {
    this.#events?.terminate();
    this.#events = null;
  }
}
