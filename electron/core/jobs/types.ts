import type { z } from 'zod';
import type { BackoffPolicy } from './backoff';

/** What a partner call answered, recorded on the attempt row (and shown in "ver tentativas"). */
export interface AttemptReport {
  /** One line: method, path, document number… never secrets or the whole body. */
  readonly request?: string;
  readonly httpStatus?: number;
  /** The partner's own error code (iLink `e217`, …). */
  readonly code?: string;
  /** pt-PT, or the partner's message as received. */
  readonly message?: string;
}

/**
 * The outcome of one attempt, as the kind's handler classifies it:
 * - `succeeded`: done; `result` (JSON-able) is kept on the job (e.g. the partner's remote id);
 * - `retry`: it did not happen (refused connection, 5xx before processing, 429): retried after the back-off,
 *   or after `pauseMs` for the whole partner (Retry-After); `network` marks "sem rede" for the status;
 * - `permanent`: the partner refused it for good (validation): state `failed`, never retried on its own;
 * - `unknown`: it may or may not have happened (timeout after sending, connection reset): retried with the
 *   SAME idempotency key, so the partner recognises it; never reported as a failure and never made `dead`.
 * A handler that throws is taken as `unknown` (the runner cannot know how far it got).
 */
export type AttemptResult =
  | (AttemptReport & { readonly outcome: 'succeeded'; readonly result?: unknown })
  | (AttemptReport & {
      readonly outcome: 'retry';
      readonly pauseMs?: number;
      readonly network?: boolean;
    })
  | (AttemptReport & { readonly outcome: 'permanent' })
  | (AttemptReport & { readonly outcome: 'unknown'; readonly network?: boolean });

export interface PartnerLimits {
  /** Jobs of one partner running at the same time (default 1). */
  readonly concurrency?: number;
  /**
   * At most `limit` attempts started in ANY window of `windowMs` (a sliding window over the attempt rows, so it
   * holds across restarts). iLink: 200 per 60 000 ms; exceeding it blocks the software for 2 minutes.
   * ASSUMPTION: one attempt = one request; a kind whose attempt may make more (a token refresh) configures a
   * limit below the partner's by that margin.
   */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Jobs run strictly in enqueue order: a failing head holds the ones after it (a printer's receipts). */
  readonly ordered?: boolean;
}

/** What the handler receives: the job, its payload already checked by the kind's schema. */
export interface JobRun<P> {
  readonly id: string;
  readonly kind: string;
  readonly partner: string;
  readonly payload: P;
  /** Send it with every attempt (e.g. `Idempotency-Key` header): the same for every retry of this job. */
  readonly idempotencyKey: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly createdAt: string;
}

/** The state a kind may mirror into its own table, in the same transaction as the runner's own update. */
export interface JobSettled<P> {
  readonly id: string;
  readonly payload: P;
  readonly state: 'queued' | 'succeeded' | 'failed' | 'dead';
  readonly attempts: number;
  readonly outcome: AttemptResult['outcome'];
  readonly error: string | null;
  readonly nextAttemptAt: string | null;
  readonly result: unknown;
}

/** One job kind: its payload schema, partner, retry policy and handler. Registered once with the runner. */
export interface JobKindDef<S extends z.ZodType> {
  readonly kind: string;
  readonly payload: S;
  /** Which partner (rate limit and concurrency unit) a job belongs to, e.g. 'ilink' or 'printer:principal'. */
  partner(payload: z.output<S>): string;
  readonly limits?: PartnerLimits;
  readonly backoff?: BackoffPolicy;
  /** After this many `retry` attempts the job is `dead` (default: never; a queue waits for the network). */
  readonly maxAttempts?: number;
  /** Included in the per-partner sync status (sync/status): partners like iLink; not printers. */
  readonly syncStatus?: boolean;
  run(job: JobRun<z.output<S>>): Promise<AttemptResult>;
  /** Called when an attempt starts, inside the claim transaction (e.g. print_job → 'printing'). */
  onStart?(job: JobRun<z.output<S>>): void;
  /** Called in the transaction that records the attempt's outcome. */
  onSettled?(s: JobSettled<z.output<S>>): void;
}
