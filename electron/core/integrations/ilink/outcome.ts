import { retryAfterMs } from '../../jobs/retry-after';
import type { AttemptResult } from '../../jobs/types';
import type { ApiResult } from './client';
import { MSG } from './wire/errors';

/** iLink's block after exceeding the limit (§2.2): the pause when a 429 carries no Retry-After. */
export const ILINK_BLOCK_MS = 120_000;
/** After an authentication refusal: wait for the operator to fix the credentials, without hammering. */
export const AUTH_PAUSE_MS = 300_000;

/**
 * Every non-success answer of an iLink call → the job runner's outcome class:
 * - nothing sent (local window full, connection refused) → `retry` (the window / "sem rede");
 * - 429 → `retry` pausing the whole partner for Retry-After (or the 2-minute block);
 * - 401 (after the client's one token refresh) → `retry` with a long partner pause: credentials are wrong;
 * - timeout, reset, 5xx, an unreadable 2xx → `unknown`: it may have happened, so it is retried with the same
 *   idempotency key and a repeat is recognised (e200 → ours → delivered), never a second remote document;
 * - other 4xx with an iLink code → `permanent`, with iLink's message (e217 keeps the rule, e.g. [BR-CO-25]).
 */
export function failureOf(r: Exclude<ApiResult, { kind: 'ok' }>, request: string, now: Date): AttemptResult {
  switch (r.kind) {
    case 'local-rate':
      return {
        outcome: 'retry',
        request: `${request} (não enviado)`,
        pauseMs: r.waitMs,
        message: MSG.localRate,
      };
    case 'timeout':
      return { outcome: 'unknown', request, network: true, message: MSG.timeout };
    case 'reset':
      return { outcome: 'unknown', request, network: true, message: r.message };
    case 'unreachable':
      return { outcome: 'retry', request, network: true, message: r.message };
    case 'error': {
      const { status } = r;
      if (status === 429)
        return {
          outcome: 'retry',
          request,
          httpStatus: status,
          code: r.error?.code ?? '429',
          pauseMs: retryAfterMs(r.retryAfter, now) ?? ILINK_BLOCK_MS,
          message: MSG.rateLimited,
        };
      if (status === 401 || status === 403)
        return {
          outcome: 'retry',
          request,
          httpStatus: status,
          code: r.error?.code ?? String(status),
          pauseMs: AUTH_PAUSE_MS,
          message: r.error?.message ?? MSG.authFailed,
        };
      if (status >= 500)
        return {
          outcome: 'unknown',
          request,
          httpStatus: status,
          code: r.error?.code,
          message: MSG.server(status),
        };
      return {
        outcome: 'permanent',
        request,
        httpStatus: status,
        code: r.error?.code,
        message: r.error?.message ?? `${MSG.badReply(status)} ${r.text}`.trim(),
      };
    }
  }
}
