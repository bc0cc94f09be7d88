import type { z } from 'zod';
import type { DocumentDraft, DraftLine, InfoEntry } from '../../../shared/api/fiscal';
import {
  DUE_DATE_NAME,
  InvoiceDraft,
  NOTES_NAME,
  ORDER_REFERENCE_NAME,
  PAYMENT_TERMS_NAME,
  type CreditNoteDraft,
  type DebitNoteDraft,
  type InvoiceLine,
  type DocumentHit,
  type DocumentSearch,
  type OpenInvoice,
} from '../../../shared/api/invoicing';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { PaymentMethod } from '../../../shared/fiscal/payments';
import { Dec, fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { FiscalService } from '../fiscal/service';
import { zodMessage } from '../rpc/zod-message';
import { localDate } from '../util/clock';
import type { CustomerHitLite, CustomerPort } from './customer-port';
import { createDocumentSearch } from './search';

/** A form line → the fiscal draft line (catalogue defaults stay with the fiscal core). */
function draftLineOf(l: z.output<typeof InvoiceLine>): DraftLine {
  return {
    ...(l.articleId !== undefined ? { articleId: l.articleId } : {}),
    ...(l.description ? { description: l.description } : {}),
    quantity: l.quantity,
    ...(l.unitPrice !== undefined ? { unitPrice: l.unitPrice } : {}),
    discountPct: l.discountPct,
    ...(l.taxCode ? { taxCode: l.taxCode } : {}),
    ...(l.exemptionCode ? { exemptionCode: l.exemptionCode } : {}),
  };
}

/** An FT line; one invoicing a GT/GR line has it as origin line (fiscal/guide-invoicing.ts checks the link). */
const invoiceLineOf = (l: z.output<typeof InvoiceLine>): DraftLine => ({
  ...draftLineOf(l),
  ...(l.guideLineId !== undefined ? { originLineId: l.guideLineId } : {}),
});

export interface InvoicingDeps {
  fiscal: FiscalService;
  customers: CustomerPort;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const PT_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ptDate = (iso: string): string => iso.replace(ISO, '$3/$2/$1');

/**
 * Back-office invoicing (issue 12 item 4): an FT for an identified customer with due date, payment terms, the
 * order number and notes, its payment later as an RG (total or partial, several FT in one RG). Everything goes
 * through the fiscal service the till uses (same numbering, signature, seal, outbox hooks, rules and pt-PT
 * errors); this layer only turns the form into a draft and re-checks what the fiscal core cannot know (the due
 * date). NC/ND and cancellation are the fiscal channels themselves (fiscal/issue-document, fiscal/cancel-document).
 */
export function createInvoicingService(ctx: CoreContext, deps: InvoicingDeps) {
  const { db } = ctx;
  const docs = createDocumentSearch(db);

  function dueDateOf(documentId: number): string | null {
    const r = db.get(
      db.k
        .selectFrom('fiscal_info')
        .select('value')
        .where('document_id', '=', documentId)
        .where('name', '=', DUE_DATE_NAME),
    );
    const m = r ? PT_DATE.exec(r.value) : null;
    return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
  }

  function issueInvoice(raw: unknown, operatorId: number): { id: number; docNo: string } {
    // The dispatcher has validated already; a direct caller (tests, CLI) gets the same pt-PT refusal here.
    const parsed = InvoiceDraft.safeParse(raw);
    if (!parsed.success) throw new PosError('VALIDATION', zodMessage(parsed.error));
    const d = parsed.data;
    const today = localDate(ctx.clock.now());
    if (d.dueDate < today) {
      throw new PosError(
        'VALIDATION',
        `A data de vencimento (${ptDate(d.dueDate)}) não pode ser anterior à data da fatura (${ptDate(today)}).`,
        { field: 'dueDate' },
      );
    }
    const c = deps.customers.resolve(d.customer);
    const info: InfoEntry[] = [{ name: DUE_DATE_NAME, value: ptDate(d.dueDate) }];
    if (d.paymentTerms) info.push({ name: PAYMENT_TERMS_NAME, value: d.paymentTerms });
    if (d.orderReference) info.push({ name: ORDER_REFERENCE_NAME, value: d.orderReference });
    if (d.notes) info.push({ name: NOTES_NAME, value: d.notes });
    const draft: DocumentDraft = {
      type: 'FT',
      customer: {
        ...(c.id !== null ? { id: c.id } : {}),
        nif: c.nif,
        name: d.customer.name,
        ...(c.address ? { address: c.address } : {}),
        ...(c.postalCode ? { postalCode: c.postalCode } : {}),
        ...(c.city ? { city: c.city } : {}),
        country: c.country,
        isBusiness: c.isBusiness,
      },
      lines: d.lines.map(invoiceLineOf),
      globalDiscountPct: d.globalDiscountPct,
      additionalInfo: info,
      confirmClockBehind: d.confirmClockBehind,
    };
    const doc = deps.fiscal.issue(draft, operatorId);
    ctx.audit('invoicing.invoice', operatorId, { id: doc.id, docNo: doc.docNo, dueDate: d.dueDate });
    return { id: doc.id, docNo: doc.docNo };
  }

  /** One RG for one or more FT/ND of the same customer (the fiscal core checks amounts, states, customer). */
  function registerPayment(
    input: {
      settlements: ReadonlyArray<{ documentId: number; amount: string }>;
      method: PaymentMethod;
      confirmClockBehind: boolean;
    },
    operatorId: number,
  ): { id: number; docNo: string } {
    const total = input.settlements.reduce((a, s) => a.plus(s.amount), new Dec(0));
    const rg = deps.fiscal.issueReceipt(
      {
        settlements: input.settlements.map((s) => ({ documentId: s.documentId, amount: fixed(s.amount, 2) })),
        payments: [{ method: input.method, amount: fixed(total, 2) }],
        confirmClockBehind: input.confirmClockBehind,
      },
      operatorId,
    );
    return { id: rg.id, docNo: rg.docNo };
  }

  /** NC: lines by their number on the origin (the screen shows numbers; the fiscal core wants line ids). */
  function creditNote(
    d: z.output<typeof CreditNoteDraft>,
    operatorId: number,
  ): { id: number; docNo: string } {
    const ids = new Map(
      db
        .all(db.k.selectFrom('fiscal_line').select(['id', 'line_no']).where('document_id', '=', d.documentId))
        .map((r) => [r.line_no, r.id]),
    );
    if (ids.size === 0) throw new PosError('NOT_FOUND', `Documento ${d.documentId} não encontrado.`);
    const lines = d.lines.map((l) => {
      const id = ids.get(l.lineNo);
      if (id === undefined)
        throw new PosError('VALIDATION', `O documento não tem a linha ${l.lineNo}.`, { field: 'lines' });
      return { originLineId: id, quantity: l.quantity };
    });
    const nc = deps.fiscal.issue(
      {
        type: 'NC',
        origin: { documentId: d.documentId, reason: d.reason },
        lines,
        confirmClockBehind: d.confirmClockBehind,
      },
      operatorId,
    );
    return { id: nc.id, docNo: nc.docNo };
  }

  function debitNote(d: z.output<typeof DebitNoteDraft>, operatorId: number): { id: number; docNo: string } {
    const nd = deps.fiscal.issue(
      {
        type: 'ND',
        origin: { documentId: d.documentId, reason: d.reason },
        lines: d.lines.map((l) => {
          if (l.guideLineId !== undefined)
            throw new PosError('VALIDATION', t('guideInvoice.onlyFt', { line: d.lines.indexOf(l) + 1 }));
          return draftLineOf(l);
        }),
        confirmClockBehind: d.confirmClockBehind,
      },
      operatorId,
    );
    return { id: nd.id, docNo: nd.docNo };
  }

  return {
    creditNote,
    debitNote,
    findCustomers: (query: string, limit: number): CustomerHitLite[] => deps.customers.find(query, limit),
    issueInvoice,
    registerPayment,
    openInvoices: (customerId: number): OpenInvoice[] => docs.openInvoices(customerId, dueDateOf),
    search: (q: z.output<typeof DocumentSearch>): DocumentHit[] => docs.search(q),
    dueDateOf,
  };
}
export type InvoicingService = ReturnType<typeof createInvoicingService>;
