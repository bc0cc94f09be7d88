import { Dec } from '../../../../shared/money';
import {
  LEGAL,
  atcudLine,
  certificationLine,
  customerLines,
  isNotInvoice,
  registrationLines,
  transportLines,
} from '../legal-text';
import type { PrintableDocument } from '../printable';
import { text, type Bitmap, type Block } from './blocks';
import { columns, dateTime, money, percent, price, qty, row, wrap } from './text';

export interface ReceiptOptions {
  columns: number;
  logo?: Bitmap | null;
  /** Kick the cash drawer after printing (cash sales). */
  openDrawer?: boolean;
}

/**
 * The fiscal receipt for a thermal roll (FS/FR/FT/NC/ND/RG/GT…). Mandatory content: fiscal-pt.md §2.4, §3, §4.
 * Every text block is at most `columns` wide (double-width blocks at most half), so nothing overflows.
 */
export function layoutReceipt(doc: PrintableDocument, opts: ReceiptOptions): Block[] {
  const W = opts.columns;
  const out: Block[] = [];
  const rule = (c = '-'): void => void out.push(text(c.repeat(W)));
  const lines = (ls: string[], align: 'left' | 'center' | 'right' = 'left', style = {}): void => {
    for (const l of ls) out.push(text(l, align, style));
  };
  const para = (s: string, align: 'left' | 'center' = 'left', style = {}): void =>
    lines(wrap(s, W), align, style);

  if (opts.logo) out.push({ kind: 'image', bitmap: opts.logo, align: 'center' });
  // Header: issuer.
  lines(wrap(doc.issuer.name, W), 'center', { bold: true });
  for (const a of doc.issuer.address) para(a, 'center');
  para(`NIF: ${doc.issuer.nif}`, 'center');
  for (const r of registrationLines(doc.issuer, W)) para(r, 'center');
  if (doc.training) {
    if (doc.issuer.softwareName) para(`Software: ${doc.issuer.softwareName}`, 'center');
    para(LEGAL.training, 'center', { bold: true });
  }
  // Gestão › Empresa's header text: under the company block, before anything the rules place.
  for (const h of doc.companyHeader) para(h, 'center');
  rule();
  // Document identification.
  lines(wrap(doc.docTypeName, Math.floor(W / 2)), 'center', { bold: true, doubleWidth: true });
  para(doc.number, 'center', { bold: true });
  if (doc.copy) para(LEGAL.copy, 'center', { bold: true, invert: true });
  para(`Data: ${dateTime(doc.issuedAt)}`);
  if (doc.operatorName) para(`Operador: ${doc.operatorName}`);
  for (const c of customerLines(doc)) para(c);
  for (const r of doc.references) {
    const label = `${doc.docType === 'RG' || doc.docType === 'RC' ? 'Liquida' : 'Referente a'}: ${r.number}`;
    lines(columns(label, r.amount ? money(r.amount) : '', W));
    if (r.reason) para(`Motivo: ${r.reason}`);
  }
  for (const l of transportLines(doc)) para(l);
  rule();

  // Lines: description on its own line(s), then quantity × price, VAT and amount.
  for (const l of doc.lines) {
    para(l.description);
    const tax =
      l.taxRate !== null && l.exemptionCode === null ? percent(l.taxRate) : (l.exemptionCode ?? 'ISE');
    lines(
      columns(
        `  ${qty(l.quantity)} ${l.unit} x ${price(l.unitPrice)}`,
        `${tax.padStart(5)} ${money(l.amount).padStart(9)}`,
        W,
      ),
    );
    if (l.discount && !new Dec(l.discount).isZero()) lines(columns('  Desconto', `-${money(l.discount)}`, W));
  }
  rule();
  if (doc.documentDiscount && !new Dec(doc.documentDiscount).isZero()) {
    lines(columns('Desconto global', `-${money(doc.documentDiscount)}`, W));
  }
  lines(columns('TOTAL', `${money(doc.totals.gross)} €`, Math.floor(W / 2)), 'left', {
    bold: true,
    doubleWidth: true,
    doubleHeight: true,
  });
  if (doc.totals.withholding && !new Dec(doc.totals.withholding).isZero()) {
    lines(columns('Retenção na fonte', money(doc.totals.withholding), W));
  }
  rule();

  // VAT summary by rate (base, VAT).
  if (doc.taxSummary.length) {
    const cw = Math.floor((W - 8) / 2);
    const r = (a: string, b: string, c: string): string =>
      row([
        { text: a, width: W - 2 * cw },
        { text: b, width: cw, right: true },
        { text: c, width: cw, right: true },
      ]);
    lines([r('Taxa', 'Base', 'IVA')], 'left', { bold: true });
    for (const t of doc.taxSummary) {
      const label =
        t.rate !== null && t.exemptionCode === null ? percent(t.rate) : (t.exemptionCode ?? 'ISE');
      out.push(text(r(label, money(t.base), money(t.tax))));
    }
    lines(columns('Total sem IVA', money(doc.totals.net), W));
    lines(columns('Total IVA', money(doc.totals.tax), W));
    for (const e of doc.exemptions) para(`${e.code}: ${e.reason}`);
    rule();
  }

  // Payments.
  if (doc.payments.length) {
    for (const p of doc.payments) {
      lines(columns(p.label, money(p.amount), W));
      if (p.given) lines(columns('  Entregue', money(p.given), W));
      if (p.change) lines(columns('  Troco', money(p.change), W));
      if (p.multibanco) {
        lines(columns('  Entidade', p.multibanco.entity, W));
        lines(columns('  Referência', p.multibanco.reference.replace(/(\d{3})(?=\d)/g, '$1 '), W));
        lines(columns('  Montante', money(p.amount), W));
      }
    }
    rule();
  }

  // Issue 11: how to pay this invoice by Multibanco (PayPay reference).
  if (doc.mbReference) {
    const r = doc.mbReference;
    para('Pagamento por Multibanco', 'left', { bold: true });
    if (r.pending || !r.entity || !r.reference) {
      para('Referência a pedir ao PayPay: segue numa 2.ª via.');
    } else {
      lines(columns('  Entidade', r.entity, W));
      lines(columns('  Referência', r.reference.replace(/(\d{3})(?=\d)/g, '$1 '), W));
      lines(columns('  Montante', money(r.amount), W));
      if (r.validUntil) lines(columns('  Válida até', r.validUntil.slice(0, 10), W));
    }
    rule();
  }

  if (isNotInvoice(doc)) para(LEGAL.notInvoice, 'center', { bold: true });
  if (doc.copy) para(`${LEGAL.copy} - não é o original`, 'center');
  if (doc.training) para(LEGAL.training, 'center', { bold: true });
  for (const f of doc.footer) para(f, 'center');

  // ATCUD immediately above the QR (Portaria 195/2020 art. 4.º), then the certification phrase.
  out.push({ kind: 'feed', lines: 1 });
  para(atcudLine(doc.atcud), 'center', { bold: true });
  out.push({ kind: 'qr', data: doc.qr });
  para(certificationLine(doc), 'center');
  // Gestão › Empresa's footer text: at the very end, after every legal mention.
  if (doc.companyFooter.length) {
    out.push({ kind: 'feed', lines: 1 });
    for (const f of doc.companyFooter) para(f, 'center');
  }
  out.push({ kind: 'cut' });
  if (opts.openDrawer) out.push({ kind: 'drawer' });
  return out;
}
