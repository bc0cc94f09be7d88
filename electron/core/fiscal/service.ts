import { PosError } from '../../../shared/errors';
import { Dec, documentTotalProblem, fixed, formatEuro } from '../../../shared/money';
import {
  DocumentDraft,
  ReceiptDraft,
  type DocumentSummary,
  type FiscalDocumentView,
  type ParsedDocumentDraft,
  type SeriesView,
} from '../../../shared/api/fiscal';
import { buildAtcud } from '../../../shared/fiscal/atcud';
import { taxGroupKey } from '../../../shared/fiscal/amounts';
import { isPaidAtIssue, type DocType } from '../../../shared/fiscal/doc-types';
import { DEFAULT_MECHANISMS, type MechanismMap } from '../../../shared/fiscal/payments';
import { fsDecision } from '../../../shared/fiscal/rules';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { CoreContext } from '../context';
import { localDate, localDateTime } from '../util/clock';
import type { CustomerSnapshot, FiscalCustomerPort } from '../parties/customers/port';
import { createKeyStore, type KeyStore } from './keys';
import { amountsOf, createLineResolver, type PreparedLine } from './lines';
import { createReadModel } from './read-model';
import { createFileSecretBox, type SecretBox } from './secret-box';
import { createSeriesManager, type SeriesManager } from './series';
import { signMessage } from './signer';
import { zodMessage } from '../rpc/zod-message';
import type { z } from 'zod';
import { createDocumentStore, type TaxRecord, type WrittenDocument } from './store';
import { createSealer } from './seal';
import { createGuideInvoicing } from './guide-invoicing';
import { t } from '../../../shared/i18n';
import type { DocumentHookEmitter } from '../sync/document-hooks';
import {
  guideCancelProblem,
  guideTransport,
  ownGoodsCustomer,
  valuelessLines,
  type CompanyAddress,
} from './guide-rules';

export interface FiscalDeps {
  /** Seals the private signing key at rest; default: AES-256-GCM key file in the data dir (plain-Node fallback). */
  secretBox?: SecretBox;
  /** SAF-T PaymentMechanism per payment method (MB WAY mapping is [verify]). */
  mechanisms?: Partial<MechanismMap>;
  /** Non-taxable buyers above this gross must be identified (name, address) on FT/FR/ND: CIVA 36.º n.º 5 [verify]. */
  identifyBuyerAbove?: string;
  /** Issue 10: listeners (partner outboxes) run inside the issuing/cancelling transaction (sync/document-hooks.ts). */
  hooks?: DocumentHookEmitter;
  /** The customers domain (electron/core/parties/customers): resolves each document's buyer in its transaction. */
  customers: FiscalCustomerPort;
}

export interface FiscalService {
  /** Issues, signs and commits one document in one transaction; returns the committed read model. */
  issue(draft: unknown, operatorId: number | null): FiscalDocumentView;
  /** Issues an RG receipt settling FT/ND documents (not signed; Despacho 1.1). */
  issueReceipt(draft: unknown, operatorId: number | null): FiscalDocumentView;
  /** Cancels (status A) with a reason, when the rules allow it; recorded as its own row. */
  cancel(documentId: number, reason: string, operatorId: number | null): FiscalDocumentView;
  /** Complete read model by id or document number ("FS T1F/12"). */
  get(idOrDocNo: number | string): FiscalDocumentView;
  list(q: {
    from?: string;
    to?: string;
    type?: DocType;
    limit?: number;
    beforeId?: number;
  }): DocumentSummary[];
  readonly series: SeriesManager;
  readonly keys: KeyStore;
}

const OPEN = `not exists (select 1 from fiscal_status s where s.document_id = d.id)`;

export function createFiscalService(ctx: CoreContext, deps: FiscalDeps): FiscalService {
  const { db, clock } = ctx;
  const training = ctx.mode === 'training';
  const mechanisms: MechanismMap = { ...DEFAULT_MECHANISMS, ...deps.mechanisms };
  const identifyAbove = deps.identifyBuyerAbove ?? '1000.00';
  const keys = createKeyStore({
    db,
    box: deps.secretBox ?? createFileSecretBox(ctx.dataDir),
    clock,
    terminalId: ctx.terminalId,
    mode: ctx.mode,
  });
  // Training terminals get their signing key pair at first start (RSA-1024), so `balcao key public` works at once.
  if (training) keys.active();
  const series = createSeriesManager(db, clock, ctx.terminalId, training);
  const customers = deps.customers;
  const resolver = createLineResolver(db);
  const guideInvoicing = createGuideInvoicing(db);
  const store = createDocumentStore(db);
  // Balcão's seal over every fiscal field (seal.ts): written in the same transaction as each document.
  const sealer = createSealer(ctx);
  const read = createReadModel(db);
  const s = db.sqlite;
  const selCompany = s.prepare('select retailer, tax_region from company where id = 1');
  const selLast = s.prepare(
    'select number, doc_date, system_entry_date, hash from fiscal_document where series_id = ? order by number desc limit 1',
  );
  const selDoc = s.prepare(
    `select d.*, (select status from fiscal_status where document_id = d.id) as status from fiscal_document d where d.id = ?`,
  );
  const selCreditedGross = s.prepare(
    `select d.gross_total from fiscal_document d where d.origin_document_id = ? and d.doc_type = 'NC' and ${OPEN}`,
  );
  const selActiveCorrections = s.prepare(
    `select d.doc_no from fiscal_document d where d.origin_document_id = ? and ${OPEN}`,
  );
  const selActiveReceipts = s.prepare(
    `select distinct d.doc_no from fiscal_line l join fiscal_document d on d.id = l.document_id
     where l.origin_document_id = ? and d.doc_type = 'RG' and ${OPEN}`,
  );
  const selGuideCompany = s.prepare(
    'select nif, name, address, postal_code, city, country from company where id = 1',
  );
  const selTransport = s.prepare('select transport from fiscal_document where id = ?');
  const insStatus = s.prepare(
    'insert into fiscal_status (document_id, status, at, operator_id, reason) values (?, ?, ?, ?, ?)',
  );

  type DocLite = {
    id: number;
    doc_type: string;
    doc_no: string;
    customer_id: number;
    customer_nif: string;
    customer_name: string;
    customer_address: string;
    customer_postal_code: string;
    customer_city: string;
    customer_country: string;
    gross_total: string;
    global_discount_pct: string;
    doc_date: string;
    status: 'A' | null;
  };
  const docLite = (id: number): DocLite => {
    const d = selDoc.get(id) as DocLite | undefined;
    if (!d) throw new PosError('NOT_FOUND', `Documento ${id} não encontrado.`);
    return d;
  };

  /** Number, date checks and chain state of the series, inside the transaction. */
  function nextInSeries(docType: DocType, confirmClockBehind: boolean) {
    const ser = series.activeFor(docType);
    const last = selLast.get(ser.id) as
      { number: number; doc_date: string; system_entry_date: string; hash: string } | undefined;
    const now = clock.now();
    const date = localDate(now);
    const systemEntryDate = localDateTime(now);
    if (last && date < last.doc_date) {
      // Numbering follows date order (Despacho 3.2.1, 3.4.2): an earlier date is never allowed in the series.
      throw new PosError(
        'FISCAL_RULE',
        `A data do sistema (${date}) é anterior à do último documento da série ${docType} ${ser.code} (${last.doc_date}). Acerte o relógio; não é possível emitir com data anterior.`,
      );
    }
    if (last && systemEntryDate < last.system_entry_date && !confirmClockBehind) {
      throw new PosError(
        'CONFIRMATION_REQUIRED',
        `O relógio (${systemEntryDate}) está atrás do último documento (${last.system_entry_date}). Confirme que a hora está certa para continuar.`,
        { lastSystemEntryDate: last.system_entry_date, now: systemEntryDate },
      );
    }
    const number = (last?.number ?? 0) + 1;
    const docNo = `${docType} ${ser.code}/${number}`;
    return {
      ser,
      number,
      docNo,
      atcud: buildAtcud(ser.validation_code!, docNo),
      date,
      systemEntryDate,
      previousHash: last?.hash ?? '',
    };
  }

  function paymentsOf(
    draftPayments: ReadonlyArray<{ method: keyof MechanismMap; amount: string }>,
    gross: string,
  ) {
    const pays = draftPayments
      .filter((p) => !new Dec(p.amount).isZero())
      .map((p) => ({
        method: p.method,
        mechanism: mechanisms[p.method],
        amount: fixed(p.amount, 2),
      }));
    const sum = pays.reduce((a, p) => a.plus(p.amount), new Dec(0));
    if (!sum.eq(gross)) {
      throw new PosError(
        'VALIDATION',
        `Os pagamentos (${formatEuro(sum)}) não somam o total do documento (${formatEuro(gross)}).`,
      );
    }
    return pays;
  }

  function checkBuyerRules(
    d: ParsedDocumentDraft,
    customer: CustomerSnapshot,
    gross: string,
    company: { retailer: 0 | 1 },
  ): void {
    if (d.type === 'FS') {
      const fs = fsDecision({
        grossTotal: gross,
        retailer: company.retailer === 1,
        buyerNif: customer.generic ? null : customer.nif,
        buyerIsBusiness: d.customer?.isBusiness,
      });
      if (!fs.allowed) throw new PosError('FISCAL_RULE', fs.explanation, { limit: fs.limit });
    }
    if (
      (d.type === 'FT' || d.type === 'FR' || d.type === 'ND') &&
      customer.generic &&
      customer.name === 'Consumidor final' &&
      new Dec(gross).gte(identifyAbove)
    ) {
      throw new PosError(
        'FISCAL_RULE',
        `Faturas de ${formatEuro(identifyAbove)} ou mais a particulares têm de identificar o adquirente (nome e morada). Indique o cliente.`,
      );
    }
  }

  function issueInTx(d: ParsedDocumentDraft, operatorId: number | null): WrittenDocument {
    const company = selCompany.get() as { retailer: 0 | 1; tax_region: string };
    let customer: CustomerSnapshot;
    let lines: PreparedLine[];
    let globalDiscount = d.globalDiscountPct;
    let origin: DocLite | null = null;
    const { type } = d;
    const pos = nextInSeries(type, d.confirmClockBehind);

    if (type === 'NC' || type === 'ND') {
      if (!d.origin)
        throw new PosError(
          'FISCAL_RULE',
          'Uma nota de crédito/débito tem de indicar o documento que corrige e o motivo.',
        );
      origin = docLite(d.origin.documentId);
      if (!['FT', 'FS', 'FR'].includes(origin.doc_type)) {
        throw new PosError(
          'FISCAL_RULE',
          `Notas de crédito/débito só corrigem faturas (FT, FS, FR); ${origin.doc_no} não é fatura.`,
        );
      }
      if (origin.status === 'A')
        throw new PosError(
          'FISCAL_RULE',
          `O documento ${origin.doc_no} está anulado: não pode ser corrigido.`,
        );
      customer = {
        id: origin.customer_id,
        nif: origin.customer_nif,
        name: origin.customer_name,
        address: origin.customer_address,
        postalCode: origin.customer_postal_code,
        city: origin.customer_city,
        country: origin.customer_country,
        generic: origin.customer_nif === '999999990',
      };
      if (type === 'NC') {
        globalDiscount = origin.global_discount_pct;
        lines = resolver.creditLines(d, origin.id);
      } else {
        lines = resolver.salesLines(d, pos.date, company.tax_region, origin.id);
      }
    } else if ((type === 'GT' || type === 'GR') && d.transport?.ownGoods) {
      if (d.origin)
        throw new PosError('VALIDATION', 'Só notas de crédito/débito indicam documento de origem.');
      // Own goods between warehouses: to the company itself, without prices (guide-rules.ts).
      customer = customers.forDocument(ownGoodsCustomer(d, selGuideCompany.get() as CompanyAddress));
      lines = valuelessLines(resolver.salesLines(d, pos.date, company.tax_region, null));
    } else {
      if (d.origin)
        throw new PosError('VALIDATION', 'Só notas de crédito/débito indicam documento de origem.');
      customer = customers.forDocument(d.customer);
      lines = resolver.salesLines(d, pos.date, company.tax_region, null);
      // An FT may invoice GT/GR delivered earlier: its lines name the guide lines (guide-invoicing.ts).
      if (type === 'FT') lines = guideInvoicing.bind(lines, customer, training);
    }

    const amounts = amountsOf(lines, globalDiscount);
    const gross = amounts.grossTotal;
    assertDocumentTotal(gross);
    if (type === 'NC' && origin) {
      const before = (selCreditedGross.all(origin.id) as { gross_total: string }[]).reduce(
        (a, r) => a.plus(r.gross_total),
        new Dec(0),
      );
      if (before.plus(gross).gt(origin.gross_total)) {
        throw new PosError(
          'FISCAL_RULE',
          `O valor a creditar (${formatEuro(gross)}) excede o que resta de ${origin.doc_no} (${formatEuro(new Dec(origin.gross_total).minus(before))}).`,
        );
      }
    }
    checkBuyerRules(d, customer, gross, company);

    let payments: Array<{ method: string; mechanism: string; amount: string }> = [];
    if (isPaidAtIssue(type)) {
      if (!d.payments.length)
        throw new PosError('VALIDATION', 'Indique como foi pago (numerário, cartão, MB WAY…).');
      payments = paymentsOf(d.payments, gross);
    } else if (d.payments.length) {
      throw new PosError(
        'VALIDATION',
        `Um documento ${type} não regista pagamentos (use fatura-recibo ou recibo).`,
      );
    }
    let cashTendered: string | null = null;
    if (d.cashTendered !== undefined) {
      const cash = payments.filter((p) => p.method === 'cash').reduce((a, p) => a.plus(p.amount), new Dec(0));
      if (new Dec(d.cashTendered).lt(cash))
        throw new PosError('VALIDATION', 'O valor entregue é inferior ao pagamento em numerário.');
      cashTendered = fixed(d.cashTendered, 2);
    }

    let transport: string | null = null;
    if (type === 'GT' || type === 'GR')
      transport = JSON.stringify(
        guideTransport(d, pos.systemEntryDate, selGuideCompany.get() as CompanyAddress, customer),
      );

    const key = keys.active();
    const hash = signMessage(
      key.privateKey,
      signatureMessage({
        date: pos.date,
        systemEntryDate: pos.systemEntryDate,
        docNo: pos.docNo,
        grossTotal: gross,
        previousHash: pos.previousHash,
      }),
    );
    const taxes: TaxRecord[] = amounts.groups.map((g) => {
      const l = lines[amountsIndex(lines, g.taxKey)];
      return {
        ...g,
        taxType: l.taxType,
        region: l.taxRegion,
        code: l.taxCode,
        exemptionCode: l.exemptionCode,
        exemptionReason: l.exemptionReason,
      };
    });
    const written = store.insert(
      {
        seriesId: pos.ser.id,
        docType: type,
        number: pos.number,
        docNo: pos.docNo,
        atcud: pos.atcud,
        date: pos.date,
        systemEntryDate: pos.systemEntryDate,
        training,
        terminalId: ctx.terminalId,
        operatorId,
        customer,
        globalDiscountPct: new Dec(globalDiscount).toString(),
        netTotal: amounts.netTotal,
        taxPayable: amounts.taxPayable,
        grossTotal: gross,
        hash,
        hashControl: String(key.version),
        keyId: key.id,
        originDocumentId: origin?.id ?? null,
        originReason: d.origin?.reason ?? null,
        transport,
        cashTendered,
      },
      lines,
      amounts.lines,
      taxes,
      payments,
      d.additionalInfo,
    );
    sealer.sealDocument(written);
    deps.hooks?.issued(written, { db, at: clock.now() });
    // No audit_log row: the document itself (signed, sealed, immutable) records who issued what and when, and
    // that copy cost one more B-tree page in every issuing commit (issue 15).
    return written;
  }

  function issueReceiptInTx(raw: unknown, operatorId: number | null): WrittenDocument {
    const d = parseInput(ReceiptDraft, raw);
    const pos = nextInSeries('RG', d.confirmClockBehind);
    const settled = d.settlements.map((st) => {
      const doc = docLite(st.documentId);
      if (doc.doc_type !== 'FT' && doc.doc_type !== 'ND') {
        throw new PosError(
          'FISCAL_RULE',
          `Recibos só liquidam faturas (FT) ou notas de débito; ${doc.doc_no} não é.`,
        );
      }
      if (doc.status === 'A') throw new PosError('FISCAL_RULE', `O documento ${doc.doc_no} está anulado.`);
      const left = read.outstandingOf(doc.id, doc.gross_total);
      const amount = fixed(st.amount, 2);
      if (new Dec(amount).lte(0) || new Dec(amount).gt(left)) {
        throw new PosError(
          'FISCAL_RULE',
          `O valor a liquidar de ${doc.doc_no} tem de estar entre ${formatEuro('0.01')} e ${formatEuro(left)} (em dívida).`,
        );
      }
      return { doc, amount };
    });
    const first = settled[0].doc;
    if (settled.some((x) => x.doc.customer_id !== first.customer_id)) {
      throw new PosError('FISCAL_RULE', 'Um recibo só liquida documentos do mesmo cliente.');
    }
    const gross = settled.reduce((a, x) => a.plus(x.amount), new Dec(0)).toFixed(2);
    assertDocumentTotal(gross);
    const payments = paymentsOf(d.payments, gross);
    const region = (selCompany.get() as { tax_region: string }).tax_region;
    const lines: PreparedLine[] = settled.map((x) => ({
      articleId: null,
      productCode: x.doc.doc_no,
      productType: 'S',
      description: `Liquidação de ${x.doc.doc_no}`,
      quantity: '1',
      unit: 'UN',
      unitPriceGross: x.amount,
      discountPct: '0',
      taxType: 'NA',
      taxRegion: region,
      taxCode: 'NA',
      taxPct: '0',
      exemptionCode: null,
      exemptionReason: null,
      originLineId: null,
      originDocumentId: x.doc.id,
    }));
    const amountLines = settled.map((x) => ({
      grossBeforeDiscount: x.amount,
      gross: x.amount,
      net: x.amount,
      tax: '0.00',
      unitPriceNet: x.amount,
      discountNet: '0.00',
    }));
    const written = store.insert(
      {
        seriesId: pos.ser.id,
        docType: 'RG',
        number: pos.number,
        docNo: pos.docNo,
        atcud: pos.atcud,
        date: pos.date,
        systemEntryDate: pos.systemEntryDate,
        training,
        terminalId: ctx.terminalId,
        operatorId,
        customer: {
          id: first.customer_id,
          nif: first.customer_nif,
          name: first.customer_name,
          address: first.customer_address,
          postalCode: first.customer_postal_code,
          city: first.customer_city,
          country: first.customer_country,
        },
        globalDiscountPct: '0',
        netTotal: gross,
        taxPayable: '0.00',
        grossTotal: gross,
        hash: '',
        hashControl: '0',
        keyId: null,
        originDocumentId: null,
        originReason: null,
        transport: null,
        cashTendered: null,
      },
      lines,
      amountLines,
      [],
      payments,
      d.additionalInfo,
    );
    sealer.sealDocument(written);
    deps.hooks?.issued(written, { db, at: clock.now() });
    // No audit_log row, as for issue(): the receipt is its own record.
    return written;
  }

  // The same synchronous IMMEDIATE transaction as db.tx(), wrapped once instead of on every document (hot path).
  // The view is built in it too, from the rows just written (no read-back): what it reads (the company, an
  // origin's number) then comes from the transaction already open instead of one more read transaction after
  // each commit; it is only returned once the document is committed.
  const issueTx = s.transaction((d: ParsedDocumentDraft, operatorId: number | null) => {
    const written = issueInTx(d, operatorId);
    return { written, view: read.written(written) };
  });

  return {
    series,
    keys,
    issue(raw, operatorId) {
      const d = parseInput(DocumentDraft, raw);
      const { written, view } = issueTx.immediate(d, operatorId);
      // Outermost (not inside a caller's db.tx): committed now, so the seal's post-commit work may trust it.
      if (!s.inTransaction) sealer.committed(written);
      // issueTx is not db.tx: hand over the post-commit work (the seal head file) now, if this was the outermost.
      db.flushAfterCommit();
      return view;
    },
    issueReceipt(raw, operatorId) {
      const written = db.tx(() => issueReceiptInTx(raw, operatorId));
      return read.written(written);
    },
    cancel(documentId, reason, operatorId) {
      const why = reason.trim();
      if (why.length < 3 || why.length > 50)
        throw new PosError('VALIDATION', 'Indique o motivo da anulação (3 a 50 caracteres).');
      db.tx(() => {
        const d = docLite(documentId);
        if (d.status === 'A') throw new PosError('CONFLICT', `O documento ${d.doc_no} já está anulado.`);
        const corr = selActiveCorrections.all(d.id) as { doc_no: string }[];
        if (corr.length) {
          // Despacho 8632/2014 3.3.8: never cancel while an NC/ND against it is active.
          throw new PosError(
            'FISCAL_RULE',
            `Não pode anular ${d.doc_no}: existe ${corr[0].doc_no} emitida sobre ele. Anule-a primeiro.`,
          );
        }
        if (d.doc_type === 'GT' || d.doc_type === 'GR') {
          // An invoiced guide stays: cancelling its FT first returns it to N (guide-invoicing.ts).
          const invoice = guideInvoicing.activeInvoiceOf(d.id);
          if (invoice)
            throw new PosError('FISCAL_RULE', t('guideInvoice.noCancel', { docNo: d.doc_no, invoice }));
          const tr = selTransport.get(d.id) as { transport: string | null };
          const problem = guideCancelProblem(d.doc_no, tr.transport, localDateTime(clock.now()));
          if (problem) throw new PosError('FISCAL_RULE', problem);
        }
        const rec = selActiveReceipts.all(d.id) as { doc_no: string }[];
        if (rec.length) {
          throw new PosError(
            'FISCAL_RULE',
            `Não pode anular ${d.doc_no}: está liquidado pelo recibo ${rec[0].doc_no}. Anule o recibo primeiro.`,
          );
        }
        const at = localDateTime(clock.now());
        const id = Number(insStatus.run(d.id, 'A', at, operatorId, why).lastInsertRowid);
        sealer.sealStatus({ id, document_id: d.id, status: 'A', at, operator_id: operatorId, reason: why });
        deps.hooks?.cancelled(
          { documentId: d.id, docNo: d.doc_no, docType: d.doc_type, reason: why, operatorId },
          { db, at: clock.now() },
        );
        ctx.audit('fiscal.cancel', operatorId, { id: d.id, docNo: d.doc_no, reason: why });
      });
      return read.get(documentId);
    },
    get: (k) => read.get(k),
    list(q) {
      const where: string[] = ['1=1'];
      const params: unknown[] = [];
      if (q.from) {
        where.push('d.doc_date >= ?');
        params.push(q.from);
      }
      if (q.to) {
        where.push('d.doc_date <= ?');
        params.push(q.to);
      }
      if (q.type) {
        where.push('d.doc_type = ?');
        params.push(q.type);
      }
      if (q.beforeId) {
        where.push('d.id < ?');
        params.push(q.beforeId);
      }
      params.push(q.limit ?? 50);
      const rows = s
        .prepare(
          `select d.id, d.doc_type, d.doc_no, d.doc_date, d.system_entry_date, d.customer_name, d.customer_nif, d.gross_total,
           d.training, st.status from fiscal_document d left join fiscal_status st on st.document_id = d.id
           where ${where.join(' and ')} order by d.id desc limit ?`,
        )
        .all(...params) as Array<{
        id: number;
        doc_type: DocType;
        doc_no: string;
        doc_date: string;
        system_entry_date: string;
        customer_name: string;
        customer_nif: string;
        gross_total: string;
        training: number;
        status: 'A' | null;
      }>;
      return rows.map((r) => ({
        id: r.id,
        type: r.doc_type,
        docNo: r.doc_no,
        date: r.doc_date,
        systemEntryDate: r.system_entry_date,
        customerName: r.customer_name,
        customerNif: r.customer_nif,
        gross: r.gross_total,
        status: r.status ?? 'N',
        training: r.training === 1,
      }));
    },
  };
}

function amountsIndex(lines: readonly PreparedLine[], key: string): number {
  const i = lines.findIndex(
    (l) => taxGroupKey(l.taxType, l.taxRegion, l.taxCode, l.taxPct, l.exemptionCode) === key,
  );
  return i < 0 ? 0 : i;
}

export type { SeriesView };

/** The documented ceiling shared with the contract and the cart (AMOUNT_LIMITS, shared/money.ts). */
function assertDocumentTotal(gross: string): void {
  const problem = documentTotalProblem(gross);
  if (problem) throw new PosError('VALIDATION', problem, { grossTotal: gross });
}

/** Drafts are a trust boundary (the checkout, the CLI, tests): a refusal is a pt-PT VALIDATION PosError. */
function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new PosError('VALIDATION', zodMessage(r.error), {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return r.data;
}
