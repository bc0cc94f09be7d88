import { PosError } from '../../../shared/errors';
import { Dec } from '../../../shared/money';
import type { DocType, FiscalDocumentView, LineView } from '../../../shared/api/fiscal';
import { DOC_TYPE_NAMES, saftTableOf } from '../../../shared/fiscal/doc-types';
import { CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import {
  PAYMENT_METHOD_NAMES,
  type PaymentMethod,
  type SaftMechanism,
} from '../../../shared/fiscal/payments';
import { buildQrString, qrPaymentInfo } from '../../../shared/fiscal/qr';
import {
  hashChars,
  issuedBy,
  NOT_AN_INVOICE_NOTICE,
  processedBy,
  TRAINING_NOTICE,
} from '../../../shared/fiscal/signature';
import { selectIssuer } from './issuer-query';
import type { Db } from '../db/open';
import { param, prepared } from '../db/prepared';
import type {
  DocumentRow,
  InfoRow,
  LineRow as StoredLineRow,
  PaymentRow,
  TaxRow,
  WrittenDocument,
} from './store';

type DocRow = DocumentRow & {
  status: 'A' | null;
  status_at: string | null;
  status_reason: string | null;
};
type LineRow = StoredLineRow & { origin_doc_no: string | null };

interface CompanyRow {
  name: string;
  nif: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  certificate_number: string;
  software_name: string;
}

const isMovement = (t: DocType): boolean => t === 'GT' || t === 'GR';

/** The stored transport JSON (older guides lack the later fields) with the AT code in force. */
function transportView(json: string, atCode: string | null): NonNullable<FiscalDocumentView['transport']> {
  const t = JSON.parse(json) as Partial<NonNullable<FiscalDocumentView['transport']>> &
    Pick<NonNullable<FiscalDocumentView['transport']>, 'loadFrom' | 'deliverTo' | 'startTime'>;
  return {
    loadFrom: t.loadFrom,
    deliverTo: t.deliverTo,
    startTime: t.startTime,
    endTime: t.endTime ?? null,
    vehicle: t.vehicle ?? null,
    ownGoods: t.ownGoods ?? false,
    fromWarehouseId: t.fromWarehouseId ?? null,
    toWarehouseId: t.toWarehouseId ?? null,
    atCode,
  };
}

/** Status date = the cancellation time, or the system entry date for a normal document. SAF-T wants seconds. */
const statusDateOf = (r: DocRow): string => (r.status_at ? r.status_at : r.system_entry_date);

/**
 * The complete read model of a document, built only from committed rows. It is what receipts print, what
 * screens show and what integrations read: see FiscalDocumentView in shared/api/fiscal.ts.
 */
export function createReadModel(db: Db) {
  const s = db.sqlite;
  const docSql = `select d.*, st.status as status, st.at as status_at, st.reason as status_reason
    from fiscal_document d left join fiscal_status st on st.document_id = d.id`;
  const selById = s.prepare(`${docSql} where d.id = ?`);
  // Issue 13 item 7: the AT communication code of a guide, typed after issue (latest row wins; 0690-guides).
  const selAtCode = prepared(
    db,
    db.k
      .selectFrom('movement_at_code')
      .select('code')
      .where('document_id', '=', param<number>('id'))
      .orderBy('id', 'desc')
      .limit(1),
  );
  const atCodeOf = (id: number): string | null => selAtCode.get({ id })?.code ?? null;
  const selByNo = s.prepare(`${docSql} where d.doc_no = ?`);
  const selLines = s.prepare(
    `select l.*, od.doc_no as origin_doc_no from fiscal_line l left join fiscal_document od on od.id = l.origin_document_id
     where l.document_id = ? order by l.line_no`,
  );
  const selTaxes = s.prepare('select * from fiscal_tax where document_id = ? order by seq');
  const selPays = s.prepare('select * from fiscal_payment where document_id = ? order by seq');
  const selInfo = s.prepare('select * from fiscal_info where document_id = ? order by seq');
  // The columns of CompanyRow only: `select *` copied the receipt logo (base64, up to the size of the image)
  // into every document's view (issue 15 profile of the issue path).
  const selCompany = prepared(db, selectIssuer(db.k));
  const selCorrections = s.prepare(
    `select d.id, d.doc_no, d.doc_type, d.doc_date, d.gross_total, st.status from fiscal_document d
     left join fiscal_status st on st.document_id = d.id where d.origin_document_id = ? order by d.id`,
  );
  const selSettledBy = s.prepare(
    `select d.id, d.doc_no, d.doc_type, d.doc_date, l.gross as amount, st.status from fiscal_line l
     join fiscal_document d on d.id = l.document_id left join fiscal_status st on st.document_id = d.id
     where l.origin_document_id = ? and d.doc_type = 'RG' order by d.id`,
  );
  const selDocLite = s.prepare(
    `select d.id, d.doc_no, d.doc_type, d.doc_date, st.status from fiscal_document d
     left join fiscal_status st on st.document_id = d.id where d.id = ?`,
  );

  type RefRow = { id: number; doc_no: string; doc_type: string; doc_date: string; status: 'A' | null };
  const ref = (r: RefRow, amount: string) => ({
    documentId: r.id,
    docNo: r.doc_no,
    type: r.doc_type as DocType,
    date: r.doc_date,
    status: (r.status ?? 'N') as 'N' | 'A',
    amount,
  });

  function outstandingOf(id: number, gross: string): string {
    const corr = (selCorrections.all(id) as Array<RefRow & { gross_total: string }>).filter(
      (r) => !r.status && r.doc_type === 'NC',
    );
    const paid = (selSettledBy.all(id) as Array<RefRow & { amount: string }>).filter((r) => !r.status);
    const left = corr
      .reduce((a, r) => a.minus(r.gross_total), new Dec(gross))
      .minus(paid.reduce((a, r) => a.plus(r.amount), new Dec(0)));
    return Dec.max(left, 0).toFixed(2);
  }

  function get(key: number | string): FiscalDocumentView {
    const r = (typeof key === 'number' ? selById.get(key) : selByNo.get(key)) as DocRow | undefined;
    if (!r) throw new PosError('NOT_FOUND', `Documento ${String(key)} não encontrado.`);
    return build(
      r,
      selLines.all(r.id) as LineRow[],
      selTaxes.all(r.id) as TaxRow[],
      selPays.all(r.id) as PaymentRow[],
      selInfo.all(r.id) as InfoRow[],
      false,
    );
  }

  /**
   * The view of a document this call has just committed, from the rows it wrote (no read-back). Nothing can
   * refer to it yet — corrections and receipts are later transactions — so it has no status row, no
   * corrections and no settlements; `get(id)` returns the same view.
   */
  function written(w: WrittenDocument): FiscalDocumentView {
    const r: DocRow = { ...w.doc, status: null, status_at: null, status_reason: null };
    const originNo = new Map<number, string | null>();
    const lines = w.lines.map((l): LineRow => {
      const o = l.origin_document_id;
      if (o !== null && !originNo.has(o))
        originNo.set(o, (selDocLite.get(o) as RefRow | undefined)?.doc_no ?? null);
      return { ...l, origin_doc_no: o === null ? null : originNo.get(o)! };
    });
    return build(r, lines, w.taxes, w.payments, w.info, true);
  }

  function build(
    r: DocRow,
    lines: readonly LineRow[],
    taxes: readonly TaxRow[],
    pays: readonly PaymentRow[],
    info: readonly InfoRow[],
    fresh: boolean,
  ): FiscalDocumentView {
    const company = selCompany.get()! as CompanyRow;
    const type = r.doc_type as DocType;
    const status = (r.status ?? 'N') as 'N' | 'A';
    const signed = type !== 'RG';
    const hash4 = signed ? hashChars(r.hash) : '0';
    const cert = company.certificate_number;

    const lineViews: LineView[] = lines.map((l) => ({
      lineNo: l.line_no,
      articleId: l.article_id,
      productCode: l.product_code,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceGross: l.unit_price_gross,
      unitPriceNet: l.unit_price_net,
      discountPct: l.discount_pct,
      grossBeforeDiscount: l.gross_before_discount,
      gross: l.gross,
      net: l.net,
      tax: l.tax,
      taxType: l.tax_type,
      taxRegion: l.tax_region as LineView['taxRegion'],
      taxCode: l.tax_code,
      taxPct: l.tax_pct,
      exemptionCode: l.exemption_code,
      exemptionReason: l.exemption_reason,
      originDocNo: l.origin_doc_no,
      originLineId: l.origin_line_id,
    }));

    const payments = pays.map((p) => ({
      method: p.method as PaymentMethod,
      methodName: PAYMENT_METHOD_NAMES[p.method as PaymentMethod] ?? p.method,
      mechanism: p.mechanism as SaftMechanism,
      amount: p.amount,
      date: p.pay_date,
    }));
    const cash = payments.filter((p) => p.method === 'cash').reduce((a, p) => a.plus(p.amount), new Dec(0));
    const change = r.cash_tendered ? Dec.max(new Dec(r.cash_tendered).minus(cash), 0).toFixed(2) : null;

    const qr = buildQrString({
      issuerNif: company.nif,
      buyerNif: r.customer_nif || CONSUMIDOR_FINAL_NIF,
      buyerCountry: r.customer_country,
      docType: type,
      status,
      date: r.doc_date,
      docNo: r.doc_no,
      atcud: r.atcud,
      // Receipts, and guides without value (own goods: every price 0), have no VAT rate: I1:0 (fiscal-pt.md §4.2).
      taxGroups:
        type === 'RG' || (isMovement(type) && new Dec(r.gross_total).isZero())
          ? []
          : taxes.map((t) => ({ region: t.region, code: t.code, base: t.base, tax: t.tax })),
      taxPayable: r.tax_payable,
      grossTotal: r.gross_total,
      hash4,
      certificate: cert,
      other: qrPaymentInfo(payments),
    });

    const notices: string[] = [];
    if (r.training) notices.push(TRAINING_NOTICE);
    // Despacho 8632/2014 §1.2: documents of SAF-T tables 4.2–4.4 (MovementOfGoods, WorkingDocuments, Payments,
    // so GT/GR and RG receipts) say they are not invoices.
    if (saftTableOf(type) !== 'SalesInvoices') notices.push(NOT_AN_INVOICE_NOTICE);

    const origin = r.origin_document_id ? (selDocLite.get(r.origin_document_id) as RefRow) : null;
    const isInvoice = type === 'FT' || type === 'FS' || type === 'FR' || type === 'ND';
    const transport = r.transport ? transportView(r.transport, atCodeOf(r.id)) : null;
    const lineDiscount = lines.reduce((a, l) => a.plus(l.gross_before_discount).minus(l.gross), new Dec(0));

    return {
      id: r.id,
      type,
      typeName: DOC_TYPE_NAMES[type],
      docNo: r.doc_no,
      series: r.doc_no.slice(r.doc_no.indexOf(' ') + 1, r.doc_no.lastIndexOf('/')),
      number: r.number,
      atcud: r.atcud,
      date: r.doc_date,
      systemEntryDate: r.system_entry_date,
      status,
      statusDate: statusDateOf(r),
      statusReason: r.status_reason,
      training: r.training === 1,
      terminalId: r.terminal_id,
      operatorId: r.operator_id,
      issuer: {
        name: company.name,
        nif: company.nif,
        address: company.address,
        postalCode: company.postal_code,
        city: company.city,
        country: company.country,
        certificateNumber: cert,
        softwareName: company.software_name,
      },
      customer: {
        id: r.customer_id,
        nif: r.customer_nif,
        name: r.customer_name,
        address: r.customer_address,
        postalCode: r.customer_postal_code,
        city: r.customer_city,
        country: r.customer_country,
        isConsumidorFinal: r.customer_nif === CONSUMIDOR_FINAL_NIF,
      },
      lines: lineViews,
      taxSummary: taxes.map((t) => ({
        taxType: t.tax_type,
        region: t.region as LineView['taxRegion'],
        code: t.code,
        pct: t.pct,
        exemptionCode: t.exemption_code,
        exemptionReason: t.exemption_reason,
        base: t.base,
        tax: t.tax,
        gross: t.gross,
      })),
      totals: {
        net: r.net_total,
        tax: r.tax_payable,
        gross: r.gross_total,
        discount: lineDiscount.toFixed(2),
        globalDiscountPct: r.global_discount_pct,
      },
      payments,
      cashTendered: r.cash_tendered,
      change,
      additionalInfo: info.map((e) => ({ name: e.name, value: e.value })),
      hash: r.hash,
      hashControl: r.hash_control,
      hash4,
      certificationText: signed ? processedBy(r.hash, cert) : issuedBy(cert),
      qr,
      notices,
      references: {
        origin: origin
          ? { documentId: origin.id, docNo: origin.doc_no, reason: r.origin_reason ?? '' }
          : null,
        settles:
          type === 'RG'
            ? lines
                .filter((l) => l.origin_document_id)
                .map((l) => ref(selDocLite.get(l.origin_document_id!) as RefRow, l.gross))
            : [],
        correctedBy:
          isInvoice && !fresh
            ? (selCorrections.all(r.id) as Array<RefRow & { gross_total: string }>).map((c) =>
                ref(c, c.gross_total),
              )
            : [],
        settledBy:
          (type === 'FT' || type === 'ND') && !fresh
            ? (selSettledBy.all(r.id) as Array<RefRow & { amount: string }>).map((c) => ref(c, c.amount))
            : [],
        outstanding:
          type === 'FT' || type === 'ND'
            ? status === 'A'
              ? '0.00'
              : fresh
                ? Dec.max(new Dec(r.gross_total), 0).toFixed(2)
                : outstandingOf(r.id, r.gross_total)
            : null,
      },
      transport,
    };
  }

  return { get, written, outstandingOf };
}
