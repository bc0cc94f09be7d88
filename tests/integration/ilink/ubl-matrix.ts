import type { Core } from '../../../electron/core/core';
import type { DocumentDraft, FiscalDocumentView } from '../../../shared/api/fiscal';
import { articleOf, type FiscalTestCore } from '../fiscal/fiscal-helpers';

/** Characters that must survive escaping, and accents. */
export const NASTY = `Sá & Filhos <"Lda"> d'Ávila ç ã õ € º`;

/**
 * A matrix of real documents issued through the fiscal service: every CIUS-PT type, every VAT rate and an
 * exemption, line and global discounts, a foreign buyer, NC and ND against an FT, long names and addresses,
 * `& < > " '` and accents, the order number. Returns the views as the read model gives them.
 */
export function issueMatrix(t: FiscalTestCore): FiscalDocumentView[] {
  const core: Core = t.core;
  const f = core.fiscal;
  const nor = articleOf(core, 'NOR');
  const int = articleOf(core, 'INT');
  const red = articleOf(core, 'RED');
  const ise = articleOf(core, 'ISE');
  const buyer = {
    nif: '501964843',
    name: `Empresa ${NASTY}, Lda.`,
    address: 'Rua de Santa Catarina, 1 – 2.º Esq.',
    city: 'Porto',
    postalCode: '4000-001',
  };
  const longBuyer = {
    nif: '503504564',
    name: `${'Companhia Portuguesa de Comércio e Indústria & Serviços Associados '.repeat(2)}`.slice(0, 100),
    address: `${'Avenida da República, Edifício Central, Bloco B, '.repeat(5)}`.slice(0, 210),
    city: 'Lisboa',
    postalCode: '1050-185',
  };
  const foreign = {
    nif: 'B12345674',
    name: 'Distribuciones Peña S.L.',
    address: 'Calle Mayor 5',
    city: 'Madrid',
    postalCode: '28013',
    country: 'ES',
  };
  const out: FiscalDocumentView[] = [];
  const issue = (d: DocumentDraft): FiscalDocumentView => {
    const v = f.issue(d, 2);
    t.clock.advance(60_000);
    out.push(v);
    return v;
  };
  const all = [
    { articleId: nor.id, quantity: '2' },
    { articleId: int.id, quantity: '1.5' },
    { articleId: red.id, quantity: '0.750' },
    { articleId: ise.id, quantity: '1' },
  ];
  const ft = issue({
    type: 'FT',
    lines: all,
    customer: buyer,
    additionalInfo: [
      { name: 'Nº Encomenda', value: 'ENC-7/2025' },
      { name: 'Obra', value: `Loja <"centro"> & 'armazém'` },
    ],
  });
  issue({
    type: 'FT',
    lines: [
      { articleId: nor.id, quantity: '3', discountPct: '12.5' },
      { articleId: int.id, quantity: '2', discountPct: '10' },
      { articleId: red.id, quantity: '1.234' },
      {
        description: `Serviço ${NASTY}`,
        unitPrice: '19.99',
        taxCode: 'NOR',
        quantity: '1',
        discountPct: '3',
      },
      {
        description: 'Livro escolar',
        unitPrice: '12.35',
        taxCode: 'ISE',
        exemptionCode: 'M07',
        quantity: '2',
      },
    ],
    globalDiscountPct: '7.5',
    customer: longBuyer,
    additionalInfo: [{ name: 'número de encomenda', value: 'PO 123' }],
  });
  // FR and FS are paid in full when issued: free lines with known prices give a known total.
  issue({
    type: 'FR',
    lines: [
      {
        description: 'Manual técnico',
        unitPrice: '5.00',
        taxCode: 'ISE',
        exemptionCode: 'M07',
        quantity: '2',
      },
      { description: 'Exportação', unitPrice: '50.00', taxCode: 'ISE', exemptionCode: 'M05', quantity: '1' },
    ],
    customer: buyer,
    payments: [
      { method: 'mbway', amount: '20.00' },
      { method: 'cash', amount: '40.00' },
    ],
  });
  issue({
    type: 'FS',
    lines: [
      { description: 'Café & pastel', unitPrice: '2.50', taxCode: 'NOR', quantity: '1' },
      { description: 'Pão "caseiro"', unitPrice: '1.20', taxCode: 'RED', quantity: '2', discountPct: '5' },
    ],
    customer: { nif: '123456789', name: `João d'Almeida`, isBusiness: false },
    payments: [{ method: 'card', amount: '4.78' }],
  });
  issue({
    type: 'FT',
    lines: [
      { articleId: nor.id, quantity: '4' },
      { articleId: red.id, quantity: '1' },
    ],
    customer: foreign,
  });
  issue({
    type: 'FT',
    lines: [{ articleId: int.id, quantity: '1' }],
    customer: { nif: '508025338', name: 'Cliente sem morada' },
    globalDiscountPct: '100',
  });
  const lineId = (docId: number, lineNo: number): number =>
    (
      core.ctx.db.sqlite
        .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
        .get(docId, lineNo) as { id: number }
    ).id;
  issue({
    type: 'NC',
    origin: { documentId: ft.id, reason: `Devolução <parcial> & "troca"` },
    lines: [
      { originLineId: lineId(ft.id, 1), quantity: '1' },
      { originLineId: lineId(ft.id, 4), quantity: '1' },
    ],
  });
  issue({
    type: 'ND',
    origin: { documentId: ft.id, reason: 'Portes em falta' },
    lines: [{ description: 'Portes', unitPrice: '7.38', taxCode: 'NOR', quantity: '1' }],
  });
  return out;
}
