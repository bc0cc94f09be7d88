import type { Clock } from '../../util/clock';
import type { HttpOutcome, Transport } from './transport';
import { describeIlinkError, MSG, type IlinkError } from './wire/errors';
import { ErrorEnvelope, firstError, TokenResponse } from './wire/schemas';
import { ilinkSignature, newNonce } from './wire/signature';

/** How the terminal authenticates (paypay-ilink-ciuspt.md §2.3). */
export type IlinkAuth =
  | { readonly mode: 'oauth2'; readonly clientId: string; readonly clientSecret: string }
  /** Legacy: platform token on every call + the acting NIF's public key in the `entity` header. */
  | { readonly mode: 'legacy'; readonly token: string; readonly publicKey: string; readonly nif: string };

export interface IlinkClientOptions {
  /** e.g. `https://ilink.acin.pt/ilinktests-api/api/v1/pt`; paths below are appended. */
  readonly baseUrl: string;
  readonly auth: IlinkAuth;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  /**
   * Every request (token, send, poll, download) is counted here, in a sliding window, before it is made: the
   * job runner's own limit counts only send attempts, and iLink blocks the software for 2 minutes past 200
   * requests/minute. A request the window has no room for is not made (`local-rate`, with the wait).
   */
  readonly requestLimit?: { readonly limit: number; readonly windowMs: number };
  /** Legacy handshake already done for this NIF + key (remembered in the settings). */
  readonly handshakeDone?: boolean;
  readonly onHandshake?: () => void;
}

export type ApiResult =
  | { readonly kind: 'ok'; readonly status: number; readonly json: unknown }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly error: IlinkError | null;
      readonly retryAfter: string | null;
      readonly text: string;
    }
  | Exclude<HttpOutcome, { kind: 'response' }>
  | { readonly kind: 'local-rate'; readonly waitMs: number };

interface Req {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly path: string;
  readonly query?: Record<string, string | number>;
  readonly body?: () => string | FormData | URLSearchParams;
  readonly headers?: Record<string, string>;
}

/** Default: 196 of iLink's 200 per minute, a margin for the two clocks not agreeing to the millisecond. */
export const ILINK_REQUEST_LIMIT = { limit: 196, windowMs: 60_000 } as const;

export function createIlinkClient(o: IlinkClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? 30_000;
  const lim = o.requestLimit ?? ILINK_REQUEST_LIMIT;
  const starts: number[] = [];
  let token: { value: string; expiresAt: number } | null = null;
  let handshaken = o.handshakeDone ?? false;

  /** Takes one slot of the window, or says how long until one frees. */
  const take = (): number => {
    const now = o.clock.now().getTime();
    while (starts.length && starts[0]! <= now - lim.windowMs) starts.shift();
    if (starts.length >= lim.limit) return starts[0]! + lim.windowMs - now;
    starts.push(now);
    return 0;
  };

  const toResult = (r: HttpOutcome): ApiResult => {
    if (r.kind !== 'response') return r;
    if (r.status >= 200 && r.status < 300) return { kind: 'ok', status: r.status, json: r.json };
    const env = ErrorEnvelope.safeParse(r.json);
    const e = env.success ? firstError(env.data) : null;
    return {
      kind: 'error',
      status: r.status,
      error: e ? describeIlinkError(e.code, e.msg) : null,
      retryAfter: r.retryAfter,
      text: r.text.slice(0, 500),
    };
  };

  async function fetchToken(): Promise<ApiResult> {
    if (o.auth.mode !== 'oauth2') throw new Error('token only in OAuth2 mode');
    const wait = take();
    if (wait > 0) return { kind: 'local-rate', waitMs: wait };
    const ts = Math.floor(o.clock.now().getTime() / 1000);
    const nonce = newNonce();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: o.auth.clientId,
      timestamp: String(ts),
      nonce,
      signature: ilinkSignature(o.auth.clientId, o.auth.clientSecret, ts, nonce),
    });
    const r = toResult(
      await o.transport.send({ method: 'POST', url: `${base}/oauth2/token`, body: form, timeoutMs }),
    );
    if (r.kind !== 'ok') return r;
    const t = TokenResponse.safeParse(r.json);
    if (!t.success)
      return { kind: 'error', status: r.status, error: null, retryAfter: null, text: MSG.badReply(r.status) };
    // Renewed a minute early: a token that expires on the way is a wasted request and a 401.
    token = {
      value: t.data.access_token,
      expiresAt: o.clock.now().getTime() + (t.data.expires_in - 60) * 1000,
    };
    return r;
  }

  async function handshake(): Promise<ApiResult> {
    if (o.auth.mode !== 'legacy') throw new Error('handshake only in legacy mode');
    const wait = take();
    if (wait > 0) return { kind: 'local-rate', waitMs: wait };
    const r = toResult(
      await o.transport.send({
        method: 'POST',
        url: `${base}/apps/authentications`,
        headers: { authorization: `Bearer ${o.auth.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ nif: Number(o.auth.nif), key: o.auth.publicKey }),
        timeoutMs,
      }),
    );
    if (r.kind === 'ok') {
      handshaken = true;
      o.onHandshake?.();
    }
    return r;
  }

  /** Authorization (and `entity`) headers, getting a token or doing the handshake first when needed. */
  async function authHeaders(): Promise<Record<string, string> | ApiResult> {
    if (o.auth.mode === 'legacy') {
      if (!handshaken) {
        const h = await handshake();
        if (h.kind !== 'ok') return h;
      }
      return { authorization: `Bearer ${o.auth.token}`, entity: o.auth.publicKey };
    }
    if (!token || token.expiresAt <= o.clock.now().getTime()) {
      const t = await fetchToken();
      if (t.kind !== 'ok') return t;
    }
    return { authorization: `Bearer ${token!.value}` };
  }

  async function call(req: Req, retried = false): Promise<ApiResult> {
    const auth = await authHeaders();
    if ('kind' in auth) return auth as ApiResult;
    const wait = take();
    if (wait > 0) return { kind: 'local-rate', waitMs: wait };
    const qs = req.query
      ? `?${new URLSearchParams(Object.entries(req.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    const r = toResult(
      await o.transport.send({
        method: req.method,
        url: `${base}${req.path}${qs}`,
        headers: { accept: 'application/json', ...req.headers, ...(auth as Record<string, string>) },
        body: req.body?.(),
        timeoutMs,
      }),
    );
    // An expired token (e069): fetch a new one and repeat once. Safe for a send: a 401 was not processed.
    if (r.kind === 'error' && r.status === 401 && !retried) {
      if (o.auth.mode === 'oauth2') token = null;
      else handshaken = false;
      return call(req, true);
    }
    return r;
  }

  return {
    call,
    /** One token request or handshake, for "Testar ligação". */
    async authenticate(): Promise<ApiResult> {
      if (o.auth.mode === 'oauth2') {
        token = null;
        return fetchToken();
      }
      return handshake();
    },
    async download(
      url: string,
      maxBytes: number,
    ): Promise<(HttpOutcome & { bytes?: Buffer }) | { kind: 'local-rate'; waitMs: number }> {
      const auth = await authHeaders();
      if ('kind' in auth) {
        const a = auth as ApiResult;
        if (a.kind === 'local-rate') return a;
        return { kind: 'unreachable', message: MSG.authFailed };
      }
      const wait = take();
      if (wait > 0) return { kind: 'local-rate', waitMs: wait };
      return o.transport.download(url, auth as Record<string, string>, timeoutMs, maxBytes);
    },
    /** Requests made in the current window (the bench and the status). */
    windowUsed: (): number => starts.length,
  };
}
export type IlinkClient = ReturnType<typeof createIlinkClient>;
