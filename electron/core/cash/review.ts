import type { ReviewAction, ReviewResolution, ReviewResolveResult } from '../../../shared/api/cash';
import { PosError } from '../../../shared/errors';
import { formatEuro, fromCents } from '../../../shared/money';
import { parsePieces, type JournalRow, type Piece } from './journal';
import { normalise } from './pieces';

/**
 * Issue 9 A.3: cash a sale payment left in the machine without finishing (power cut after a partial insert: the
 * machine kept 1,00 €, no document, no change). Reconciliation finds it and flags it; the manager then chooses
 * one of the two legal outcomes:
 *   return   — the machine dispenses exactly what it kept (the same pieces when it can; otherwise that amount)
 *              and the payment ends as cancelled: nothing charged, the sale is payable again;
 *   complete — what the machine kept counts as paid towards the sale. RULE: a document is only ever issued for
 *              a sale that is paid in full (FS/FR are receipts of what was paid). If the kept cash covers the sale
 *              the document is issued now; otherwise the sale stays on the till showing what is missing and the
 *              cashier takes the rest by any method, and the document comes out when it is paid.
 * The sales side (which owns payments and documents) plugs in as the ReviewSettler.
 */
export interface ReviewSettler {
  /** The payment still waiting for a decision behind this journal reference, if any. */
  find(reference: string): { saleId: number; paymentId: number; due: string } | null;
  /** The kept cash was given back: end the payment (nothing charged). */
  returned(paymentId: number, amount: string, operatorId: number, journalId: number): void;
  /** Count `amount` towards the sale; issue its document when paid in full. */
  complete(
    paymentId: number,
    amount: string,
    operatorId: number,
  ): { saleId: number; completed: boolean; remaining: string };
}

export interface ReviewMoney {
  /** Dispenses exactly these pieces (CashoutOperation); true when the machine paid them out. */
  cashout(pieces: Piece[], reason: string, operatorId: number): Promise<boolean>;
  /** Dispenses this amount in pieces the machine chooses (Change with a negative amount). */
  payout(cents: number, reason: string, operatorId: number): Promise<boolean>;
  /** A return with this reference was already dispensed (a crash before the bookkeeping): never pay twice. */
  alreadyDispensed(reference: string): boolean;
  acknowledge(id: number, operatorId: number, note: string): void;
  audit(action: string, operatorId: number, details: Record<string, unknown>): void;
}

/** Per face value, what the machine kept from an entry (in − out). */
export function keptPieces(row: JournalRow): { pieces: Piece[]; exact: boolean; cents: number } {
  const net = new Map<number, Piece>();
  for (const p of parsePieces(row.cash_in)) net.set(p.fv, { ...p, piece: p.piece });
  for (const p of parsePieces(row.cash_out)) {
    const cur = net.get(p.fv) ?? { fv: p.fv, devid: p.devid, piece: 0 };
    cur.piece -= p.piece;
    net.set(p.fv, cur);
  }
  const all = [...net.values()];
  return {
    pieces: normalise(all.filter((p) => p.piece > 0)),
    exact: all.every((p) => p.piece >= 0),
    cents: row.in_cents - row.out_cents,
  };
}

export function createCashReview(money: ReviewMoney) {
  let settler: ReviewSettler | null = null;
  /** One decision at a time per entry (two managers clicking at once must not dispense twice). */
  const deciding = new Set<number>();

  function describe(row: JournalRow): ReviewResolution | null {
    if (!settler || row.kind !== 'sale' || !row.reference || row.needs_ack !== 1 || row.acked_at) return null;
    const cents = row.in_cents - row.out_cents;
    const found = settler.find(row.reference);
    if (!found || cents <= 0) return null;
    return { ...found, kept: fromCents(cents), actions: ['return', 'complete'] };
  }

  async function resolve(
    row: JournalRow | undefined,
    action: ReviewAction,
    operatorId: number,
    note?: string,
  ): Promise<ReviewResolveResult> {
    if (row && deciding.has(row.id))
      throw new PosError('CONFLICT', 'Esta operação já está a ser decidida noutro ecrã.');
    if (row) deciding.add(row.id);
    try {
      return await decide(row, action, operatorId, note);
    } finally {
      if (row) deciding.delete(row.id);
    }
  }

  async function decide(
    row: JournalRow | undefined,
    action: ReviewAction,
    operatorId: number,
    note?: string,
  ): Promise<ReviewResolveResult> {
    const res = row && describe(row);
    if (!row || !res || !settler)
      throw new PosError('CONFLICT', 'Esta operação não tem nenhum pagamento interrompido por decidir.');
    const kept = keptPieces(row);
    const words = formatEuro(res.kept);
    const extra = note ? ` ${note}` : '';
    if (action === 'return') {
      // Deterministic reference: after a crash between the dispense and the bookkeeping, the retry finds it.
      const reason = `Devolução ao cliente da operação ${row.id} (${row.reference ?? ''})`;
      const ok =
        money.alreadyDispensed(reason) ||
        (kept.exact
          ? await money.cashout(kept.pieces, reason, operatorId)
          : await money.payout(kept.cents, reason, operatorId));
      if (!ok)
        throw new PosError(
          'PAYMENT_FAILED',
          `A máquina não devolveu ${words}. Verifique a máquina e tente de novo, ou devolva à mão e registe a saída.`,
        );
      settler.returned(res.paymentId, res.kept, operatorId, row.id);
      const message = `Devolvidos ${words} ao cliente pela máquina. A venda pode ser paga de novo.`;
      money.acknowledge(row.id, operatorId, `${message}${extra}`);
      money.audit('cash.review-return', operatorId, { journalId: row.id, ...res, note: note ?? null });
      return { action, saleId: res.saleId, completed: false, remaining: res.due, message };
    }
    const done = settler.complete(res.paymentId, res.kept, operatorId);
    const message = done.completed
      ? `Venda concluída com os ${words} que a máquina guardou; documento emitido.`
      : `Contados ${words} como pagos. Falta receber ${formatEuro(done.remaining)}: o operador cobra o resto para emitir o documento.`;
    money.acknowledge(row.id, operatorId, `${message}${extra}`);
    money.audit('cash.review-complete', operatorId, {
      journalId: row.id,
      ...res,
      completed: done.completed,
      remaining: done.remaining,
      note: note ?? null,
    });
    return { action, saleId: done.saleId, completed: done.completed, remaining: done.remaining, message };
  }

  return {
    setSettler(s: ReviewSettler | null): void {
      settler = s;
    },
    describe,
    resolve,
  };
}
