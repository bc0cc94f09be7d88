import { t } from '../../../shared/i18n';
import { checkNif } from '../../../shared/fiscal/nif';
import { rootKind, readUbl } from './ubl-read';
import { describeIssue, UblDocument, type UblParty } from './ubl-schema';
import { totalsProblem } from './ubl-totals';
import { DEFAULT_XML_LIMITS, readXmlSafely, type XmlLimits } from './xml-safe';

/** A supplier as the XML's seller party describes it (created when its VAT id is new). */
export interface SupplierDraft {
  readonly vatCountry: string;
  readonly vatId: string;
  readonly name: string;
  readonly address: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  readonly email: string | null;
}

export interface ParsedPurchase {
  readonly doc: UblDocument;
  readonly supplier: SupplierDraft;
  /** The XML as received (decoded UTF-8), kept verbatim. */
  readonly xml: string;
}

export type ParseOutcome = { ok: true; purchase: ParsedPurchase } | { ok: false; reason: string };

export interface ParseOptions {
  /** Our company's NIF (table `company`): the buyer must be us. */
  readonly companyNif: string;
  readonly limits?: XmlLimits;
}

/**
 * A VAT id split into country and number: spaces, dots and dashes dropped, upper-cased; a leading ISO country
 * prefix is the country. ASSUMPTION: an id without a prefix is a Portuguese NIF (PT suppliers sometimes omit it,
 * though CIUS-PT DT-CIUS-PT-029 asks for it). A PT id must be a valid NIF (check digit); a foreign one is only
 * checked for shape (1–30 printable characters), as each country has its own rules.
 */
export function splitVatId(raw: string): { country: string; id: string } | null {
  const v = raw.replace(/[\s.-]/g, '').toUpperCase();
  const m = /^([A-Z]{2})(.+)$/.exec(v);
  const country = m ? m[1] : 'PT';
  const id = m ? m[2] : v;
  if (country === 'PT') return checkNif(id).ok ? { country, id } : null;
  return /^[\x21-\x7e]{1,30}$/.test(id) ? { country, id } : null;
}

const vatOf = (p: UblParty): string | undefined => p.vatId ?? p.endpointVat;

function supplierOf(p: UblParty, vat: { country: string; id: string }): SupplierDraft {
  return {
    vatCountry: vat.country,
    vatId: vat.id,
    name: p.name ?? '',
    address: [p.street, p.additionalStreet, p.addressLine].filter((x): x is string => !!x).join(', '),
    postalCode: p.postalCode ?? '',
    city: p.city ?? '',
    country: p.country ?? vat.country,
    email: p.email ?? null,
  };
}

/**
 * Reads a supplier's UBL 2.1 Invoice or CreditNote (CIUS-PT, PEPPOL BIS 3) safely (xml-safe.ts), checks every
 * field it keeps (zod), the totals (exact) and that we are the buyer. Pure: no database. Never throws for bad
 * input: every refusal is a pt-PT reason, meant for people and for iLink's import acknowledgement.
 */
export function parseUbl(input: Buffer | string, opts: ParseOptions): ParseOutcome {
  const safe = readXmlSafely(input, opts.limits ?? DEFAULT_XML_LIMITS);
  if (!safe.ok) return safe;
  const kind = rootKind(safe.root);
  if (!kind) {
    return {
      ok: false,
      reason: t('purchases.ubl.wrongRoot', { root: safe.root.name, ns: safe.root.ns || '—' }),
    };
  }
  const parsed = UblDocument.safeParse(readUbl(safe.root, kind));
  if (!parsed.success) {
    return { ok: false, reason: t('purchases.ubl.invalid', { why: describeIssue(parsed.error.issues[0]) }) };
  }
  const doc = parsed.data;

  const buyerRaw = vatOf(doc.buyer);
  if (!buyerRaw) return { ok: false, reason: t('purchases.ubl.buyerMissing') };
  const buyer = splitVatId(buyerRaw);
  if (!buyer || buyer.country !== 'PT' || buyer.id !== opts.companyNif) {
    return { ok: false, reason: t('purchases.ubl.buyerNotUs', { buyer: buyerRaw, nif: opts.companyNif }) };
  }
  const sellerRaw = vatOf(doc.seller);
  if (!sellerRaw) return { ok: false, reason: t('purchases.ubl.sellerNoVat') };
  const seller = splitVatId(sellerRaw);
  if (!seller) return { ok: false, reason: t('purchases.ubl.sellerBadVat', { vat: sellerRaw }) };
  if (!doc.seller.name) return { ok: false, reason: t('purchases.ubl.sellerNoName') };

  const totals = totalsProblem(doc);
  if (totals) return { ok: false, reason: totals };
  return { ok: true, purchase: { doc, supplier: supplierOf(doc.seller, seller), xml: safe.text } };
}
