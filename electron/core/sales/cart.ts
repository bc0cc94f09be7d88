import type { OperatorSummary } from '../../../shared/api/auth';
import type { SaleCustomer, SaleDocType, SaleSummary, SaleView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec, plain } from '../../../shared/money';
import type { CoreContext } from '../context';
import { requireApproval, type ApprovalInput } from './approvals';
import { createCartLines, type AddLineInput } from './cart-lines';
import type { SaleCustomerInput as CustomerInput } from '../parties/customers/port';
import type { SalesConfig } from './config';
import type { SalesDeps } from './ports';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, type SaleRow, type SaleStore } from './store';

interface CartDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  views: SaleViews;
  config: () => SalesConfig;
  currentShiftId: () => number | null;
}

/** The cart: every change is written to SQLite at once, and every call answers with the whole SaleView. */
export function createCart({ ctx, deps, store, views, config, currentShiftId }: CartDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const resolveCustomer = (input: CustomerInput) => deps.customers.forSale(input);
  const findCustomers = (query: string, limit: number) => deps.customers.find(query, limit);

  function assertEditable(sale: SaleRow): void {
    const active = store
      .payments(sale.id)
      .some((p) => (ACTIVE_PAYMENT as readonly string[]).includes(p.status));
    if (sale.status !== 'open' || active) {
      throw new PosError(
        'CONFLICT',
        'Esta venda já tem pagamentos: cancele-os (ou termine o pagamento) antes de a alterar.',
        { saleId: sale.id },
      );
    }
  }

  function shiftOrThrow(): number | null {
    const shiftId = currentShiftId();
    if (shiftId === null && config().requireShift) {
      throw new PosError(
        'CONFLICT',
        'Não há turno aberto neste terminal. Abra o turno (com o fundo de caixa) para vender.',
      );
    }
    return shiftId;
  }

  /** The sale being edited; created on the first line. */
  function editable(op: OperatorSummary, create: boolean): SaleRow {
    const cur = store.current();
    if (cur) {
      assertEditable(cur);
      return cur;
    }
    if (!create) throw new PosError('NOT_FOUND', 'Não há venda em curso.');
    const shiftId = shiftOrThrow();
    const at = now();
    const r = db.run(
      db.k.insertInto('sale').values({
        terminal_id: ctx.terminalId,
        shift_id: shiftId,
        operator_id: op.id,
        status: 'open',
        label: null,
        customer: null,
        requested_type: null,
        issue_type: null,
        document_id: null,
        issue_error: null,
        created_at: at,
        updated_at: at,
      }),
    );
    ctx.audit('sales.sale-created', op.id, { saleId: r.lastInsertRowid, shiftId });
    return store.get(r.lastInsertRowid)!;
  }

  /**
   * Bumps the sale after a line change (inside its transaction): a change that leaves a cart the fiscal service
   * would refuse is refused (rolled back). Voiding a line is never refused: it is how such a cart is mended.
   */
  const touch = (sale: SaleRow, check = true): SaleView => {
    store.update(sale.id, {}, now());
    const row = store.get(sale.id)!;
    return check ? views.buildIssuable(row) : views.build(row);
  };

  const lines = createCartLines({ ctx, deps, store, config, editable, touch });

  function setDiscount(op: OperatorSummary, pct: string, approval?: ApprovalInput): SaleView {
    const sale = editable(op, false);
    const limit = config().discountLimitPct;
    const approvedBy = new Dec(pct).gt(limit)
      ? requireApproval(deps.auth, op, approval, 'sales.global-discount', `desconto acima de ${limit} %`)
      : null;
    return db.tx(() => {
      store.update(sale.id, { global_discount_pct: plain(pct) }, now());
      ctx.audit('sales.set-discount', op.id, { saleId: sale.id, pct, approvedBy });
      return views.buildIssuable(store.get(sale.id)!);
    });
  }

  function setCustomer(op: OperatorSummary, input: CustomerInput | null): SaleView {
    const sale = editable(op, true);
    let customer: SaleCustomer | null = null;
    if (input) customer = resolveCustomer(input);
    store.update(sale.id, { customer: customer ? JSON.stringify(customer) : null }, now());
    ctx.audit('sales.set-customer', op.id, {
      saleId: sale.id,
      nif: customer?.nif ?? null,
      customerId: customer?.id ?? null,
    });
    return views.build(store.get(sale.id)!);
  }

  function setDocumentType(op: OperatorSummary, type: SaleDocType | null): SaleView {
    const sale = editable(op, true);
    if (type) {
      const choice = views.build(sale).decision.choices.find((c) => c.type === type)!;
      if (!choice.allowed) throw new PosError('FISCAL_RULE', choice.reason, { type });
    }
    store.update(sale.id, { requested_type: type }, now());
    ctx.audit('sales.set-document-type', op.id, { saleId: sale.id, type });
    return views.build(store.get(sale.id)!);
  }

  function suspend(op: OperatorSummary, label?: string): SaleSummary {
    const sale = editable(op, false);
    if (!store.lines(sale.id).some((l) => l.voided === 0)) {
      throw new PosError('CONFLICT', 'A venda não tem artigos: não há nada para suspender.');
    }
    store.update(sale.id, { status: 'suspended', label: label ?? null }, now());
    ctx.audit('sales.suspend', op.id, { saleId: sale.id, label: label ?? null });
    ctx.events.emit('sales/changed', { saleId: sale.id, status: 'suspended' });
    return views.summary(store.get(sale.id)!);
  }

  function recall(op: OperatorSummary, saleId: number): SaleView {
    const target = store.get(saleId);
    if (!target || target.status !== 'suspended' || target.terminal_id !== ctx.terminalId) {
      throw new PosError('NOT_FOUND', 'Essa venda não está suspensa neste terminal.');
    }
    const cur = store.current();
    if (cur) {
      if (store.lines(cur.id).some((l) => l.voided === 0) || store.payments(cur.id).length > 0) {
        throw new PosError(
          'CONFLICT',
          'Há uma venda em curso: suspenda-a ou abandone-a antes de retomar outra.',
        );
      }
      store.update(cur.id, { status: 'abandoned' }, now());
    }
    const shiftId = shiftOrThrow();
    store.update(saleId, { status: 'open', shift_id: shiftId, operator_id: op.id }, now());
    ctx.audit('sales.recall', op.id, { saleId, shiftId });
    ctx.events.emit('sales/changed', { saleId, status: 'open' });
    return views.build(store.get(saleId)!);
  }

  function abandon(op: OperatorSummary, reason?: string): void {
    const sale = store.current();
    if (!sale) return;
    assertEditable(sale);
    store.update(sale.id, { status: 'abandoned', label: reason ?? null }, now());
    ctx.audit('sales.abandon', op.id, { saleId: sale.id, reason: reason ?? null });
    ctx.events.emit('sales/changed', { saleId: sale.id, status: 'abandoned' });
  }

  return {
    current: (): SaleView | null => {
      const s = store.current();
      return s ? views.build(s) : null;
    },
    addLine: (op: OperatorSummary, input: AddLineInput) => lines.addLine(op, input),
    scan: lines.scan,
    updateLine: lines.updateLine,
    setQuantity: (op: OperatorSummary, lineId: number, quantity: string) =>
      lines.updateLine(op, lineId, { quantity }),
    voidLine: lines.voidLine,
    setDiscount,
    setCustomer,
    findCustomers,
    setDocumentType,
    suspend,
    listSuspended: (): SaleSummary[] => store.suspended().map(views.summary),
    recall,
    abandon,
  };
}
export type Cart = ReturnType<typeof createCart>;
