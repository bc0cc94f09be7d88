import type { SalePaymentView, SaleSummary, SaleView } from '../../../shared/api/sales';
import { SaftMechanism } from '../../../shared/api/fiscal';
import { PosError } from '../../../shared/errors';
import { Dec, fixed } from '../../../shared/money';
import type { SalesConfig } from './config';
import { articleCount } from './article-count';
import { decideDocument } from './doc-choice';
import type { ProviderRegistry } from './payments/registry';
import type { SalePaymentRow, SaleRow, SaleStore } from './store';
import type { Totals } from './totals';

/** Builds the whole SaleView (lines, totals, document decision, payments) from the persisted cart. */
export function createSaleViews(
  store: SaleStore,
  totals: Totals,
  providers: ProviderRegistry,
  config: () => SalesConfig,
) {
  function paymentView(p: SalePaymentRow): SalePaymentView {
    const provider = providers.find(p.method);
    return {
      id: p.id,
      method: p.method,
      methodName: provider?.name ?? p.method,
      mechanism: SaftMechanism.parse(p.mechanism),
      status: p.status,
      requested: p.requested,
      amount: p.amount,
      tendered: p.tendered,
      change: p.change_given,
      message: p.message,
      startedAt: p.started_at,
      finishedAt: p.finished_at,
    };
  }

  function settledOf(payments: readonly SalePaymentRow[]): { paid: Dec; change: Dec } {
    const settled = payments.filter((p) => p.status === 'settled');
    return {
      paid: settled.reduce((a, p) => a.plus(p.amount), new Dec(0)),
      change: settled.reduce((a, p) => a.plus(p.change_given ?? 0), new Dec(0)),
    };
  }

  function build(sale: SaleRow): SaleView {
    return view(sale).view;
  }

  /** The view of a cart just changed: refused (and the change rolled back) when it could not be issued. */
  function buildIssuable(sale: SaleRow): SaleView {
    const { view: v, problem } = view(sale);
    if (problem) throw new PosError('VALIDATION', problem, { saleId: sale.id });
    return v;
  }

  function view(sale: SaleRow): { view: SaleView; problem: string | null } {
    const rows = store.lines(sale.id);
    const { lines: prepared, amounts, index, problem } = totals.compute(sale, rows);
    const customer = store.customerOf(sale);
    const cfg = config();
    const decision = decideDocument({
      grossTotal: amounts.grossTotal,
      hasLines: index.size > 0,
      retailer: totals.company().retailer,
      customer,
      requested: sale.requested_type,
      identifyBuyerAbove: cfg.identifyBuyerAbove,
    });
    if (problem) {
      // Never start a payment for a cart the fiscal service would refuse (a paid sale without a document).
      decision.ready = false;
      decision.blockedReason = problem;
    }
    if (sale.issue_type && sale.issue_type !== decision.type) {
      // Fixed when payment started (the cart is locked from then on); shown as is.
      decision.type = sale.issue_type;
    }
    const payments = store.payments(sale.id);
    const { paid, change } = settledOf(payments);
    const gross = new Dec(amounts.grossTotal);
    const saleView: SaleView = {
      id: sale.id,
      status: sale.status,
      shiftId: sale.shift_id,
      operatorId: sale.operator_id,
      createdAt: sale.created_at,
      updatedAt: sale.updated_at,
      label: sale.label,
      lines: rows.map((l, n) => {
        const i = index.get(l.id);
        return {
          id: l.id,
          lineNo: n + 1,
          articleId: l.article_id,
          productCode: l.product_code,
          description: l.description,
          barcode: l.barcode,
          quantity: l.quantity,
          unit: l.unit,
          unitPrice: l.unit_price,
          catalogPrice: l.catalog_price,
          priceOverridden: l.price_overridden === 1,
          discountPct: l.discount_pct,
          note: l.note,
          gross: i === undefined ? '0.00' : amounts.lines[i].gross,
          taxCode: l.tax_code,
          taxPct: i === undefined ? '0' : prepared[i].taxPct,
          exemptionCode: l.exemption_code,
          voided: l.voided === 1,
        };
      }),
      customer,
      globalDiscountPct: sale.global_discount_pct,
      totals: {
        net: amounts.netTotal,
        tax: amounts.taxPayable,
        gross: amounts.grossTotal,
        discount: amounts.discountTotal,
        itemCount: index.size,
        articleCount: articleCount(
          rows.map((l) => ({ quantity: l.quantity, unit: l.unit, voided: !index.has(l.id) })),
        ),
      },
      decision,
      payments: payments.map(paymentView),
      paid: fixed(paid),
      remaining: fixed(Dec.max(gross.minus(paid), 0)),
      change: fixed(change),
      documentId: sale.document_id,
      issueError: sale.issue_error,
    };
    return { view: saleView, problem };
  }

  function summary(sale: SaleRow): SaleSummary {
    const v = build(sale);
    return {
      id: v.id,
      label: v.label,
      operatorId: v.operatorId,
      updatedAt: v.updatedAt,
      itemCount: v.totals.itemCount,
      articleCount: v.totals.articleCount,
      gross: v.totals.gross,
      customerName: v.customer?.name ?? null,
    };
  }

  return { build, buildIssuable, summary, paymentView, settledOf };
}
export type SaleViews = ReturnType<typeof createSaleViews>;
