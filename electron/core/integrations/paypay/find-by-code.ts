import { z } from 'zod';
import type { PaypayTransport, Reply } from './transport';

/** What PayPay said when asked for Balcão's own payment by its code. */
export type Lookup<T> =
  | { readonly kind: 'found'; readonly payment: T }
  /** PayPay answered and has no payment with that code (or an unreadable list: nothing to adopt). */
  | { readonly kind: 'absent' }
  /** PayPay refused the search: it cannot look payments up by code (only the Idempotency-Key protects then). */
  | { readonly kind: 'unsearchable' }
  /** No answer to rely on (retry, unknown): the caller's attempt ends with it. */
  | { readonly kind: 'failed'; readonly reply: Exclude<Reply, { kind: 'ok' }> };

/**
 * `GET /payments?code=…`: the payment a previous attempt may have created (timeout, reset, crash) before anything is
 * sent again, or before a withdrawal of a creation whose answer never came. One place for the references, the
 * counter's MB WAY/terminal requests and the cancellation, so all of them read PayPay's answer the same way.
 */
export async function findByCode<S extends z.ZodType<{ code?: string | undefined }>>(
  t: PaypayTransport,
  code: string,
  schema: S,
): Promise<Lookup<z.output<S>>> {
  const found = await t.request('GET', `/payments?code=${encodeURIComponent(code)}`);
  if (found.kind === 'refused') return { kind: 'unsearchable' };
  if (found.kind !== 'ok') return { kind: 'failed', reply: found };
  const list = z.array(schema).safeParse(found.data);
  const same = list.success ? list.data.find((p) => p.code === code) : undefined;
  return same ? { kind: 'found', payment: same } : { kind: 'absent' };
}
