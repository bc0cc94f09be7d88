import { PosError } from '../../../../shared/errors';
import { Envelope, errorMessage } from './codec';

/** How to reach PayPay: the integration's credentials and the entity's NIF (`PayPay-ClientId`). */
export interface PaypayEndpoint {
  readonly baseUrl: string;
  readonly platformCode: string;
  readonly privateKey: string;
  readonly nif: string;
}

/**
 * What one request came to, classified for the job runner:
 * - `ok`: 2xx with `success:true`; `data` still to be checked by the caller's zod schema;
 * - `refused`: PayPay answered and said no (4xx): permanent, with a pt-PT message;
 * - `retry`: it did not happen (connection refused, 5xx, 429): safe to send again;
 * - `unknown`: sent, no answer (timeout, reset): it may have happened, retried with the same key.
 */
export type Reply =
  | { readonly kind: 'ok'; readonly status: number; readonly data: unknown }
  | {
      readonly kind: 'refused' | 'retry' | 'unknown';
      readonly status?: number;
      readonly code: string;
      readonly message: string;
      readonly retryAfterMs?: number;
      readonly network?: boolean;
    };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i;

/** A training terminal talks only to loopback (the simulator): never to the real PayPay by mistake. */
export function assertAllowedHost(baseUrl: string, training: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new PosError('VALIDATION', `Endereço do PayPay inválido: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PosError('VALIDATION', 'O endereço do PayPay tem de começar por http:// ou https://.');
  if (training && !LOOPBACK.test(url.hostname)) {
    throw new PosError(
      'VALIDATION',
      `Este terminal está em modo formação: só comunica com o simulador PayPay neste computador (127.0.0.1), nunca com ${url.hostname}. Passe o terminal a produção para usar o PayPay real.`,
    );
  }
  return url;
}

export interface PaypayTransport {
  request(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    o?: { body?: unknown; idempotencyKey?: string; noClientId?: boolean },
  ): Promise<Reply>;
}

export function createPaypayTransport(
  ep: PaypayEndpoint,
  o: { training: boolean; timeoutMs?: number },
): PaypayTransport {
  const base = assertAllowedHost(ep.baseUrl, o.training).toString().replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? 15_000;
  const auth = `Basic ${Buffer.from(`${ep.platformCode}:${ep.privateKey}`).toString('base64')}`;
  return {
    async request(method, path, r = {}) {
      const headers: Record<string, string> = { authorization: auth, accept: 'application/json' };
      if (!r.noClientId) headers['paypay-clientid'] = ep.nif;
      if (r.body !== undefined) headers['content-type'] = 'application/json';
      // ASSUMPTION (OPEN at PayPay): an Idempotency-Key header; the service also looks the payment up by its
      // `code` before creating it again, so a PayPay that ignores the header still gets one payment.
      if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers,
          body: r.body === undefined ? undefined : JSON.stringify(r.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        const code = err.cause?.code ?? err.name;
        if (
          code === 'ECONNREFUSED' ||
          code === 'ENOTFOUND' ||
          code === 'EAI_AGAIN' ||
          code === 'ENETUNREACH'
        ) {
          return {
            kind: 'retry',
            code,
            network: true,
            message: 'Sem ligação ao PayPay. O Balcão volta a tentar sozinho.',
          };
        }
        return {
          kind: 'unknown',
          code,
          network: true,
          message:
            code === 'TimeoutError'
              ? 'O PayPay não respondeu a tempo; o pedido é repetido sem duplicar o pagamento.'
              : 'A ligação ao PayPay foi interrompida; o pedido é repetido sem duplicar o pagamento.',
        };
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        return { kind: 'unknown', code: 'reset', network: true, message: String(e) };
      }
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON (a proxy's HTML page…): judged by the status below.
      }
      if (res.status >= 200 && res.status < 300) {
        const env = Envelope.safeParse(json);
        if (!env.success || !env.data.success) {
          // A 2xx we cannot read: it may have happened.
          return {
            kind: 'unknown',
            status: res.status,
            code: 'bad_envelope',
            message: 'Resposta do PayPay ilegível.',
          };
        }
        return { kind: 'ok', status: res.status, data: env.data.data };
      }
      const { code, message } = errorMessage(res.status, json);
      if (res.status === 429 || res.status >= 500) {
        const ra = Number(res.headers.get('retry-after'));
        return {
          kind: 'retry',
          status: res.status,
          code,
          message,
          ...(Number.isFinite(ra) && ra > 0 ? { retryAfterMs: ra * 1000 } : {}),
        };
      }
      return { kind: 'refused', status: res.status, code, message };
    },
  };
}
