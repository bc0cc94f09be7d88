import type { OperatorSummary } from '../../../shared/api/auth';
import type { PayResult } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { Issuer } from './issue';
import type { IssuedReference, SalesDeps } from './ports';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, type SaleStore } from './store';

interface Deps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  views: SaleViews;
  issue: Issuer['issue'];
}

/** How long the till waits for PayPay's answer before showing "a referência segue" (the FT is issued anyway). */
const REFERENCE_WAIT_MS = 5_000;

/**
 * Issue 11 item 2 (paypay-office): the sale as an FT that is not paid on the spot ("Pronto Pagamento" in iGEST's
 * words). The sale turns 'paid' (nothing is due now: an RG settles the FT later) and its FT is issued in ONE
 * transaction; if the fiscal core refuses, everything rolls back and the sale stays open (no money was taken, so
 * nothing is lost). "Com referência" wraps that transaction in PayPay's `withReference`, so the reference request
 * (paypay_payment row + its outbox job) commits with the FT or not at all.
 */
export function createInvoiceLater({ ctx, deps, store, views, issue }: Deps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();

  async function issueInvoice(
    op: OperatorSummary,
    input: { withReference: boolean; confirmClockBehind: boolean },
  ): Promise<PayResult & { reference: IssuedReference | null }> {
    const sale = store.current();
    if (!sale) throw new PosError('NOT_FOUND', 'Não há venda em curso.');
    if (sale.status !== 'open')
      throw new PosError('CONFLICT', 'A venda já tem pagamentos: termine-os ou cancele-os primeiro.');
    const view = views.build(sale);
    if (view.lines.length === 0) throw new PosError('CONFLICT', 'A venda não tem artigos.');
    if (view.decision.type !== 'FT')
      throw new PosError(
        'CONFLICT',
        'Escolha primeiro "Fatura (FT)" no tipo de documento: só uma FT fica paga mais tarde.',
      );
    if (!view.decision.ready)
      throw new PosError('FISCAL_RULE', view.decision.blockedReason ?? 'A venda não pode ser concluída.');
    if (new Dec(view.totals.gross).lte(0))
      throw new PosError('CONFLICT', 'Uma fatura a pagar mais tarde tem de ter valor acima de 0,00 €.');
    if (store.payments(sale.id).some((p) => (ACTIVE_PAYMENT as readonly string[]).includes(p.status)))
      throw new PosError('CONFLICT', 'Há um pagamento por concluir: termine-o ou cancele-o primeiro.');
    const paypay = deps.invoiceReference?.() ?? null;
    if (input.withReference && !paypay?.configured())
      throw new PosError(
        'VALIDATION',
        'O PayPay não está configurado: a fatura só pode ser emitida sem referência (Gestão › Integrações › PayPay).',
      );

    const run = () =>
      db.tx(() => {
        store.update(sale.id, { status: 'paid', issue_type: 'FT' }, now());
        ctx.audit('sales.invoice-later', op.id, { saleId: sale.id, withReference: input.withReference });
        const completed = issue(sale.id, op.id, input.confirmClockBehind);
        if (!completed) throw new PosError('CONFLICT', 'A fatura desta venda já foi emitida.');
        return completed;
      });
    let completed;
    try {
      completed = input.withReference && paypay ? paypay.withReference(run) : run();
    } catch (e) {
      // Rolled back: the sale is open again, as the cashier left it (the issuer's error note went with it).
      ctx.events.emit('sales/changed', { saleId: sale.id, status: 'open' });
      throw e;
    }
    const reference =
      input.withReference && paypay
        ? await paypay.referenceOf(completed.document.id, REFERENCE_WAIT_MS)
        : null;
    return { sale: views.build(store.get(sale.id)!), payment: null, completed, reference };
  }

  return { issueInvoice };
}
