import type { Article } from './api/catalog';
import type { ArticleInput } from './api/catalog-admin';
import { ptKey } from './text/pt-collation';

/**
 * The article CSV (issue 12 item 2; the README's "Artigos" section lists the same columns). Header names are
 * matched without accents or case ("Descrição" = "descricao"); the order is free; unknown columns refuse the
 * file. A column absent from the file keeps the article's current value on re-import (a file with `codigo;preco`
 * changes prices only); a new article needs `descricao`, `iva` and a price.
 */
export interface CsvColumn {
  name: string;
  /** pt-PT, for the README and the template's help. */
  help: string;
  example: string;
}

export const ARTICLE_CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'codigo', help: 'código do artigo (chave: reimportar atualiza pelo código)', example: 'A1001' },
  { name: 'descricao', help: 'descrição (2 a 200 caracteres)', example: 'Pão de forma 500 g' },
  { name: 'nome_curto', help: 'nome no talão (até 40), vazio = descrição', example: 'Pão forma' },
  { name: 'familia', help: 'família (criada se não existir)', example: 'Padaria' },
  { name: 'unidade', help: 'UN, KG, L ou M (vazio = UN)', example: 'UN' },
  { name: 'preco', help: 'preço com IVA (vírgula ou ponto decimal)', example: '1,89' },
  { name: 'preco_sem_iva', help: 'em alternativa a preco: preço sem IVA', example: '' },
  { name: 'iva', help: 'NOR, INT, RED ou ISE (isento)', example: 'RED' },
  { name: 'motivo_isencao', help: 'código AT do motivo de isenção (M01…M99), só com ISE', example: '' },
  { name: 'tipo', help: 'P (produto) ou S (serviço), como o ProductType do SAF-T', example: 'P' },
  {
    name: 'codigos_barras',
    help: 'EAN-13, EAN-8, UPC-A ou internos, separados por espaço ou |',
    example: '5601234100013',
  },
  { name: 'favorito', help: 'sim/não', example: 'sim' },
  { name: 'posicao', help: 'posição do favorito na caixa (1 a 999)', example: '1' },
  {
    name: 'cor',
    help: 'cor do botão: azul, verde, amarelo, laranja, vermelho, roxo, cinzento',
    example: 'amarelo',
  },
  { name: 'pesado', help: 'sim/não: vendido ao peso (unidade KG)', example: 'não' },
  {
    name: 'codigo_balanca',
    help: 'código do artigo na balança (1 a 5 algarismos), só para pesados',
    example: '',
  },
  { name: 'ativo', help: 'sim/não (vazio = sim)', example: 'sim' },
];

export const ARTICLE_CSV_HEADER = ARTICLE_CSV_COLUMNS.map((c) => c.name);

/** A header cell → its column name, or null (accents, case, spaces and "-" ignored). */
export function csvColumnOf(header: string): string | null {
  const k = ptKey(header).replace(/ /g, '_');
  return ARTICLE_CSV_HEADER.includes(k) ? k : null;
}

/** "1.234,56", "1234,56", "1234.56" → "1234.56"; anything else is returned as typed (the schema refuses it). */
export function csvDecimal(v: string): string {
  const s = v.trim().replace(/\s|€/g, '');
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return s.replace(/\./g, '').replace(',', '.');
  if (/^\d+,\d+$/.test(s)) return s.replace(',', '.');
  return s;
}

const YES = new Set(['sim', 's', '1', 'true', 'verdadeiro', 'x', 'yes']);
const NO = new Set(['nao', 'n', '0', 'false', 'falso', 'no', '']);

/** "sim"/"não" (and 1/0, true/false); null when it is neither. */
export function csvBoolean(v: string): boolean | null {
  const k = ptKey(v);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return null;
}

export const formatCsvDecimal = (v: string): string => v.replace('.', ',');

/** One exported row, in ARTICLE_CSV_HEADER's order (decimal comma, the price with VAT). */
export function articleCsvRow(a: Article, barcodes: readonly string[]): string[] {
  const yesNo = (b: boolean): string => (b ? 'sim' : 'não');
  return [
    a.code,
    a.name,
    a.shortName ?? '',
    a.family,
    a.unit,
    formatCsvDecimal(a.price),
    '',
    a.taxCode,
    a.exemptionCode ?? '',
    a.productType,
    barcodes.join(' '),
    yesNo(a.favourite),
    a.tillPosition === null ? '' : String(a.tillPosition),
    a.tillColour ?? '',
    yesNo(a.weighed),
    a.scaleCode ?? '',
    yesNo(a.active),
  ];
}

/** The downloadable template: the header and one example row. */
export function articleCsvTemplate(): string[][] {
  return [ARTICLE_CSV_HEADER.slice(), ARTICLE_CSV_COLUMNS.map((c) => c.example)];
}

/** An article as the form's input (for a re-import that changes only some columns). */
export function inputOfArticle(a: Article, barcodes: readonly string[]): ArticleInput {
  return {
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    family: a.family,
    unit: a.unit,
    price: a.price,
    priceIncludesVat: true,
    taxCode: a.taxCode,
    exemptionCode: a.exemptionCode,
    productType: a.productType,
    barcodes: [...barcodes],
    favourite: a.favourite,
    tillPosition: a.tillPosition,
    tillColour: (a.tillColour as ArticleInput['tillColour']) ?? null,
    weighed: a.weighed,
    scaleCode: a.scaleCode,
    active: a.active,
  };
}
