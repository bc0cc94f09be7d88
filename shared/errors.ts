import { z } from 'zod';

/**
 * Stable, English error codes. `message` carries the pt-PT text for people; `code` is what code branches on.
 * Unknown errors become INTERNAL at every boundary (the stack is logged, never shown).
 */
export const ErrorCodes = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'MANAGER_APPROVAL_REQUIRED',
  'BAD_TOKEN',
  'ORIGIN_REFUSED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'FISCAL_RULE',
  'CONFIRMATION_REQUIRED',
  'DEVICE_OFFLINE',
  'DEVICE_BUSY',
  'DEVICE_ERROR',
  'PAYMENT_FAILED',
  'TIMEOUT',
  'DATA_DIR_UNWRITABLE',
  'DATABASE_CORRUPT',
  'MIGRATION_FAILED',
  'CORE_NOT_READY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const ErrorSchema = z.object({
  code: z.enum(ErrorCodes),
  message: z.string(),
  /** Channel or operation the error came from, e.g. `sales/add-line`. */
  op: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PosErrorData = z.infer<typeof ErrorSchema>;

export class PosError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  op?: string;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, op?: string) {
    super(message);
    this.name = 'PosError';
    this.code = code;
    this.details = details;
    this.op = op;
  }

  toData(): PosErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.op ? { op: this.op } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromData(data: PosErrorData): PosError {
    return new PosError(data.code, data.message, data.details, data.op);
  }
}

export const isPosError = (e: unknown): e is PosError => e instanceof PosError;

/** One envelope at every boundary (IPC, HTTP, WebSocket). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: PosErrorData };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorSchema }),
]);
