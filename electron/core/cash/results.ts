import type { CashResult, JournalEntry } from '../../../shared/api/cash';
import { PosError } from '../../../shared/errors';
import { formatEuro, fromCents, toCents } from '../../../shared/money';
import { Result } from '../devices/glory/codes';
import type { ChangeOutcome } from '../devices/glory/device';
import { parsePieces, sumPieces, type CashJournal, type JournalRow } from './journal';
import { normalise, toApiPieces } from './pieces';

/** Journal rows ⇄ what the cash API answers, and how a machine response is written to the journal. */

/** A journal row as the API's CashResult (sale: what was paid, change owed). */
export function toResult(row: JournalRow, message?: string): CashResult {
  const cashIn = parsePieces(row.cash_in);
  const cashOut = parsePieces(row.cash_out);
  const isSale = row.kind === 'sale';
  const net = row.in_cents - row.out_cents;
  const owed = isSale && row.outcome === 'change_short' ? Math.max(0, net - row.requested_cents) : 0;
  const paid = isSale
    ? net + owed >= row.requested_cents && row.in_cents >= row.requested_cents
    : row.status !== 'failed';
  return {
    journalId: row.id,
    outcome: (row.outcome ?? 'failed') as CashResult['outcome'],
    requested: fromCents(row.requested_cents),
    received: fromCents(row.in_cents),
    paidOut: fromCents(row.out_cents),
    changeOwed: fromCents(owed),
    paid,
    cashIn: toApiPieces(cashIn),
    cashOut: toApiPieces(cashOut),
    message: message ?? row.note ?? '',
  };
}

/** Integer cents → pt-PT amount for the notes people read ("1 234,50 €"). */
const euro = (cents: number): string => formatEuro(fromCents(cents));

/** Writes a sale's machine response to its journal row (outcome, pieces, pt-PT note). */
export function saleOutcome(
  journal: CashJournal,
  id: number,
  due: number,
  o: ChangeOutcome,
  shortageSeen: boolean,
): CashResult {
  const cin = normalise(o.cashIn);
  const cout = normalise(o.cashOut);
  const net = sumPieces(cin) - sumPieces(cout);
  let outcome: CashResult['outcome'];
  let note: string;
  if (o.result === Result.SUCCESS) {
    outcome = 'success';
    note = `Pago. Recebido ${euro(sumPieces(cin))}, troco ${euro(sumPieces(cout))}.`;
  } else if (o.result === Result.CANCEL || o.result === Result.CANCEL_CHANGE_SHORTAGE) {
    const short = o.result === Result.CANCEL_CHANGE_SHORTAGE || shortageSeen;
    outcome = short ? 'cancelled_change_short' : 'cancelled';
    note = `${short ? 'Sem troco suficiente: pagamento cancelado.' : 'Pagamento cancelado.'} Devolvidos ${euro(sumPieces(cout))}.`;
  } else if (o.result === Result.CHANGE_SHORTAGE) {
    outcome = 'change_short';
    note = `Pago, mas a máquina não tinha troco: entregue à mão ${euro(Math.max(0, net - due))} ao cliente e informe o gerente.`;
  } else {
    outcome = 'failed';
    note = `A operação não terminou (código ${o.result}). Recebido ${euro(sumPieces(cin))}, devolvido ${euro(sumPieces(cout))}.`;
  }
  journal.complete(id, {
    status: outcome === 'failed' ? 'failed' : 'done',
    outcome,
    cashIn: cin,
    cashOut: cout,
    resultCode: o.result,
    note,
  });
  return toResult(journal.get(id) as JournalRow, note);
}

/** Writes a non-sale operation's response (success or nothing moved). */
export function simpleOutcome(
  journal: CashJournal,
  id: number,
  o: ChangeOutcome,
  okNote: string,
): CashResult {
  const ok = o.result === Result.SUCCESS;
  const note = ok ? okNote : `A máquina recusou a operação (código ${o.result}). Nada foi movimentado.`;
  journal.complete(id, {
    status: ok ? 'done' : 'failed',
    outcome: ok ? 'success' : 'failed',
    cashIn: normalise(o.cashIn),
    cashOut: normalise(o.cashOut),
    resultCode: o.result,
    note,
  });
  return toResult(journal.get(id) as JournalRow, note);
}

export const entry = (r: JournalRow): JournalEntry => ({
  id: r.id,
  seqNo: r.seq_no,
  kind: r.kind,
  status: r.status,
  outcome: r.outcome,
  requested: fromCents(r.requested_cents),
  received: fromCents(r.in_cents),
  paidOut: fromCents(r.out_cents),
  cashIn: toApiPieces(parsePieces(r.cash_in)),
  cashOut: toApiPieces(parsePieces(r.cash_out)),
  reference: r.reference,
  note: r.note,
  needsReview: r.needs_ack === 1 && !r.acked_at,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export const positiveCents = (v: string, what: string): number => {
  const c = toCents(v);
  if (c <= 0) throw new PosError('VALIDATION', `${what} tem de ser maior que zero.`);
  return c;
};

/** A cash sale in the manual drawer (no machine): journaled as done at once, change = tendered − due. */
export function manualSale(
  journal: CashJournal,
  due: number,
  input: { tendered?: string; reference?: string },
  operatorId: number | null,
): CashResult {
  if (input.tendered === undefined)
    throw new PosError('VALIDATION', 'Indique o valor entregue pelo cliente (gaveta manual).');
  const tendered = toCents(input.tendered);
  if (tendered < due) throw new PosError('VALIDATION', 'O valor entregue é inferior ao valor a pagar.');
  const id = journal.record(
    {
      kind: 'manual',
      seqNo: `M${Date.now()}`,
      device: 'manual',
      requestedCents: due,
      operatorId,
      reference: input.reference,
    },
    {
      status: 'done',
      outcome: 'manual',
      inCents: tendered,
      outCents: tendered - due,
      note: `Gaveta manual: troco ${euro(tendered - due)}.`,
    },
  );
  return toResult(journal.get(id) as JournalRow);
}
