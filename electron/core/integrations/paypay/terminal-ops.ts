import type { Selectable } from 'kysely';
import { z } from 'zod';
import { fixed, formatEuro } from '../../../../shared/money';
import type { CoreContext } from '../../context';
import type { PaypayTerminalOpTable } from '../../db/schema';
import { DEFAULT_BACKOFF } from '../../jobs/backoff';
import type { JobRunner } from '../../jobs/runner';
import { realScheduler, type Scheduler } from '../../jobs/scheduler';
import type { AttemptResult } from '../../jobs/types';
import type { RefundOutcome, RefundRequest } from '../../sales/payments/provider';
import { enqueueInTx } from '../../sync/outbox';
import { localDate } from '../../util/clock';
import { fromCents, outcomeOf, PaymentData, toCents } from './codec';
import { URGENT_POLL_MS, type PaypayService } from './service';
import type { PaypayRow } from './store';
import { terminalCode } from './terminal-code';

export const TERMINAL_OP_KIND = 'paypay.terminal-op';
export const TERMINAL_OP_CHECK_KIND = 'paypay.terminal-op-check';
/** The terminal waits a minute for the same card (FACT §6.1); the cashier's screen waits this much longer. */
const REFUND_WAIT_MS = 75_000;
/** ASSUMPTION: a refund PayPay has not answered is still checked for this long (then Gestão shows it pending). */
const REFUND_WATCH_MS = 15 * 60_000;

type OpRow = Selectable<PaypayTerminalOpTable>;
const Payload = z.object({ opId: z.number().int().positive() }).strict();

const NOT_SETTLED_PARTIAL =
  'O pagamento no terminal ainda não foi liquidado pelo banco: hoje só se anula o valor total (sem cartão). Um reembolso parcial ao cartão só é possível depois da liquidação (normalmente no dia seguinte) — ou reembolse por outro meio.';

/**
 * Money back to the card of a PayPay Cloud-terminal payment (issue 11 item 4), journaled in
 * `paypay_terminal_op` (migration 0720) and sent through the job runner (idempotency key = the op's code):
 * - reversal (`PATCH /terminals/{uuid}/reversals/{id}`): FACT §6.1, synchronous, no card, whole amount, only
 *   while the payment is `authorised` and before the acquirer's daily settlement;
 * - refund (`POST /terminals/{uuid}/refunds/{id} {amount}`): once `confirmed` (settled); the customer presents
 *   the same card at the terminal within a minute; partial allowed; the outcome is polled (`GET /payments/{id}`).
 * The job asks PayPay for the payment first and chooses: authorised + whole amount left → reversal; authorised +
 * partial → refused with the reason (ASSUMPTION: Balcão never holds a refund until the settlement); confirmed →
 * refund. A refund above what is left of the original is refused before anything is sent or issued.
 */
export function createTerminalOps(deps: {
  ctx: CoreContext;
  jobs: JobRunner;
  paypay: PaypayService;
  scheduler?: Scheduler;
}) {
  const { ctx, jobs, paypay } = deps;
  const { db, clock } = ctx;
  const scheduler = deps.scheduler ?? realScheduler;
  const t = 'paypay_terminal_op' as const;
  const iso = (): string => clock.now().toISOString();
  const waiters = new Map<number, Array<(op: OpRow) => void>>();
  const watching = new Set<number>();

  const get = (id: number): OpRow | undefined => db.get(db.k.selectFrom(t).selectAll().where('id', '=', id));
  const update = (id: number, patch: Partial<OpRow>): void => {
    db.run(
      db.k
        .updateTable(t)
        .set({ ...patch, updated_at: iso() })
        .where('id', '=', id),
    );
  };
  const opsOf = (rowId: number): OpRow[] =>
    db.all(db.k.selectFrom(t).selectAll().where('payment_row_id', '=', rowId).orderBy('id'));
  const final = (op: OpRow): boolean =>
    op.state === 'done' || op.state === 'declined' || op.state === 'failed';

  /** What is left to give back of a terminal payment (cents): its amount less every op not declined/failed. */
  function leftCents(row: PaypayRow): number {
    const used = opsOf(row.id)
      .filter((o) => o.state !== 'declined' && o.state !== 'failed')
      .reduce((a, o) => a + o.amount_cents, 0);
    return Math.max(0, (row.paid_cents ?? row.amount_cents) - used);
  }

  /** The settled PayPay-terminal payment of the sale that issued this document (first with something left). */
  function paymentOfDocument(documentId: number): PaypayRow | undefined {
    const pays = db.all(
      db.k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .select(['p.id', 'p.sale_id'])
        .where('s.document_id', '=', documentId)
        .where('p.method', '=', 'paypay-terminal')
        .where('p.status', '=', 'settled')
        .orderBy('p.id'),
    );
    const rows = pays
      .map((p) => paypay.store.byCode(terminalCode(ctx.terminalId, p.sale_id, p.id)))
      .filter((r): r is PaypayRow => !!r && r.state === 'paid');
    return rows.find((r) => leftCents(r) > 0) ?? rows[0];
  }

  /**
   * Why this amount cannot go back to the card, or null. ASSUMPTION: the acquirer settles once a day, so a payment
   * authorised today (local day) is not settled yet: only its whole amount can go back (a reversal); a partial
   * refund is refused here, before the credit note exists. PayPay's own state decides in the job all the same.
   */
  function refusal(row: PaypayRow, amount: string): string | null {
    if (row.state !== 'paid') return 'O pagamento no terminal não foi cobrado: nada a reembolsar ao cartão.';
    const left = leftCents(row);
    const want = toCents(amount);
    if (want > left)
      return left === 0
        ? 'O pagamento no terminal PayPay já foi todo devolvido.'
        : `O reembolso (${formatEuro(amount)}) é superior ao que resta do pagamento no terminal PayPay (${formatEuro(fromCents(left))}): escolha outro meio para a diferença.`;
    const today = localDate(clock.now());
    const authorisedToday = localDate(new Date(row.paid_at ?? row.created_at)) === today;
    if (authorisedToday && want !== (row.paid_cents ?? row.amount_cents)) return NOT_SETTLED_PARTIAL;
    return null;
  }

  function notify(op: OpRow): void {
    if (!final(op)) return;
    if (op.return_id !== null) {
      // The return's refund follows the terminal's outcome (it was 'pending' while the card was awaited).
      db.run(
        db.k
          .updateTable('sale_return')
          .set({ status: op.state === 'done' ? 'settled' : 'failed', message: op.message })
          .where('id', '=', op.return_id)
          .where('status', '=', 'pending'),
      );
    }
    ctx.audit(`paypay.terminal-${op.op}-${op.state}`, op.operator_id, {
      opId: op.id,
      paymentRowId: op.payment_row_id,
      amount: op.amount,
    });
    for (const w of waiters.get(op.id) ?? []) w(op);
    waiters.delete(op.id);
  }

  const send = jobs.register({
    kind: TERMINAL_OP_KIND,
    payload: Payload,
    partner: () => 'paypay',
    syncStatus: true,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: 10_000 },
    async run(job): Promise<AttemptResult> {
      const op = get(job.payload.opId);
      if (!op || op.state !== 'creating') return { outcome: 'succeeded' };
      const row = paypay.store.get(op.payment_row_id)!;
      const uuid = encodeURIComponent(row.entity ?? '');
      const remote = encodeURIComponent(row.remote_id ?? '');
      return paypay.viaTransport(`terminal ${op.op}`, async (tr) => {
        const fail = (message: string, request: string): AttemptResult => {
          db.tx(() => update(op.id, { state: 'failed', message }));
          notify(get(op.id)!);
          return { outcome: 'permanent', request, message };
        };
        // Reversal or refund depends on whether the acquirer has settled it yet (PayPay knows).
        const seen = await tr.request('GET', `/payments/${remote}`);
        if (seen.kind !== 'ok') return paypay.attempt(seen, `GET /payments/${row.remote_id}`);
        const p = PaymentData.safeParse(seen.data);
        if (!p.success) return { outcome: 'retry', message: 'Resposta do PayPay ilegível.' };
        const state = outcomeOf(p.data);
        if (state === 'cancelled' || state === 'expired' || state === 'refused')
          return fail('O pagamento já foi anulado no PayPay: nada a devolver ao cartão.', 'GET /payments');
        if (state === 'authorised') {
          if (
            op.amount_cents !== row.amount_cents ||
            opsOf(row.id).some((o) => o.id !== op.id && o.state === 'done')
          )
            return fail(NOT_SETTLED_PARTIAL, 'GET /payments');
          const request = `PATCH /terminals/${row.entity}/reversals/${row.remote_id}`;
          const r = await tr.request('PATCH', `/terminals/${uuid}/reversals/${remote}`, {
            idempotencyKey: job.idempotencyKey,
            body: { remarks: { text: `Balcão ${op.code}` } },
          });
          if (r.kind === 'refused') return fail(r.message, request);
          if (r.kind !== 'ok') return paypay.attempt(r, request);
          const rv = PaymentData.safeParse(r.data);
          db.tx(() => {
            update(op.id, {
              op: 'reversal',
              state: 'done',
              remote_id: rv.success ? rv.data.id : null,
              message: `Pagamento anulado no terminal PayPay (${formatEuro(op.amount)}): nada foi debitado ao cliente.`,
            });
            paypay.store.update(row.id, {
              note: `Anulado no terminal (${formatEuro(op.amount)}).`,
              updated_at: iso(),
            });
          });
          notify(get(op.id)!);
          return { outcome: 'succeeded', request, httpStatus: r.status };
        }
        if (state !== 'confirmed')
          return { outcome: 'retry', message: 'Pagamento ainda por confirmar no PayPay.' };
        const request = `POST /terminals/${row.entity}/refunds/${row.remote_id} ${op.amount_cents}`;
        const r = await tr.request('POST', `/terminals/${uuid}/refunds/${remote}`, {
          idempotencyKey: job.idempotencyKey,
          body: { amount: op.amount_cents },
        });
        if (r.kind === 'refused') return fail(r.message, request);
        if (r.kind !== 'ok') return paypay.attempt(r, request);
        const rf = PaymentData.safeParse(r.data);
        if (!rf.success) return { outcome: 'unknown', request, message: 'Resposta do PayPay ilegível.' };
        db.tx(() =>
          update(op.id, {
            state: 'pending',
            remote_id: rf.data.id,
            message: `A aguardar o terminal: o cliente apresenta o mesmo cartão (${formatEuro(op.amount)}).`,
          }),
        );
        watch(op.id);
        return { outcome: 'succeeded', request, httpStatus: r.status, result: { refundId: rf.data.id } };
      });
    },
  });

  const check = jobs.register({
    kind: TERMINAL_OP_CHECK_KIND,
    payload: Payload,
    partner: () => 'paypay',
    backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: 10_000 },
    async run(job): Promise<AttemptResult> {
      const op = get(job.payload.opId);
      const remoteId = op?.remote_id;
      if (!op || !remoteId || op.state !== 'pending') return { outcome: 'succeeded' };
      const request = `GET /payments/${remoteId}`;
      return paypay.viaTransport(request, async (tr) => {
        const r = await tr.request('GET', `/payments/${encodeURIComponent(remoteId)}`);
        if (r.kind !== 'ok') return paypay.attempt(r, request);
        const p = PaymentData.safeParse(r.data);
        if (!p.success) return { outcome: 'retry', request, message: 'Resposta do PayPay ilegível.' };
        const s = outcomeOf(p.data);
        if (s === 'confirmed')
          db.tx(() =>
            update(op.id, {
              state: 'done',
              message: `Reembolsados ${formatEuro(op.amount)} ao cartão do cliente (terminal PayPay).`,
            }),
          );
        else if (s === 'refused' || s === 'expired' || s === 'cancelled')
          db.tx(() =>
            update(op.id, {
              state: 'declined',
              message:
                s === 'expired'
                  ? 'O terminal não recebeu o cartão dentro do minuto: o reembolso não foi feito. Repita ou reembolse por outro meio.'
                  : 'O terminal recusou o reembolso (é preciso o mesmo cartão do pagamento). Repita ou reembolse por outro meio.',
            }),
          );
        notify(get(op.id)!);
        return { outcome: 'succeeded', request, httpStatus: r.status };
      });
    },
  });

  /** Polls a refund the terminal is waiting on every URGENT_POLL_MS until final (or REFUND_WATCH_MS). */
  function watch(opId: number): void {
    if (watching.has(opId)) return;
    watching.add(opId);
    let n = 0;
    const tick = (): void => {
      const op = get(opId);
      if (!op || final(op) || Date.parse(op.created_at) + REFUND_WATCH_MS < clock.now().getTime()) {
        watching.delete(opId);
        return;
      }
      if (op.state === 'pending')
        check.enqueue({ opId }, { key: `${TERMINAL_OP_CHECK_KIND}:${opId}:${++n}:${iso()}` });
      scheduler.setTimer(URGENT_POLL_MS, tick);
    };
    scheduler.setTimer(URGENT_POLL_MS, tick);
  }

  // After a restart: what the terminal may still answer is watched again.
  for (const op of db.all(db.k.selectFrom(t).selectAll().where('state', '=', 'pending'))) watch(op.id);

  /**
   * Sends the money back (reversal or refund, see above) and waits for the terminal's answer up to about its
   * minute; an answer still missing then is `pending` (the return shows "por confirmar" and follows it).
   */
  async function giveBack(row: PaypayRow, req: RefundRequest): Promise<RefundOutcome> {
    const refused = refusal(row, req.amount);
    if (refused) return { ok: false, amount: '0.00', message: refused };
    const now = clock.now();
    const opId = db.tx(() => {
      const n = opsOf(row.id).length + 1;
      const code = `${row.code}-op-${n}`;
      const id = db.run(
        db.k.insertInto(t).values({
          payment_row_id: row.id,
          op: 'refund',
          amount: fixed(req.amount),
          amount_cents: toCents(req.amount),
          state: 'creating',
          code,
          return_id: req.returnId ?? null,
          operator_id: req.operatorId,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        }),
      ).lastInsertRowid;
      const job = enqueueInTx(send, { db, at: now }, { opId: id }, code);
      update(id, { job_id: job.id });
      return id;
    });
    const op = await new Promise<OpRow | null>((resolve) => {
      const cur = get(opId)!;
      if (final(cur)) return resolve(cur);
      const cancel = scheduler.setTimer(REFUND_WAIT_MS, () => resolve(null));
      waiters.set(opId, [
        ...(waiters.get(opId) ?? []),
        (o) => {
          cancel();
          resolve(o);
        },
      ]);
    });
    if (!op)
      return {
        ok: false,
        pending: true,
        amount: '0.00',
        message:
          get(opId)?.message ??
          'O terminal ainda não respondeu ao reembolso: o Balcão continua a verificar (Gestão › PayPay).',
      };
    return {
      ok: op.state === 'done',
      amount: op.state === 'done' ? op.amount : '0.00',
      message: op.message,
      ref: op.code,
    };
  }

  return { paymentOfDocument, refusal, giveBack, leftCents, opsOf };
}
export type TerminalOps = ReturnType<typeof createTerminalOps>;
