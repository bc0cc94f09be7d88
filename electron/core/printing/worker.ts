import { z } from 'zod';
import { PosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { DeviceHandle } from '../devices/registry';
import type { BackoffPolicy } from '../jobs/backoff';
import type { JobRunner, KindHandle } from '../jobs/runner';
import type { AttemptResult } from '../jobs/types';
import { companyLogo } from './branding';
import { executeJob } from './job-output';
import type { PrinterConfig } from './printers';
import type { PrintQueue } from './queue';

/** Retry delays after a failure: 1 s, 2 s, 4 s … capped at 30 s, exact; a queued print never gives up on its own. */
export const PRINT_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 30_000, jitter: 0 };

export const PRINT_KIND = 'printing.print';

const PrintPayload = z.object({ printJobId: z.number().int().positive(), printerId: z.string().min(1) });
type PrintPayload = z.infer<typeof PrintPayload>;

const PrintResult = z.enum(['printed', 'expired']);

export interface PrintWorkerDeps {
  readonly ctx: CoreContext;
  readonly queue: PrintQueue;
  printer(id: string): PrinterConfig | undefined;
  handle(p: PrinterConfig): DeviceHandle;
  send(p: PrinterConfig, bytes: Uint8Array): Promise<void>;
  /** Pushes `printing/job-changed` for the job (after the commit). */
  emit(printJobId: number): void;
}

export const printJobKey = (terminalId: string, printJobId: number): string =>
  `print:${terminalId}:${printJobId}`;

/**
 * The print queue on the job runner (one mechanism for every retry loop): each print_job row has one runner job
 * (partner `printer:<id>`, ordered: receipts print in order and a failing head holds the rest; one at a time).
 * print_job stays the printing domain's record (the contract's states and attempts); the runner mirrors each
 * attempt into it in the same transaction (onStart/onSettled), so the two never disagree.
 */
export function registerPrintKind(runner: JobRunner, d: PrintWorkerDeps): KindHandle<PrintPayload> {
  const { ctx, queue } = d;
  const now = (): string => ctx.clock.now().toISOString();
  const afterCommit = (id: number): void => ctx.db.afterCommit(() => d.emit(id));
  return runner.register({
    kind: PRINT_KIND,
    payload: PrintPayload,
    partner: (p) => `printer:${p.printerId}`,
    limits: { ordered: true, concurrency: 1 },
    backoff: PRINT_BACKOFF,
    onStart(job) {
      const row = queue.get(job.payload.printJobId);
      if (!row || (row.state !== 'pending' && row.state !== 'printing')) return;
      queue.setState(row.id, 'printing');
      afterCommit(row.id);
    },
    async run(job): Promise<AttemptResult> {
      const row = queue.get(job.payload.printJobId);
      // Cancelled or printed meanwhile (or a row of another terminal): nothing to do.
      if (!row || (row.state !== 'pending' && row.state !== 'printing'))
        return { outcome: 'succeeded', result: 'printed' };
      const p = d.printer(row.printer_id);
      if (!p) return { outcome: 'retry', message: `A impressora "${row.printer_id}" não está configurada.` };
      const h = d.handle(p);
      h.update('busy');
      try {
        const outcome = await executeJob(
          p,
          row,
          (bytes) => d.send(p, bytes),
          ctx.clock.now(),
          companyLogo(ctx.db),
        );
        h.update('ready');
        return { outcome: 'succeeded', result: outcome, request: `${row.kind} ${row.doc_no ?? row.id}` };
      } catch (e) {
        const msg =
          e instanceof PosError
            ? e.message
            : `Erro ao imprimir: ${e instanceof Error ? e.message : String(e)}`;
        h.update('error', msg);
        ctx.log.child('printing').warn('print failed', { printer: p.id, job: row.id, error: msg });
        // Paper out, printer off: nothing was printed (a receipt printed twice beats one lost).
        return { outcome: 'retry', message: msg, request: `${row.kind} ${row.doc_no ?? row.id}` };
      }
    },
    onSettled(s) {
      const row = queue.get(s.payload.printJobId);
      if (!row || (row.state !== 'pending' && row.state !== 'printing')) return;
      if (s.state === 'succeeded') {
        if (PrintResult.safeParse(s.result).data === 'expired') {
          queue.setState(row.id, 'cancelled', {
            last_error:
              'A abertura da gaveta expirou (a impressora esteve indisponível). Abra-a de novo se ainda for preciso.',
          });
          ctx.audit('printing.drawer-kick-expired', row.operator_id, { jobId: row.id });
        } else {
          queue.setState(row.id, 'done', { printed_at: now(), last_error: null });
        }
      } else {
        queue.setState(row.id, 'pending', {
          attempts: row.attempts + 1,
          last_error: s.error,
          next_attempt_at: s.nextAttemptAt ?? now(),
        });
      }
      afterCommit(row.id);
    },
  });
}
