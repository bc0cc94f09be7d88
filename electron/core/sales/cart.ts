import type { OperatorSummary } from '../../../shared/api/auth';
import type { SaleCustomer, SaleDocType, SaleSummary, SaleView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import {
  CONSUMIDOR_FINAL_NAME,
  CONSUMIDOR_FINAL_NIF,
  checkNif,
  nifLooksLikeBusiness,
} from '../../../shared/fiscal/nif';
import { Dec } from '../../../shared/money';
import type { CoreContext } from '../context';
import { requireApproval, type ApprovalInput } from './approvals';
import type { SalesConfig } from './config';
import type { SalesDeps } from './ports';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, type SaleRow, type SaleStore } from './store';

export interface LineChanges {
  quantity?: string;
  unitPrice?: string;
  discountPct?: string;
  note?: string;
  approval?: ApprovalInput;
}

export interface AddLineInput extends LineChanges {
  articleId?: number;
  description?: string;
  taxCode?: 'NOR' | 'INT' | 'RED' | 'ISE';
  exemptionCode?: string;
}

export interface CustomerInput {
  id?: number;
  nif: string;
  name?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  country?: string;
  isBusiness?: boolean;
}

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

  function lineOf(sale: SaleRow, lineId: number) {
    const l = store.line(lineId);
    if (!l || l.sale_id !== sale.id)
      throw new PosError('NOT_FOUND', 'Essa linha não pertence à venda em curso.');
    if (l.voided === 1) throw new PosError('CONFLICT', 'Essa linha já foi anulada.');
    return l;
  }

  /** Price override and discounts above the limit need a manager; returns the approver (or null). */
  function approvals(
    op: OperatorSummary,
    c: LineChanges,
    catalogPrice: string | null,
    currentPrice: string | null,
  ): { approvedBy: number | null; overridden: boolean } {
    let approvedBy: number | null = null;
    let overridden = false;
    if (c.unitPrice !== undefined && catalogPrice !== null && !new Dec(c.unitPrice).eq(catalogPrice)) {
      overridden = true;
      if (currentPrice === null || !new Dec(c.unitPrice).eq(currentPrice)) {
        approvedBy = requireApproval(deps.auth, op, c.approval, 'sales.price-override', 'alteração de preço');
      }
    }
    const limit = config().discountLimitPct;
    if (c.discountPct !== undefined && new Dec(c.discountPct).gt(limit)) {
      approvedBy = requireApproval(
        deps.auth,
        op,
        c.approval,
        'sales.discount',
        `desconto acima de ${limit} %`,
      );
    }
    return { approvedBy, overridden };
  }

  const touch = (sale: SaleRow): SaleView => {
    store.update(sale.id, {}, now());
    return views.build(store.get(sale.id)!);
  };

  function addLine(
    op: OperatorSummary,
    input: AddLineInput,
    barcode: string | null = null,
    labelPrice = false,
  ): SaleView {
    const sale = editable(op, true);
    const quantity = input.quantity ?? '1';
    let row: {
      article_id: number | null;
      product_code: string;
      description: string;
      unit: 'UN' | 'KG' | 'L' | 'M';
      catalog_price: string | null;
      tax_code: 'NOR' | 'INT' | 'RED' | 'ISE';
      exemption_code: string | null;
    };
    if (input.articleId !== undefined) {
      const a = deps.catalog.get(input.articleId);
      if (!a.active)
        throw new PosError('CONFLICT', `O artigo ${a.name} está inativo e não pode ser vendido.`);
      row = {
        article_id: a.id,
        product_code: a.code,
        description: a.name,
        unit: a.unit,
        catalog_price: a.price,
        tax_code: a.taxCode,
        exemption_code: a.exemptionCode,
      };
    } else {
      if (!input.description || input.unitPrice === undefined || !input.taxCode) {
        throw new PosError('VALIDATION', 'Uma linha sem artigo precisa de descrição, preço e taxa de IVA.');
      }
      if (input.taxCode === 'ISE' && !input.exemptionCode) {
        throw new PosError('VALIDATION', 'Uma linha isenta de IVA precisa do motivo de isenção (M01…M99).');
      }
      row = {
        article_id: null,
        product_code: 'DIVERSOS',
        description: input.description,
        unit: 'UN',
        catalog_price: null,
        tax_code: input.taxCode,
        exemption_code: input.taxCode === 'ISE' ? (input.exemptionCode ?? null) : null,
      };
    }
    // A price read from a price-embedded label is the shop's own price: not an override.
    const { approvedBy, overridden } = labelPrice
      ? { approvedBy: null, overridden: false }
      : approvals(op, input, row.catalog_price, null);
    const unitPrice = input.unitPrice ?? row.catalog_price!;

    // Scanning the same plain article again adds to its last line instead of a new one.
    const last = store
      .lines(sale.id)
      .filter((l) => l.voided === 0)
      .at(-1);
    const mergeable =
      last &&
      row.article_id !== null &&
      last.article_id === row.article_id &&
      row.unit === 'UN' &&
      !labelPrice &&
      last.price_overridden === 0 &&
      input.unitPrice === undefined &&
      new Dec(last.discount_pct).isZero() &&
      (input.discountPct === undefined || new Dec(input.discountPct).isZero()) &&
      !last.note &&
      !input.note;
    // Priced inside the transaction: a line that cannot be priced (e.g. no VAT rate) is never stored.
    return db.tx(() => {
      if (mergeable) {
        db.run(
          db.k
            .updateTable('sale_line')
            .set({ quantity: new Dec(last.quantity).plus(quantity).toString() })
            .where('id', '=', last.id),
        );
      } else {
        db.run(
          db.k.insertInto('sale_line').values({
            sale_id: sale.id,
            ...row,
            barcode,
            quantity: new Dec(quantity).toString(),
            unit_price: unitPrice,
            price_overridden: overridden ? 1 : 0,
            discount_pct: input.discountPct ?? '0',
            note: input.note ?? null,
            approved_by: approvedBy,
            created_at: now(),
          }),
        );
      }
      ctx.audit('sales.add-line', op.id, {
        saleId: sale.id,
        articleId: row.article_id,
        quantity,
        unitPrice,
        discountPct: input.discountPct ?? '0',
        approvedBy,
      });
      return touch(sale);
    });
  }

  function scan(op: OperatorSummary, barcode: string, quantity?: string): SaleView {
    const hit = deps.catalog.byBarcode(barcode);
    if (hit.price !== null) {
      return addLine(op, { articleId: hit.article.id, quantity: '1', unitPrice: hit.price }, barcode, true);
    }
    const q = hit.quantity ?? quantity ?? '1';
    return addLine(op, { articleId: hit.article.id, quantity: q }, barcode);
  }

  function updateLine(op: OperatorSummary, lineId: number, c: LineChanges): SaleView {
    const sale = editable(op, false);
    const l = lineOf(sale, lineId);
    const { approvedBy, overridden } = approvals(op, c, l.catalog_price, l.unit_price);
    return db.tx(() => {
      db.run(
        db.k
          .updateTable('sale_line')
          .set({
            ...(c.quantity !== undefined ? { quantity: new Dec(c.quantity).toString() } : {}),
            ...(c.unitPrice !== undefined
              ? { unit_price: c.unitPrice, price_overridden: overridden ? 1 : 0 }
              : {}),
            ...(c.discountPct !== undefined ? { discount_pct: c.discountPct } : {}),
            ...(c.note !== undefined ? { note: c.note || null } : {}),
            ...(approvedBy !== null ? { approved_by: approvedBy } : {}),
          })
          .where('id', '=', l.id),
      );
      ctx.audit('sales.update-line', op.id, {
        saleId: sale.id,
        lineId,
        ...c,
        approval: undefined,
        approvedBy,
      });
      return touch(sale);
    });
  }

  function voidLine(op: OperatorSummary, lineId: number): SaleView {
    const sale = editable(op, false);
    const l = lineOf(sale, lineId);
    return db.tx(() => {
      db.run(db.k.updateTable('sale_line').set({ voided: 1 }).where('id', '=', l.id));
      ctx.audit('sales.void-line', op.id, {
        saleId: sale.id,
        lineId,
        description: l.description,
        quantity: l.quantity,
      });
      return touch(sale);
    });
  }

  function setDiscount(op: OperatorSummary, pct: string, approval?: ApprovalInput): SaleView {
    const sale = editable(op, false);
    const limit = config().discountLimitPct;
    const approvedBy = new Dec(pct).gt(limit)
      ? requireApproval(deps.auth, op, approval, 'sales.global-discount', `desconto acima de ${limit} %`)
      : null;
    store.update(sale.id, { global_discount_pct: new Dec(pct).toString() }, now());
    ctx.audit('sales.set-discount', op.id, { saleId: sale.id, pct, approvedBy });
    return views.build(store.get(sale.id)!);
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

  function resolveCustomer(input: CustomerInput): SaleCustomer {
    const country = (input.country ?? 'PT').toUpperCase();
    let nif = input.nif.replace(/\s+/g, '').replace(/^PT/i, '');
    const generic = nif === '' || nif === CONSUMIDOR_FINAL_NIF;
    if (!generic && country === 'PT') {
      const chk = checkNif(nif);
      if (!chk.ok) throw new PosError('VALIDATION', chk.message, { field: 'nif' });
      nif = chk.nif;
    }
    if (generic) nif = CONSUMIDOR_FINAL_NIF;
    type Row = {
      id: number;
      nif: string;
      name: string;
      address: string;
      postal_code: string;
      city: string;
      country: string;
    };
    let known: Row | undefined;
    if (input.id !== undefined) {
      known = db.get(db.k.selectFrom('customer').selectAll().where('id', '=', input.id)) as Row | undefined;
      if (!known) throw new PosError('NOT_FOUND', 'Cliente inexistente.');
    } else if (!generic) {
      known = db.get(
        db.k.selectFrom('customer').selectAll().where('nif', '=', nif).orderBy('id').limit(1),
      ) as Row | undefined;
    }
    const unknown = (v: string | undefined | null): string | null => (v && v !== 'Desconhecido' ? v : null);
    return {
      id: known?.id ?? null,
      nif: known && input.id !== undefined ? known.nif : nif,
      name: input.name ?? known?.name ?? (generic ? CONSUMIDOR_FINAL_NAME : 'Desconhecido'),
      address: input.address ?? unknown(known?.address),
      postalCode: input.postalCode ?? unknown(known?.postal_code),
      city: input.city ?? unknown(known?.city),
      country: known && !input.country ? known.country : country,
      isBusiness: input.isBusiness ?? (!generic && nifLooksLikeBusiness(nif)),
    };
  }

  function findCustomers(query: string, limit: number) {
    const q = query.trim();
    const digits = q.replace(/\s+/g, '');
    let sel = db.k.selectFrom('customer').selectAll().where('nif', '!=', CONSUMIDOR_FINAL_NIF);
    if (/^\d+$/.test(digits)) sel = sel.where('nif', 'like', `${digits}%`);
    else
      sel = sel.where((eb) =>
        eb(eb.fn('lower', ['name']), 'like', `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`),
      );
    return db.all(sel.orderBy('name').limit(limit)).map((r) => ({
      id: r.id,
      nif: r.nif,
      name: r.name,
      address: r.address,
      postalCode: r.postal_code,
      city: r.city,
      country: r.country,
    }));
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
    addLine: (op: OperatorSummary, input: AddLineInput) => addLine(op, input),
    scan,
    updateLine,
    setQuantity: (op: OperatorSummary, lineId: number, quantity: string) =>
      updateLine(op, lineId, { quantity }),
    voidLine,
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
