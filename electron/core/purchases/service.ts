import { z } from 'zod';
import { Dec } from '../../../shared/money';
import type { PurchaseDetail, PurchaseListInput, PurchaseSummary } from '../../../shared/api/purchases';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import type {
  PurchaseImportOutcome,
  PurchaseImporter,
  ReceivedDocumentMeta,
} from '../integrations/ilink/purchase-port';
import { ulidFactory } from '../jobs/ids';
import { readSetting } from '../system/settings';
import { createSupplierStore } from '../parties/suppliers';
import { enqueuePurchaseDecision, type DecisionHandle } from './decision-outbox';
import { registerPurchase } from './register';
import { parseUbl } from './parse-ubl';
import { createPurchaseStore, type PurchaseWithSupplier } from './store';
import { listPurchases, purchaseSummary } from './views';
import { DEFAULT_XML_LIMITS, type XmlLimits } from './xml-safe';
import type { ParsedArticleInput } from '../../../shared/api/catalog-admin';
import type { ParsedManualPurchase, ParsedManualPurchaseUpdate } from '../../../shared/api/purchases-stock';
import type { CatalogAdmin } from '../catalog/admin';
import type { StockService } from '../stock/service';
import { matchLine } from './matching';
import { createPurchaseStock } from './purchase-stock';
import { stockUnitCost } from '../../../shared/purchase-totals';
import { createPurchaseStockStore } from './stock-store';
import { createManualDrafts } from './manual-draft';
import { purchaseEdits } from './edit-history';

export interface PurchasesOptions {
  readonly limits?: XmlLimits;
  /** Issue 13 item 4: the stock ledger purchases are confirmed into, and the catalogue lines create articles in. */
  readonly stock?: StockService;
  readonly catalogAdmin?: CatalogAdmin;
}

/** Setting (bytes): the largest purchase XML accepted; default DEFAULT_XML_LIMITS.maxBytes (10 MB). */
export const XML_MAX_BYTES_SETTING = 'purchases.xml-max-bytes';
/**
 * ASSUMPTION: whatever the setting says, never more than 32 MB, so a 50 MB document is always refused before it
 * is read (the issue's hostile case), and never less than 64 KB (a misconfiguration would refuse every invoice).
 */
export const XML_MAX_BYTES_CEILING = 32 * 1024 * 1024;
const MaxBytes = z
  .number()
  .int()
  .min(64 * 1024)
  .max(XML_MAX_BYTES_CEILING);

function configuredLimits(ctx: CoreContext): XmlLimits {
  let maxBytes: number | undefined;
  try {
    maxBytes = readSetting(ctx.db, XML_MAX_BYTES_SETTING, MaxBytes);
  } catch {
    ctx.log.warn('invalid purchases XML size setting ignored', { key: XML_MAX_BYTES_SETTING });
  }
  return { ...DEFAULT_XML_LIMITS, ...(maxBytes ? { maxBytes } : {}) };
}

const Meta = z.object({
  ilinkId: z.string().trim().min(1).max(100),
  receivedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/),
});

/**
 * Purchase documents: registration from a supplier's UBL XML (the PurchaseImporter the iLink sync round calls),
 * the import history, and the manager's accept/reject (written with its outbox job in one transaction).
 * Purchases have their own tables; nothing here touches the fiscal documents or their signature chain.
 */
export function createPurchasesService(ctx: CoreContext, opts: PurchasesOptions = {}) {
  const { db, clock, log } = ctx;
  const store = createPurchaseStore(db);
  const suppliers = createSupplierStore(db);
  const ulid = ulidFactory();
  const limits = opts.limits ?? configuredLimits(ctx);
  let decisions: DecisionHandle | null = null;
  const newId = (): string => `${ctx.terminalId}-${ulid(clock.now().getTime())}`;

  const companyNif = (): string | undefined =>
    db.get(db.k.selectFrom('company').select('nif').where('id', '=', 1))?.nif;

  const summary = (p: PurchaseWithSupplier): PurchaseSummary => purchaseSummary(db, p);
  const stockStore = createPurchaseStockStore(db);

  const mustGet = (id: string): PurchaseWithSupplier => {
    const p = store.get(id);
    if (!p) throw new PosError('NOT_FOUND', t('purchases.notFound'), { id });
    return p;
  };

  function importUbl(xml: Buffer | string, meta: ReceivedDocumentMeta): PurchaseImportOutcome {
    try {
      const m = Meta.safeParse(meta);
      if (!m.success)
        return { ok: false, reason: t('purchases.importFailed', { why: m.error.issues[0].message }) };
      const known = store.byIlinkId(m.data.ilinkId);
      if (known) {
        return {
          ok: true,
          purchaseId: known.id,
          supplierId: known.supplier_id,
          supplierCreated: false,
          duplicate: true,
        };
      }
      const nif = companyNif();
      if (!nif) return { ok: false, reason: t('purchases.importFailed', { why: 'empresa não configurada' }) };
      const parsed = parseUbl(xml, { companyNif: nif, limits });
      if (!parsed.ok) {
        log.warn('purchase import refused', { ilinkId: m.data.ilinkId, reason: parsed.reason });
        return parsed;
      }
      return db.tx(() => {
        // Checked again inside the transaction: another process (the CLI's sync round) may have just won.
        const again = store.byIlinkId(m.data.ilinkId);
        if (again) {
          return {
            ok: true,
            purchaseId: again.id,
            supplierId: again.supplier_id,
            supplierCreated: false,
            duplicate: true,
          };
        }
        const r = registerPurchase(
          { store, suppliers, newId, now: clock.now().toISOString() },
          parsed.purchase,
          {
            ilinkId: m.data.ilinkId,
            receivedAt: m.data.receivedAt,
          },
        );
        ctx.audit('purchases.imported', null, {
          purchaseId: r.purchaseId,
          ilinkId: m.data.ilinkId,
          number: parsed.purchase.doc.number,
          supplier: `${parsed.purchase.supplier.vatCountry}${parsed.purchase.supplier.vatId}`,
        });
        return { ok: true as const, ...r, duplicate: false };
      });
    } catch (e) {
      // Another process (the CLI's sync round) committed the same iLink id between our check and our insert:
      // the unique index refused ours, and the document is registered — a duplicate, not a failure.
      const won = typeof meta?.ilinkId === 'string' ? store.byIlinkId(meta.ilinkId.trim()) : undefined;
      if (won) {
        return {
          ok: true,
          purchaseId: won.id,
          supplierId: won.supplier_id,
          supplierCreated: false,
          duplicate: true,
        };
      }
      // Bad input never gets here (parseUbl returns reasons); this is the database or a bug: still no throw,
      // so the sync round acknowledges the import as failed and goes on.
      log.error('purchase import failed', { ilinkId: meta.ilinkId, error: String(e) });
      return {
        ok: false,
        reason: t('purchases.importFailed', { why: e instanceof Error ? e.message : String(e) }),
      };
    }
  }

  function decide(
    id: string,
    decision: 'accept' | 'reject',
    reason: string | null,
    operatorId: number | null,
  ) {
    if (decision === 'reject' && !reason?.trim())
      throw new PosError('VALIDATION', t('purchases.reasonRequired'));
    return db.tx(() => {
      const p = mustGet(id);
      if (p.state === 'aceite')
        throw new PosError(
          'CONFLICT',
          t(decision === 'accept' ? 'purchases.alreadyAccepted' : 'purchases.acceptedCannotReject'),
        );
      if (p.state === 'recusado')
        throw new PosError(
          'CONFLICT',
          t(decision === 'reject' ? 'purchases.alreadyRejected' : 'purchases.rejectedCannotAccept'),
        );
      if (p.ilink_id && !decisions) throw new PosError('CONFLICT', t('purchases.noIlink'));
      const at = clock.now();
      const changed = store.decide(
        id,
        {
          state: decision === 'accept' ? 'aceite' : 'recusado',
          state_reason: decision === 'reject' ? reason!.trim() : null,
          decided_at: at.toISOString(),
          decided_by: operatorId,
        },
        'registado',
      );
      if (!changed) throw new PosError('CONFLICT', t('purchases.notFound'));
      if (p.ilink_id && decisions) {
        enqueuePurchaseDecision(decisions, db, at, {
          purchaseId: id,
          ilinkId: p.ilink_id,
          decision,
          ...(decision === 'reject' ? { reason: reason!.trim() } : {}),
        });
      }
      return summary(mustGet(id));
    });
  }

  const importer: PurchaseImporter = { importUbl };
  const withStock = createPurchaseStock({
    ctx,
    store,
    stockStore,
    newId,
    mustGet,
    accept: (id, operatorId) => void decide(id, 'accept', null, operatorId),
    stock: () => opts.stock ?? null,
    catalogAdmin: () => opts.catalogAdmin ?? null,
  });

  const drafts = createManualDrafts({ ctx, store, stockStore, suppliers, newId, mustGet });

  function get(id: string): PurchaseDetail {
    const p = mustGet(id);
    const s = suppliers.get(p.supplier_id)!;
    const returned = withStock.returnedByLine(id);
    const returnLines = stockStore.returnLines(id);
    return {
      ...summary(p),
      dueDate: p.due_date,
      customizationId: p.customization_id,
      orderReference: p.order_reference,
      billingReference: p.billing_reference,
      decidedAt: p.decided_at,
      totals: {
        lines: p.line_total,
        allowances: p.allowance_total,
        charges: p.charge_total,
        net: p.net_total,
        vat: p.vat_total,
        gross: p.gross_total,
        prepaid: p.prepaid_total,
        rounding: p.rounding_total,
        payable: p.payable_total,
      },
      supplierDetail: {
        vatCountry: s.vat_country,
        vatId: s.vat_id,
        name: s.name,
        address: s.address,
        postalCode: s.postal_code,
        city: s.city,
        country: s.country,
        email: s.email,
      },
      lines: store.lines(id).map((l) => {
        const m = matchLine(stockStore, p.supplier_id, l);
        return {
          lineNo: l.line_no,
          ref: l.line_ref,
          name: l.name,
          description: l.description,
          sellerItemId: l.seller_item_id,
          buyerItemId: l.buyer_item_id,
          standardItemId: l.standard_item_id,
          quantity: l.quantity,
          unitCode: l.unit_code,
          unitPrice: l.unit_price,
          discount: l.discount_amount,
          charge: l.charge_amount,
          vatCategory: l.vat_category,
          vatRate: l.vat_rate,
          exemptionCode: l.exemption_code,
          exemptionReason: l.exemption_reason,
          lineNet: l.line_net,
          article: m?.article ?? null,
          matchBy: m?.by ?? null,
          discountPct: l.discount_pct,
          unitCost: stockUnitCost(l.line_net, l.quantity),
          returned: (returned.get(l.line_no) ?? new Dec(0)).toFixed(),
        };
      }),
      taxes: store.taxes(id).map((x) => ({
        scheme: x.tax_scheme,
        category: x.category,
        rate: x.rate,
        exemptionCode: x.exemption_code,
        exemptionReason: x.exemption_reason,
        taxable: x.taxable_amount,
        tax: x.tax_amount,
      })),
      xml: p.xml,
      returns: stockStore.returns(id).map((r) => ({
        id: r.id,
        at: r.created_at,
        reason: r.reason,
        lines: returnLines
          .filter((x) => x.return_id === r.id)
          .sort((a, b) => a.line_no - b.line_no)
          .map((x) => ({ lineNo: x.line_no, quantity: x.quantity })),
      })),
      edits: p.source === 'manual' ? purchaseEdits(db, id) : [],
    };
  }

  return {
    importer,
    importUbl,
    /** The iLink wire hands over the handle of PURCHASE_DECISION_KIND it registered (see decision-outbox.ts). */
    bindDecisionOutbox(handle: DecisionHandle): void {
      decisions = handle;
    },
    hasDecisionOutbox: (): boolean => decisions !== null,
    list: (input: PurchaseListInput): PurchaseSummary[] => listPurchases(db, input),
    get,
    accept: (id: string, operatorId: number | null): PurchaseSummary =>
      decide(id, 'accept', null, operatorId),
    reject: (id: string, reason: string, operatorId: number | null): PurchaseSummary =>
      decide(id, 'reject', reason, operatorId),
    /** Issue 13 item 4: a supplier invoice typed by hand (a draft until confirmed). */
    createManual: (input: ParsedManualPurchase, operatorId: number | null): PurchaseDetail =>
      get(drafts.create(input, operatorId)),
    /** A manual draft corrected before it enters stock (refused for iLink, confirmed or rejected purchases). */
    updateManual(input: ParsedManualPurchaseUpdate, operatorId: number | null): PurchaseDetail {
      drafts.update(input, operatorId);
      return get(input.id);
    },
    /** A manual draft thrown away (refused once it is in stock, and for iLink purchases). */
    discardManual: (id: string, operatorId: number | null): { id: string; number: string } =>
      drafts.discard(id, operatorId),
    matchLine(id: string, lineNo: number, articleId: number, operatorId: number | null): PurchaseDetail {
      withStock.resolveLine(id, lineNo, articleId, 'operator', operatorId);
      return get(id);
    },
    createArticle(
      id: string,
      lineNo: number,
      article: ParsedArticleInput,
      operatorId: number | null,
    ): PurchaseDetail {
      withStock.createArticle(id, lineNo, article, operatorId);
      return get(id);
    },
    /** Into stock, once: the movements commit with the confirmation (and, from iLink, the accept). */
    confirm(id: string, warehouseId: number, operatorId: number | null): PurchaseSummary {
      withStock.confirm(id, warehouseId, operatorId);
      return summary(mustGet(id));
    },
    returnGoods(
      id: string,
      reason: string,
      lines: ReadonlyArray<{ lineNo: number; quantity: string }>,
      operatorId: number | null,
    ): PurchaseDetail {
      withStock.returnGoods(id, reason, lines, operatorId);
      return get(id);
    },
    /** Row counts (tests assert that a refused import changed nothing). */
    counts: () => store.counts(),
  };
}
export type PurchasesService = ReturnType<typeof createPurchasesService>;
