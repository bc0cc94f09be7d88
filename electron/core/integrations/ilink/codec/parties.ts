import { PosError } from '../../../../../shared/errors';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import { CONSUMIDOR_FINAL_NIF } from '../../../../../shared/fiscal/nif';
import type { ParsedCiusPtOptions, PostalAddress } from './types';
import { compact, fit, text, withAttrs, type XmlNode } from './xml';

type Party = FiscalDocumentView['issuer'] | FiscalDocumentView['customer'];

/** What the customer resolver stores for a field nobody filled in (SAF-T wants a value there). */
const UNKNOWN = 'desconhecido';
const known = (v: string): string => (text(v).toLowerCase() === UNKNOWN ? '' : text(v));

/** ISO 3166-1 alpha-2 of a stored country; ASSUMPTION: anything else (empty, "Desconhecido") is Portugal. */
export const countryOf = (c: string): string => (/^[A-Z]{2}$/.test(c.trim()) ? c.trim() : 'PT');

/**
 * VAT identifier with its ISO country prefix (DT-CIUS-PT-029 / 046.1): `PT` + NIF for Portuguese parties,
 * the buyer's own country for foreign ones; a number that already starts with that prefix is kept as is.
 * ASSUMPTION: the ISO code is used as the prefix (so Greece is "GR", not the VIES "EL").
 */
export function vatId(nif: string, country: string): string {
  const n = nif.replace(/[\s.-]/g, '').toUpperCase();
  const cc = countryOf(country);
  return n.startsWith(cc) ? n : `${cc}${n}`;
}

/**
 * Street lines for CIUS-PT's 200-character fields: Balcão keeps up to 210 characters of address, so a long
 * one is split at a space into StreetName (BT-35) and AdditionalStreetName (BT-36) instead of being cut.
 */
export function streetLines(address: string): [string, string | undefined] {
  const a = text(address).replace(/\s+/g, ' ');
  const chars = [...a];
  if (chars.length <= 200) return [a, undefined];
  const head = chars.slice(0, 200).join('');
  const cut = head.lastIndexOf(' ') > 100 ? head.lastIndexOf(' ') : 200;
  const first = [...a].slice(0, cut).join('').trim();
  return [first, fit([...a].slice(cut).join(''), 200) || undefined];
}

export function addressXml(a: PostalAddress): XmlNode {
  const [street, more] = a.street ? streetLines(a.street) : ['', undefined];
  return compact({
    'cbc:StreetName': street || undefined,
    'cbc:AdditionalStreetName': more,
    'cbc:CityName': a.city ? fit(a.city, 200) : undefined,
    'cbc:PostalZone': a.postalCode ? fit(a.postalCode, 200) : undefined,
    'cac:Country': { 'cbc:IdentificationCode': countryOf(a.country) },
  });
}

const addressOf = (p: {
  address: string;
  city: string;
  postalCode: string;
  country: string;
}): PostalAddress => ({
  street: known(p.address),
  city: known(p.city),
  postalCode: known(p.postalCode),
  country: countryOf(p.country),
});

const complete = (a: PostalAddress): boolean => a.street !== '' && a.city !== '' && a.postalCode !== '';

function partyXml(p: Party, contact?: XmlNode): XmlNode {
  const id = vatId(p.nif, p.country);
  const name = fit(p.name, 200);
  return compact({
    'cbc:EndpointID': withAttrs(id, { schemeID: '9946' }),
    'cac:PartyName': { 'cbc:Name': name },
    'cac:PostalAddress': addressXml(addressOf(p)),
    'cac:PartyTaxScheme': { 'cbc:CompanyID': id, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': name, 'cbc:CompanyID': id },
    'cac:Contact': contact,
  });
}

/** Seller (BG-4): BR-CIUS-PT-01/02 VAT id and scheme, 05/06/07 street, city and post code. */
export function supplierXml(doc: FiscalDocumentView, o: ParsedCiusPtOptions): XmlNode {
  const a = addressOf(doc.issuer);
  if (!complete(a)) {
    throw new PosError(
      'VALIDATION',
      'A morada da empresa está incompleta (rua, localidade e código postal): o CIUS-PT exige-a.',
    );
  }
  const c = o.sellerContact;
  const contact =
    c && (c.telephone || c.email)
      ? compact({
          'cbc:Telephone': c.telephone ? fit(c.telephone, 200) : undefined,
          'cbc:ElectronicMail': c.email ? fit(c.email, 200) : undefined,
        })
      : undefined;
  return { 'cac:Party': partyXml(doc.issuer, contact) };
}

/** Buyer (BG-7): BR-CIUS-PT-03/04 make the buyer's VAT id mandatory, so a document without NIF cannot go. */
export function customerXml(doc: FiscalDocumentView): XmlNode {
  const nif = doc.customer.nif.trim();
  if (!nif || nif === CONSUMIDOR_FINAL_NIF) {
    throw new PosError(
      'VALIDATION',
      `O documento ${doc.docNo} não tem NIF do cliente: o CIUS-PT exige o NIF do adquirente.`,
    );
  }
  return { 'cac:Party': partyXml(doc.customer) };
}

/**
 * Deliver-to address (BG-15, mandatory in CIUS-PT: BR-CIUS-PT-66, with street/city/post code: 21–23).
 * ASSUMPTION, in this order: the one given in the options; the document's transport destination; the buyer's
 * address when complete; otherwise the shop's own address (a counter sale is delivered at the counter).
 */
export function deliveryXml(doc: FiscalDocumentView, o: ParsedCiusPtOptions): XmlNode {
  const candidates: PostalAddress[] = [];
  if (o.deliverTo) candidates.push(addressOf(o.deliverTo));
  if (doc.transport) candidates.push(addressOf(doc.transport.deliverTo));
  candidates.push(addressOf(doc.customer), addressOf(doc.issuer));
  const a = candidates.find(complete)!;
  return { 'cac:DeliveryLocation': { 'cac:Address': addressXml(a) } };
}
