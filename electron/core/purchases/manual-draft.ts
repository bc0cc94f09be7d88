import type { Insertable } from 'kysely';
import type { PurchaseEditField } from '../../../shared/api/purchases';
import type { ParsedManualPurchase, ParsedManualPurchaseUpdate } from '../../../shared/api/purchases-stock';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { PurchaseLineTable } from '../db/schema';
import type { SupplierStore } from '../parties/suppliers';
import type { PurchaseStockStore } from './stock-store';
import type { PurchaseLineRow, PurchaseStore, PurchaseWithSupplier } from './store';
import { checkManualPurchase } from './manual-check';
import { dateLabel } from './views';

export interface ManualDraftDeps {
  readonly ctx: CoreContext;
  readonly store: PurchaseStore;
  readonly stockStore: PurchaseStockStore;
  readonly suppliers: SupplierStore;
  readonly newId: () => string;
  readonly mustGet: (id: string) => PurchaseWithSupplier;
}

/** Audit action of a correction (read back by `edit-history.ts`). */
export const MANUAL_EDITED = 'purchases.manual-edited';

/** A line as the audit keeps it: enough to see (and rebuild) what was typed. */
const auditLine = (l: PurchaseLineRow) => ({
  articleId: l.article_id,
  quantity: l.quantity,
  unitCost: l.unit_price,
  discountPct: l.discount_pct,
  vatRate: l.vat_rate,
});

const sameDec = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : new Dec(a).eq(b);

/** Lines compared by position: changed where the article or a typed figure differs; the rest added or removed. */
function lineChanges(before: readonly PurchaseLineRow[], after: readonly Insertable<PurchaseLineTable>[]) {
  const common = Math.min(before.length, after.length);
  let changed = 0;
  for (let i = 0; i < common; i++) {
    const a = before[i];
    const b = after[i];
    const same =
      a.article_id === b.article_id &&
      sameDec(a.quantity, b.quantity) &&
      sameDec(a.unit_price, b.unit_price) &&
      sameDec(a.discount_pct, b.discount_pct ?? null) &&
      sameDec(a.vat_rate, b.vat_rate ?? null);
    if (!same) changed++;
  }
  return {
    added: Math.max(0, after.length - before.length),
    removed: Math.max(0, before.length - after.length),
    changed,
  };
}

/**
 * Issue 13: purchases typed by hand while they are drafts (not in stock yet) — registered, corrected, discarded.
 * A correction is the whole draft again and passes every check of the creation (supplier, the same number not
 * twice, the articles, the exact totals against the paper), so a corrected purchase is one that could have been
 * registered that way. iLink purchases are the supplier's electronic document and confirmed ones are in stock:
 * the core refuses both, whatever screen or script calls. Each write is one `db.tx`, audited with what changed.
 */
export function createManualDrafts(deps: ManualDraftDeps) {
  const { ctx, store, stockStore, suppliers, newId, mustGet } = deps;
  const { db, clock } = ctx;

  function create(input: ParsedManualPurchase, operatorId: number | null): string {
    return db.tx(() => {
      const c = checkManualPurchase({ db, stockStore, suppliers }, input, null);
      const id = newId();
      const now = clock.now().toISOString();
      store.insert(
        {
          ...c.header,
          id,
          doc_kind: 'invoice',
          currency: 'EUR',
          allowance_total: '0.00',
          charge_total: '0.00',
          prepaid_total: '0.00',
          rounding_total: '0.00',
          source: 'manual',
          ilink_id: null,
          received_at: now,
          state: 'registado',
          state_reason: null,
          decided_at: null,
          decided_by: null,
          xml: null,
          created_at: now,
        },
        c.lines(id),
        c.taxes(id),
      );
      ctx.audit('purchases.manual-registered', operatorId, {
        purchaseId: id,
        supplierId: c.supplier.id,
        number: c.number,
        gross: c.totals.gross,
      });
      return id;
    });
  }

  /** Refuses what is not a manual draft any more (or never was): the screen's rule, kept by the core. */
  function mustBeDraft(p: PurchaseWithSupplier, action: 'edit' | 'discard'): void {
    if (p.source !== 'manual') {
      throw new PosError(
        'CONFLICT',
        t(action === 'edit' ? 'purchases.edit.imported' : 'purchases.discard.imported'),
      );
    }
    if (p.confirmed_at) {
      const w = p.warehouse_id !== null ? stockStore.warehouse(p.warehouse_id) : undefined;
      throw new PosError(
        'CONFLICT',
        t(action === 'edit' ? 'purchases.edit.confirmed' : 'purchases.discard.confirmed', {
          warehouse: w?.code ?? '?',
          when: dateLabel(p.confirmed_at),
        }),
      );
    }
    if (action === 'edit' && p.state === 'recusado') {
      throw new PosError('CONFLICT', t('purchases.edit.rejected'));
    }
  }

  /** The draft corrected: header, lines and totals replaced as one, if anything differs (audited: who, what). */
  function update(input: ParsedManualPurchaseUpdate, operatorId: number | null): void {
    db.tx(() => {
      const p = mustGet(input.id);
      mustBeDraft(p, 'edit');
      const c = checkManualPurchase({ db, stockStore, suppliers }, input, p);
      const before = store.lines(p.id);
      const after = c.lines(p.id);
      const compared: Array<[PurchaseEditField, unknown, unknown]> = [
        ['supplier', p.supplier_id, c.header.supplier_id],
        ['typeCode', p.type_code, c.header.type_code],
        ['number', p.number, c.header.number],
        ['issueDate', p.issue_date, c.header.issue_date],
        ['dueDate', p.due_date, c.header.due_date],
        ['warehouse', p.warehouse_id, c.header.warehouse_id],
      ];
      const fields = compared.filter(([, a, b]) => a !== b).map(([f]) => f);
      const lines = lineChanges(before, after);
      if (lines.added || lines.removed || lines.changed) fields.push('lines');
      if (!fields.length) return;
      if (!store.replaceDraft(p.id, c.header, after, c.taxes(p.id))) {
        // Confirmed (or discarded) by another process since we read it: its rule, not ours, decides.
        mustBeDraft(mustGet(p.id), 'edit');
        throw new PosError('CONFLICT', t('purchases.notFound'));
      }
      ctx.audit(MANUAL_EDITED, operatorId, {
        purchaseId: p.id,
        number: c.number,
        fields,
        lines,
        grossBefore: p.gross_total,
        grossAfter: c.totals.gross,
        before: {
          supplierId: p.supplier_id,
          typeCode: p.type_code,
          number: p.number,
          issueDate: p.issue_date,
          dueDate: p.due_date,
          warehouseId: p.warehouse_id,
          lines: before.map(auditLine),
        },
      });
    });
  }

  /** Throws a manual draft away (lines and VAT with it); the audit keeps what it was. */
  function discard(id: string, operatorId: number | null): { id: string; number: string } {
    return db.tx(() => {
      const p = mustGet(id);
      mustBeDraft(p, 'discard');
      const lines = store.lines(id);
      if (!store.removeDraft(id)) {
        mustBeDraft(mustGet(id), 'discard');
        throw new PosError('CONFLICT', t('purchases.notFound'));
      }
      ctx.audit('purchases.manual-discarded', operatorId, {
        purchaseId: id,
        supplierId: p.supplier_id,
        supplier: p.s_name,
        typeCode: p.type_code,
        number: p.number,
        issueDate: p.issue_date,
        state: p.state,
        gross: p.gross_total,
        lines: lines.map(auditLine),
      });
      return { id, number: p.number };
    });
  }

  return { create, update, discard };
}
export type ManualDrafts = ReturnType<typeof createManualDrafts>;
