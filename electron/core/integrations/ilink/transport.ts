import { PosError } from '../../../../shared/errors';
import { MSG } from './wire/errors';

/**
 * HTTP to iLink: one request, a timeout, and the outcome classified for the sender (no retry here; the job
 * runner retries). A training terminal only talks to loopback addresses (its simulators), so training
 * documents never leave the machine: any other host is refused before a socket is opened.
 */
export type HttpOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly json: unknown;
      readonly text: string;
      readonly retryAfter: string | null;
    }
  /** Sent, no answer in time: it may have happened. */
  | { readonly kind: 'timeout' }
  /** The connection broke after the request went out: it may have happened. */
  | { readonly kind: 'reset'; readonly message: string }
  /** Nothing was sent (refused, no route, DNS). */
  | { readonly kind: 'unreachable'; readonly message: string };

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | FormData | URLSearchParams;
  readonly timeoutMs: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  let h: string;
  try {
    h = new URL(url).hostname;
  } catch {
    return false;
  }
  return LOOPBACK.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Throws the clear pt-PT refusal when a training terminal would reach a real host. */
export function assertAllowedHost(url: string, training: boolean): void {
  if (!training || isLoopbackUrl(url)) return;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    /* keep the raw text */
  }
  throw new PosError('FORBIDDEN', MSG.trainingRemote(host));
}

const codeOf = (e: unknown): string => {
  const c = (e as { cause?: { code?: string } })?.cause;
  return String(c?.code ?? (e as { code?: string })?.code ?? '');
};

export interface Transport {
  send(req: HttpRequest): Promise<HttpOutcome>;
  /** Raw bytes of a file URL (a received document's XML attachment). */
  download(
    url: string,
    headers: Record<string, string>,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<HttpOutcome & { bytes?: Buffer }>;
}

export function createTransport(opts: { training: boolean }): Transport {
  async function raw(req: HttpRequest): Promise<{ res: Response } | HttpOutcome> {
    assertAllowedHost(req.url, opts.training);
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      return { res };
    } catch (e) {
      return classify(e);
    }
  }
  const classify = (e: unknown): HttpOutcome => {
    const name = (e as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
    const code = codeOf(e);
    if (
      [
        'ECONNREFUSED',
        'ENOTFOUND',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'EAI_AGAIN',
        'UND_ERR_CONNECT_TIMEOUT',
      ].includes(code)
    )
      return { kind: 'unreachable', message: `${MSG.unreachable} (${code})` };
    return { kind: 'reset', message: `${MSG.reset} (${code || String(e)})` };
  };
  const read = async (res: Response): Promise<HttpOutcome> => {
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      return classify(e);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { kind: 'response', status: res.status, json, text, retryAfter: res.headers.get('retry-after') };
  };
  return {
    async send(req) {
      const r = await raw(req);
      return 'res' in r ? read(r.res) : r;
    },
    async download(url, headers, timeoutMs, maxBytes) {
      const r = await raw({ method: 'GET', url, headers, timeoutMs });
      if (!('res' in r)) return r;
      const { res } = r;
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > maxBytes) {
        await res.body?.cancel();
        return { kind: 'response', status: 413, json: null, text: '', retryAfter: null };
      }
      try {
        const buf = Buffer.from(await res.arrayBuffer());
        if (buf.length > maxBytes)
          return { kind: 'response', status: 413, json: null, text: '', retryAfter: null };
        return { kind: 'response', status: res.status, json: null, text: '', retryAfter: null, bytes: buf };
      } catch (e) {
        return classify(e);
      }
    },
  };
}
