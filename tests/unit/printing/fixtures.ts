import { PrintableDocument, type PrintableDocumentInput } from '../../../electron/core/printing/printable';

/**
 * Fixed documents for the printing tests. The FS is the worked example of fiscal-pt.md §4.5 (AT test key,
 * made-up ATCUD code, placeholder certificate 9999); the others follow the same issuer.
 */
const issuer = {
  name: 'Mercearia Exemplo, Unipessoal Lda. — Loja da Avenida da República',
  nif: '599999993',
  address: ['Avenida da República, 1000 R/C Esq.', '1050-190 Lisboa'],
  softwareName: 'Balcão',
};

export const FS_QR =
  'A:599999993*B:999999990*C:PT*D:FS*E:N*F:20250314*G:FS POS1/1*H:AAJFJ4VH-1*I1:PT*I7:10.00*I8:2.30*N:2.30*O:12.30*Q:hWFf*R:9999';

const fsInput: PrintableDocumentInput = {
  docType: 'FS',
  docTypeName: 'Fatura simplificada',
  number: 'FS POS1/1',
  issuedAt: '2025-03-14T10:15:30',
  issuer,
  customer: { nif: null },
  lines: [
    {
      quantity: '1',
      unit: 'UN',
      description: 'Café torrado em grão, lote especial da casa com aroma intenso (embalagem 1 kg)',
      unitPrice: '12.30',
      taxRate: '23',
      amount: '12.30',
    },
  ],
  taxSummary: [{ rate: '23', base: '10.00', tax: '2.30' }],
  totals: { net: '10.00', tax: '2.30', gross: '12.30' },
  payments: [{ method: 'cash', label: 'Numerário', amount: '12.30', given: '20.00', change: '7.70' }],
  atcud: 'AAJFJ4VH-1',
  qr: FS_QR,
  hashChars: 'hWFf',
  certificateNumber: '9999',
  training: false,
  operatorName: 'Ana',
};

export const fs = (over: Partial<PrintableDocumentInput> = {}): PrintableDocument =>
  PrintableDocument.parse({ ...fsInput, ...over });

export const fr = (over: Partial<PrintableDocumentInput> = {}): PrintableDocument =>
  PrintableDocument.parse({
    ...fsInput,
    docType: 'FR',
    docTypeName: 'Fatura-recibo',
    number: 'FR POS1/7',
    customer: { nif: '123456789', name: 'João Conceição', address: ['Rua das Flores, 12', '4050-262 Porto'] },
    lines: [
      {
        quantity: '2',
        unit: 'UN',
        description: 'Pão de Mafra',
        unitPrice: '1.50',
        taxRate: '6',
        amount: '3.00',
      },
      {
        quantity: '1',
        unit: 'UN',
        description: 'Livro escolar',
        unitPrice: '8.00',
        taxRate: null,
        exemptionCode: 'M07',
        amount: '8.00',
      },
      {
        quantity: '0.750',
        unit: 'KG',
        description: 'Queijo da Serra',
        unitPrice: '24.00',
        taxRate: '23',
        discount: '1.80',
        amount: '16.20',
      },
    ],
    taxSummary: [
      { rate: '6', base: '2.83', tax: '0.17' },
      { rate: '23', base: '13.17', tax: '3.03' },
      { rate: null, exemptionCode: 'M07', base: '8.00', tax: '0.00' },
    ],
    exemptions: [{ code: 'M07', reason: 'Isento artigo 9.º do CIVA' }],
    totals: { net: '24.00', tax: '3.20', gross: '27.20' },
    payments: [
      { method: 'card', label: 'Cartão', amount: '20.00' },
      {
        method: 'multibanco',
        label: 'Multibanco',
        amount: '7.20',
        multibanco: { entity: '21098', reference: '123456789' },
      },
    ],
    atcud: 'AAJFR5XY-7',
    qr: 'A:599999993*B:123456789*C:PT*D:FR*E:N*F:20250314*G:FR POS1/7*H:AAJFR5XY-7*I1:PT*I2:8.00*I3:2.83*I4:0.17*I7:13.17*I8:3.03*N:3.20*O:27.20*Q:Xy12*R:9999',
    hashChars: 'Xy12',
    ...over,
  });

export const nc = (over: Partial<PrintableDocumentInput> = {}): PrintableDocument =>
  PrintableDocument.parse({
    ...fsInput,
    docType: 'NC',
    docTypeName: 'Nota de crédito',
    number: 'NC POS1/2',
    customer: { nif: '123456789', name: 'João Conceição', address: [] },
    references: [{ number: 'FR POS1/7', reason: 'Devolução de artigo com defeito' }],
    lines: [
      {
        quantity: '1',
        unit: 'UN',
        description: 'Pão de Mafra',
        unitPrice: '1.50',
        taxRate: '6',
        amount: '1.50',
      },
    ],
    taxSummary: [{ rate: '6', base: '1.42', tax: '0.08' }],
    totals: { net: '1.42', tax: '0.08', gross: '1.50' },
    payments: [],
    atcud: 'AAJNC8QW-2',
    qr: 'A:599999993*B:123456789*C:PT*D:NC*E:N*F:20250314*G:NC POS1/2*H:AAJNC8QW-2*I1:PT*I3:1.42*I4:0.08*N:0.08*O:1.50*Q:Ab9Z*R:9999',
    hashChars: 'Ab9Z',
    ...over,
  });

export const rg = (over: Partial<PrintableDocumentInput> = {}): PrintableDocument =>
  PrintableDocument.parse({
    ...fsInput,
    docType: 'RG',
    docTypeName: 'Recibo',
    number: 'RG POS1/3',
    customer: { nif: '123456789', name: 'João Conceição', address: [] },
    references: [{ number: 'FT POS1/40', reason: null }],
    lines: [],
    taxSummary: [],
    totals: { net: '150.00', tax: '0.00', gross: '150.00' },
    payments: [{ method: 'transfer', label: 'Transferência', amount: '150.00' }],
    atcud: 'AAJRG2MN-3',
    qr: 'A:599999993*B:123456789*C:PT*D:RG*E:N*F:20250314*G:RG POS1/3*H:AAJRG2MN-3*I1:0*N:0.00*O:150.00*Q:0*R:9999',
    hashChars: null,
    ...over,
  });
