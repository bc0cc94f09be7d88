import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { writeCiusPt } from '../../../electron/core/integrations/ilink/codec';
import { ublAmounts } from '../../../electron/core/integrations/ilink/codec/amounts';
import {
  findOrderReference,
  isOrderReferenceName,
} from '../../../electron/core/integrations/ilink/codec/order-reference';
import { streetLines, vatId } from '../../../electron/core/integrations/ilink/codec/parties';
import { Dec } from '../../../shared/money';
import { viewOf, type FixtureLine } from './view-fixture';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(
    xml,
  ) as Record<string, Record<string, unknown>>;

describe('escaping', () => {
  const nasty = `A & B <c> "d" 'e' — ação`;
  const doc = viewOf([{ quantity: '1', unitPriceGross: '1.00', taxCode: 'NOR', description: nasty }], {
    patch: {
      customer: { ...viewOf([]).customer, name: nasty, address: `Rua "5" & <6>` },
      additionalInfo: [{ name: `Obra <x>`, value: `a & 'b'` }],
    },
  });
  const xml = writeCiusPt({ doc });

  it('escapes & < > " \' in text and never leaves them raw', () => {
    expect(xml).toContain('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; — ação');
    expect(xml).not.toContain(nasty);
    expect(xml).toContain('#ADDITIONALPROPERTY#Obra &lt;x&gt;#a &amp; &apos;b&apos;#');
  });

  it('round-trips: a parser reads back exactly the original values', () => {
    const inv = parse(xml).Invoice;
    const line = inv['cac:InvoiceLine'] as Record<string, Record<string, unknown>>;
    expect(line['cac:Item']['cbc:Name']).toBe(nasty);
    const buyer = (
      inv['cac:AccountingCustomerParty'] as Record<string, Record<string, Record<string, unknown>>>
    )['cac:Party'];
    expect(buyer['cac:PartyName']['cbc:Name']).toBe(nasty);
  });

  it('escapes attribute values and drops characters XML 1.0 forbids', () => {
    const d = viewOf([
      { quantity: '1', unitPriceGross: '1.00', taxCode: 'NOR', description: 'x\u0001y\u0000z' },
    ]);
    const out = writeCiusPt({
      doc: d,
      options: { multibanco: { entity: '12345', reference: '123456789', description: `Pag. "A" & <B>` } },
    });
    expect(out).toContain('name="#DESCRIPTION@ATMPAYMENT#Pag. &quot;A&quot; &amp; &lt;B&gt;#"');
    expect(out).toContain('<cbc:Name>xyz</cbc:Name>');
    expect([...out].some((ch) => ch.charCodeAt(0) < 9)).toBe(false);
  });
});

describe('order reference ("Nº Encomenda")', () => {
  it.each([
    'Nº Encomenda',
    'N.º Encomenda',
    'nº encomenda',
    'Número Encomenda',
    'NUMERO DE ENCOMENDA',
    'número de encomenda',
    'Encomenda',
    ' encomenda ',
    'N° Encomenda',
  ])('"%s" is the order number', (name) => expect(isOrderReferenceName(name)).toBe(true));

  it.each(['Encomendas', 'Nº Fatura', 'Obra', 'Encomenda cliente', 'Referência'])('"%s" is not', (name) =>
    expect(isOrderReferenceName(name)).toBe(false),
  );

  it('becomes cac:OrderReference/cbc:ID and not a note', () => {
    const doc = viewOf([{ quantity: '1', unitPriceGross: '1.00', taxCode: 'NOR' }], {
      patch: { additionalInfo: [{ name: 'Número de Encomenda', value: ' PO-77 ' }] },
    });
    const inv = parse(writeCiusPt({ doc })).Invoice;
    expect(inv['cac:OrderReference']).toEqual({ 'cbc:ID': 'PO-77' });
    expect(JSON.stringify(inv['cbc:Note'])).not.toContain('PO-77');
  });

  it('the first entry with a value wins; an empty one is ignored', () => {
    expect(
      findOrderReference([
        { name: 'Encomenda', value: ' ' },
        { name: 'Nº Encomenda', value: 'A1' },
        { name: 'Encomenda', value: 'B2' },
      ])?.value,
    ).toBe('A1');
  });

  it('an order number longer than CIUS-PT allows (20) is refused in Portuguese, not cut', () => {
    const doc = viewOf([{ quantity: '1', unitPriceGross: '1.00', taxCode: 'NOR' }], {
      patch: { additionalInfo: [{ name: 'Nº Encomenda', value: 'X'.repeat(21) }] },
    });
    expect(() => writeCiusPt({ doc })).toThrow(/mais de 20 caracteres/);
  });
});

describe('parties', () => {
  it('VAT ids carry the country prefix once', () => {
    expect(vatId('501964843', 'PT')).toBe('PT501964843');
    expect(vatId('PT501964843', 'PT')).toBe('PT501964843');
    expect(vatId('B12345674', 'ES')).toBe('ESB12345674');
    expect(vatId('123 456 789', '')).toBe('PT123456789');
  });

  it('a long address is split, never cut', () => {
    const long = `${'Avenida muito comprida '.repeat(10)}fim`;
    const [a, b] = streetLines(long);
    expect([...a].length).toBeLessThanOrEqual(200);
    expect(`${a} ${b}`).toBe(long.replace(/\s+/g, ' ').trim());
  });

  it('a document without the buyer NIF cannot be CIUS-PT', () => {
    const d = viewOf([{ quantity: '1', unitPriceGross: '1.00', taxCode: 'NOR' }]);
    d.customer = { ...d.customer, nif: '999999990', isConsumidorFinal: true };
    expect(() => writeCiusPt({ doc: d })).toThrow(/não tem NIF do cliente/);
  });
});

/** Deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('totals and rounding (BR-CO-10…16, exact)', () => {
  const codes = ['NOR', 'INT', 'RED', 'ISE'] as const;
  const rand = rng(20251201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const cases = Array.from({ length: 300 }, () => {
    const n = 1 + Math.floor(rand() * 7);
    const lines: FixtureLine[] = Array.from({ length: n }, () => ({
      quantity: pick(['1', '2', '3', '0.333', '1.5', '0.750', '7', '12.345']),
      unitPriceGross: pick(['0.01', '0.10', '0.99', '1.23', '2.50', '9.99', '19.99', '123.4567', '0.0333']),
      discountPct: pick(['0', '0', '5', '12.5', '33.33', '100']),
      taxCode: pick(codes),
    }));
    return { lines, global: pick(['0', '0', '2.5', '7.5', '10', '33.33', '99.99']) };
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const doc = viewOf(c.lines, { globalDiscountPct: c.global });
    const a = ublAmounts(doc); // throws on any BR-CO inconsistency (checkTotals)
    const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Dec(0));
    expect(sum(a.lines.map((l) => l.net)).toFixed(2)).toBe(a.lineExtension); // BR-CO-10
    expect(new Dec(a.lineExtension).minus(a.allowanceTotal).toFixed(2)).toBe(doc.totals.net); // BR-CO-13
    expect(new Dec(a.taxExclusive).plus(a.taxTotal).toFixed(2)).toBe(doc.totals.gross); // BR-CO-15
    expect(a.payable).toBe(doc.totals.gross); // BR-CO-16 (FT: nothing prepaid)
    for (const x of a.allowances) expect(new Dec(x.amount).greaterThan(0)).toBe(true);
    if (c.global === '0') expect(a.allowances).toEqual([]);
    // Line nets: 2 decimals (BR-DEC-23); price: at most 8 (DT-CIUS-PT-127), within DT-CIUS-PT-157's 1 €.
    for (const [i, l] of a.lines.entries()) {
      expect(l.net).toMatch(/^\d+\.\d{2}$/);
      expect(l.price).toMatch(/^\d+\.\d{2,8}$/);
      const q = new Dec(doc.lines[i].quantity);
      const back = q
        .times(l.price)
        .minus(l.allowance ?? 0)
        .minus(l.net)
        .abs();
      expect(back.lessThan('0.01')).toBe(true);
    }
  });

  it('FR/FS: what was paid is PrepaidAmount and nothing remains due', () => {
    const doc = viewOf([{ quantity: '2', unitPriceGross: '1.25', taxCode: 'NOR' }], { type: 'FR' });
    doc.payments = [
      { method: 'cash', methodName: 'Numerário', mechanism: 'NU', amount: '2.00', date: doc.date },
      { method: 'card', methodName: 'Cartão', mechanism: 'CC', amount: '0.50', date: doc.date },
    ];
    const inv = parse(writeCiusPt({ doc })).Invoice;
    const t = inv['cac:LegalMonetaryTotal'] as Record<string, Record<string, string>>;
    expect(t['cbc:PrepaidAmount']['#text']).toBe('2.50');
    expect(t['cbc:PayableAmount']['#text']).toBe('0.00');
    // UBL-SR-47: one payment means code per document, the mechanism that paid the most.
    expect(inv['cac:PaymentMeans']).toEqual({ 'cbc:PaymentMeansCode': 'NU' });
  });
});

describe('document shape', () => {
  it('NC is a CreditNote with BillingReference; the CIUS-PT version is configurable', () => {
    const doc = viewOf([{ quantity: '1', unitPriceGross: '3.00', taxCode: 'RED' }], {
      type: 'NC',
      patch: {
        references: {
          origin: { documentId: 9, docNo: 'FT T1/9', reason: 'Devolução' },
          settles: [],
          correctedBy: [],
          settledBy: [],
          outstanding: null,
        },
      },
    });
    const xml = writeCiusPt({
      doc,
      options: { customizationVersion: '2.1.2', originIssueDate: '2025-04-30' },
    });
    const cn = parse(xml).CreditNote;
    expect(cn['cbc:CustomizationID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:2.1.2');
    expect(cn['cbc:CreditNoteTypeCode']).toBe('NC');
    expect(cn['cac:BillingReference']).toEqual({
      'cac:InvoiceDocumentReference': { 'cbc:ID': 'FT T1/9', 'cbc:IssueDate': '2025-04-30' },
    });
    expect(cn['cac:CreditNoteLine']).toBeDefined();
  });

  it('carries the AT certification notes, ATCUD + QR and the optional PDF', () => {
    const doc = viewOf([{ quantity: '1', unitPriceGross: '3.00', taxCode: 'NOR' }]);
    const pdf = Buffer.from('%PDF-1.4 fake');
    const inv = parse(writeCiusPt({ doc, options: { pdf } })).Invoice;
    expect(inv['cbc:Note']).toEqual(
      expect.arrayContaining(['#NUMBER@ATCERTIFIEDPROGRAM#9999#', '#HASHCODE@ATCERTIFIEDPROGRAM#abcd#']),
    );
    const refs = inv['cac:AdditionalDocumentReference'] as Array<
      Record<string, Record<string, Record<string, string>>>
    >;
    expect(refs[0]['cbc:ID']).toEqual({ '#text': 'ABCD1234-1', '@_schemeID': 'ANG' });
    expect(
      Buffer.from(
        refs[0]['cac:Attachment']['cbc:EmbeddedDocumentBinaryObject']['#text'],
        'base64',
      ).toString(),
    ).toBe(doc.qr);
    expect(refs[1]['cbc:DocumentDescription']).toBe('INVOICE_REPRESENTATION');
    expect(refs[1]['cac:Attachment']['cbc:EmbeddedDocumentBinaryObject']['#text']).toBe(
      pdf.toString('base64'),
    );
  });

  it('refuses cancelled documents and types that are not invoices', () => {
    const doc = viewOf([{ quantity: '1', unitPriceGross: '3.00', taxCode: 'NOR' }]);
    expect(() => writeCiusPt({ doc: { ...doc, status: 'A' } })).toThrow(/anulado/);
    expect(() => writeCiusPt({ doc: { ...doc, type: 'RG' } })).toThrow(/não se envia em CIUS-PT/);
  });
});
