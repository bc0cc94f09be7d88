import Decimal from 'decimal.js';

/**
 * A supplier's CIUS-PT invoice (or credit note) as a UBL 2.1 string, with totals computed exactly, for the
 * purchase-import tests and the e2e seed. Values are XML-escaped here; callers may break the result on purpose.
 */
export interface PurchaseXmlLine {
  name: string;
  quantity: string;
  price: string;
  /** NOR 23, INT 13, RED 6, ISE 0. */
  category?: 'NOR' | 'INT' | 'RED' | 'ISE';
  barcode?: string;
  sellerRef?: string;
  /** Our article code as the supplier sends it (BuyersItemIdentification). */
  buyerRef?: string;
}

export interface PurchaseXmlOptions {
  number?: string;
  issueDate?: string;
  buyerVat?: string;
  sellerVat?: string;
  sellerName?: string;
  creditNote?: boolean;
  lines?: PurchaseXmlLine[];
}

const RATES = { NOR: '23', INT: '13', RED: '6', ISE: '0' } as const;

export const esc = (v: string): string =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const party = (vat: string, name: string, city: string): string => `
    <cac:Party>
      <cbc:EndpointID schemeID="9946">${esc(vat)}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>${esc(name)}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Rua da Prata, 10</cbc:StreetName>
        <cbc:CityName>${esc(city)}</cbc:CityName>
        <cbc:PostalZone>1100-420</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>PT</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>${esc(vat)}</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>${esc(name)}</cbc:RegistrationName></cac:PartyLegalEntity>
      <cac:Contact><cbc:ElectronicMail>faturas@fornecedor.pt</cbc:ElectronicMail></cac:Contact>
    </cac:Party>`;

export function purchaseXml(o: PurchaseXmlOptions = {}): string {
  const credit = o.creditNote ?? false;
  const root = credit ? 'CreditNote' : 'Invoice';
  const lines = o.lines ?? [
    { name: 'Café em grão 1 kg', quantity: '12', price: '9.80', category: 'RED', barcode: '5601234100211' },
    { name: 'Água 1,5 L (pack 6)', quantity: '20', price: '1.95', category: 'NOR', sellerRef: 'AG-15' },
  ];
  const nets = lines.map((l) => new Decimal(l.quantity).times(l.price).toDecimalPlaces(2));
  const groups = new Map<string, Decimal>();
  lines.forEach((l, i) => {
    const c = l.category ?? 'NOR';
    groups.set(c, (groups.get(c) ?? new Decimal(0)).plus(nets[i]));
  });
  const subtotals = [...groups].map(([c, base]) => {
    const rate = RATES[c as keyof typeof RATES];
    return { c, rate, base, tax: base.times(rate).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) };
  });
  const net = nets.reduce((a, b) => a.plus(b), new Decimal(0));
  const vat = subtotals.reduce((a, s) => a.plus(s.tax), new Decimal(0));
  const gross = net.plus(vat);
  const cat = (c: string, rate: string): string =>
    `<cbc:ID>${c}</cbc:ID><cbc:Percent>${rate}.00</cbc:Percent>${
      c === 'ISE'
        ? '<cbc:TaxExemptionReasonCode>M07</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>Isento artigo 9.º do CIVA</cbc:TaxExemptionReason>'
        : ''
    }<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:2.1.1</cbc:CustomizationID>
  <cbc:ID>${esc(o.number ?? 'FT 2025/101')}</cbc:ID>
  <cbc:IssueDate>${o.issueDate ?? '2025-06-01'}</cbc:IssueDate>
  <cbc:${credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'}>${credit ? 'NC' : 'FT'}</cbc:${credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'}>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:OrderReference><cbc:ID>ENC-7</cbc:ID></cac:OrderReference>${
    credit
      ? '\n  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>FT 2025/100</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>'
      : ''
  }
  <cac:AccountingSupplierParty>${party(o.sellerVat ?? 'PT589309340', o.sellerName ?? 'Distribuidora Tejo & Filhos, Lda.', 'Lisboa')}
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>${party(o.buyerVat ?? 'PT599999993', 'Loja de formação', 'Porto')}
  </cac:AccountingCustomerParty>
  <cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:StreetName>Rua A</cbc:StreetName><cbc:CityName>Porto</cbc:CityName><cbc:PostalZone>4000-001</cbc:PostalZone><cac:Country><cbc:IdentificationCode>PT</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">${vat.toFixed(2)}</cbc:TaxAmount>${subtotals
      .map(
        (s) => `
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">${s.base.toFixed(2)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">${s.tax.toFixed(2)}</cbc:TaxAmount>
      <cac:TaxCategory>${cat(s.c, s.rate)}</cac:TaxCategory>
    </cac:TaxSubtotal>`,
      )
      .join('')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">${net.toFixed(2)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">${net.toFixed(2)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">${gross.toFixed(2)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">${gross.toFixed(2)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>${lines
    .map(
      (l, i) => `
  <cac:${root}Line>
    <cbc:ID>${i + 1}</cbc:ID>
    <cbc:${credit ? 'CreditedQuantity' : 'InvoicedQuantity'} unitCode="C62">${l.quantity}</cbc:${credit ? 'CreditedQuantity' : 'InvoicedQuantity'}>
    <cbc:LineExtensionAmount currencyID="EUR">${nets[i].toFixed(2)}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>${esc(l.name)}</cbc:Name>${l.buyerRef ? `\n      <cac:BuyersItemIdentification><cbc:ID>${esc(l.buyerRef)}</cbc:ID></cac:BuyersItemIdentification>` : ''}${l.sellerRef ? `\n      <cac:SellersItemIdentification><cbc:ID>${esc(l.sellerRef)}</cbc:ID></cac:SellersItemIdentification>` : ''}${l.barcode ? `\n      <cac:StandardItemIdentification><cbc:ID schemeID="0160">${l.barcode}</cbc:ID></cac:StandardItemIdentification>` : ''}
      <cac:ClassifiedTaxCategory>${cat(l.category ?? 'NOR', RATES[l.category ?? 'NOR'])}</cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">${l.price}</cbc:PriceAmount></cac:Price>
  </cac:${root}Line>`,
    )
    .join('')}
</${root}>
`;
}

/** Re-addresses a UBL document to `vat` (the buyer's PartyTaxScheme CompanyID and EndpointID only). */
export function addressedTo(xml: string, vat: string): string {
  return xml.replace(/<cac:AccountingCustomerParty>[\s\S]*?<\/cac:AccountingCustomerParty>/, (block) =>
    block
      .replace(/(<cac:PartyTaxScheme>\s*<cbc:CompanyID[^>]*>)[^<]*(<)/, `$1${vat}$2`)
      .replace(/(<cbc:EndpointID[^>]*>)[^<]*(<)/, `$1${vat}$2`),
  );
}
