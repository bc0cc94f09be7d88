import type { OperatorSummary } from '../../../shared/api/auth';
import type { SaleView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec, plain } from '../../../shared/money';
import type { CoreContext } from '../context';
import { requireApproval, type ApprovalInput } from './approvals';
import type { SalesConfig } from './config';
import type { SalesDeps } from './ports';
import type { SaleRow, SaleStore } from './store';

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

interface LinesDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  config: () => SalesConfig;
  /** The sale being edited (created on the first line when `create`). */
  editable(op: OperatorSummary, create: boolean): SaleRow;
  /** Bumps the sale and answers with its whole view; refuses a cart that could not be issued unless `check` is false. */
  touch(sale: SaleRow, check?: boolean): SaleView;
}

/**
 * A price differs from the catalogue's by more than `limitPct` % of it (Gestão › Operadores › Limites; 0: any
 * change). A catalogue price of 0,00 makes every change count as above the limit.
 */
export function priceChangeAbove(catalogPrice: string, price: string, limitPct: string): boolean {
  const base = new Dec(catalogPrice);
  const diff = new Dec(price).minus(base).abs();
  if (diff.isZero()) return false;
  if (base.isZero()) return true;
  return diff.div(base).times(100).gt(limitPct);
}

/** Cart lines: add (article, barcode, free line), change, void; price overrides and big discounts need a manager. */
export function createCartLines({ ctx, deps, store, config, editable, touch }: LinesDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();

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
      if (
        (currentPrice === null || !new Dec(c.unitPrice).eq(currentPrice)) &&
        priceChangeAbove(catalogPrice, c.unitPrice, config().priceOverridePct)
      ) {
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

  /**
   * One transaction from the sale's creation (on its first line) to the line: the first scan of a sale is one
   * durable commit, not three (sale row, its audit row, then the line: pos.scan_after_sale), and a line that is
   * refused leaves no empty sale behind.
   */
  function addLine(
    op: OperatorSummary,
    input: AddLineInput,
    barcode: string | null = null,
    labelPrice = false,
  ): SaleView {
    return db.tx(() => addLineTx(op, input, barcode, labelPrice));
  }

  function addLineTx(
    op: OperatorSummary,
    input: AddLineInput,
    barcode: string | null,
    labelPrice: boolean,
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
            .set({ quantity: plain(new Dec(last.quantity).plus(quantity)) })
            .where('id', '=', last.id),
        );
      } else {
        db.run(
          db.k.insertInto('sale_line').values({
            sale_id: sale.id,
            ...row,
            barcode,
            quantity: plain(quantity),
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
            ...(c.quantity !== undefined ? { quantity: plain(c.quantity) } : {}),
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
      return touch(sale, false);
    });
  }

  return { addLine, scan, updateLine, voidLine };
}
