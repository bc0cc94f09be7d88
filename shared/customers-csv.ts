import type { Customer, CustomerInput } from './api/customers';
import type { CsvColumn } from './catalog-csv';
import { ptKey } from './text/pt-collation';

/**
 * The customers CSV (issue 12 item 2; the README's "Clientes" section lists the same columns). The same reader,
 * writer and header matching as the articles CSV (shared/csv.ts, shared/catalog-csv.ts): header names without
 * accents or case, any order, unknown columns refuse the file, a column absent keeps the current value.
 * Rows are matched by `nif` (a real one), else by `codigo`.
 */
export const CUSTOMER_CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'codigo', help: 'código do cliente (vazio num cliente novo = gerado)', example: 'C001' },
  {
    name: 'nif',
    help: 'NIF português (9 algarismos) ou NIF da UE com o prefixo do país (ESB12345674); vazio = sem NIF',
    example: '501964843',
  },
  { name: 'nome', help: 'nome ou firma (até 100 caracteres)', example: 'Padaria Açoriana, Lda.' },
  { name: 'morada', help: 'morada (até 210)', example: 'Rua da Sé, 12' },
  { name: 'codigo_postal', help: 'em Portugal NNNN-NNN', example: '9500-050' },
  { name: 'localidade', help: 'localidade (até 50)', example: 'Ponta Delgada' },
  { name: 'pais', help: 'código do país, duas letras (vazio = PT)', example: 'PT' },
  { name: 'email', help: 'e-mail', example: 'geral@padaria.pt' },
  { name: 'telefone', help: 'telefone', example: '296 000 000' },
  { name: 'prazo_pagamento', help: 'prazo de pagamento em dias (0 a 365)', example: '30' },
  { name: 'fatura_eletronica', help: 'sim/não: faturas enviadas pelo iLink', example: 'não' },
  { name: 'ativo', help: 'sim/não (vazio = sim)', example: 'sim' },
];

export const CUSTOMER_CSV_HEADER = CUSTOMER_CSV_COLUMNS.map((c) => c.name);

/** A header cell → its column name, or null (accents, case, spaces and "-" ignored, as the articles CSV). */
export function customerCsvColumnOf(header: string): string | null {
  const k = ptKey(header).replace(/ /g, '_');
  return CUSTOMER_CSV_HEADER.includes(k) ? k : null;
}

/** One exported row, in CUSTOMER_CSV_HEADER's order. A customer without NIF exports an empty `nif`. */
export function customerCsvRow(c: Customer): string[] {
  const yesNo = (b: boolean): string => (b ? 'sim' : 'não');
  return [
    c.code,
    c.nif === '999999990' ? '' : c.nif,
    c.name,
    c.address,
    c.postalCode,
    c.city,
    c.country,
    c.email,
    c.phone,
    String(c.paymentTermsDays),
    yesNo(c.einvoice),
    yesNo(c.active),
  ];
}

/** The downloadable template: the header and one example row. */
export function customerCsvTemplate(): string[][] {
  return [CUSTOMER_CSV_HEADER.slice(), CUSTOMER_CSV_COLUMNS.map((c) => c.example)];
}

/** A customer as the form's input (for a re-import that changes only some columns). */
export function inputOfCustomer(c: Customer): CustomerInput {
  return {
    code: c.code,
    nif: c.nif === '999999990' ? '' : c.nif,
    name: c.name,
    address: c.address,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    email: c.email,
    phone: c.phone,
    paymentTermsDays: c.paymentTermsDays,
    einvoice: c.einvoice,
    active: c.active,
  };
}
