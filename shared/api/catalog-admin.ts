import { z } from 'zod';
import { barcodeKind, barcodeProblem } from '../barcode';
import { isKnownExemption } from '../fiscal/exemptions';
import { channel } from './define';
import { Id } from './common';
import { UnitPrice } from './amounts';
import { Article, TaxCode, Unit } from './catalog';
import { DecimalString } from '../money';

/**
 * Gestão › Artigos (issue 12 items 1–2): the manager's catalogue. One schema (`ArticleInput`) validates the
 * form as the manager types and the core again on every call (a call that bypasses the screen gets the same
 * refusal). Messages are pt-PT and carry the field in their path.
 */

/** Colours of a favourite's button on the till (classes `fav--<colour>` in renderer/src/styles/pos.css). */
export const TILL_COLOURS = ['azul', 'verde', 'amarelo', 'laranja', 'vermelho', 'roxo', 'cinzento'] as const;
export const TillColour = z.enum(TILL_COLOURS);

/** SAF-T limits: ProductCode ≤ 60, ProductDescription 2–200 (SAF-T PT 1.04_01). */
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${label}: obrigatório.` : `${label}: pelo menos ${min} caracteres.`)
        .max(max, `${label}: no máximo ${max} caracteres.`)
        .regex(NO_CONTROL, `${label}: caracteres de controlo não são permitidos.`),
    );

export const ArticleCode = text('Código', 1, 60).pipe(
  z.string().regex(/^[^\s;,"]+$/, 'Código: sem espaços, ";", "," nem aspas.'),
);
export const FamilyName = text('Família', 1, 50);

export const ArticleInput = z
  .object({
    code: ArticleCode,
    name: text('Descrição', 2, 200),
    shortName: text('Nome curto', 0, 40)
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .default(null),
    family: text('Família', 0, 50).default(''),
    unit: Unit,
    /** The price with VAT (`priceIncludesVat`) or without it; the core stores the price with VAT. */
    price: UnitPrice,
    priceIncludesVat: z.boolean().default(true),
    taxCode: TaxCode,
    exemptionCode: z.string().nullable().default(null),
    productType: z.enum(['P', 'S']).default('P'),
    barcodes: z.array(z.string().trim()).max(20, 'No máximo 20 códigos de barras.').default([]),
    favourite: z.boolean().default(false),
    tillPosition: z
      .number()
      .int('Posição: número inteiro.')
      .min(1, 'Posição: de 1 a 999.')
      .max(999, 'Posição: de 1 a 999.')
      .nullable()
      .default(null),
    tillColour: TillColour.nullable().default(null),
    weighed: z.boolean().default(false),
    scaleCode: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v))
      .pipe(
        z
          .string()
          .regex(/^\d{1,5}$/, 'Código da balança: 1 a 5 algarismos.')
          .nullable(),
      )
      .nullable()
      .default(null),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (a.taxCode === 'ISE') {
      if (!a.exemptionCode) issue('exemptionCode', 'Artigo isento: indique o motivo de isenção (M01…M99).');
      else if (!isKnownExemption(a.exemptionCode)) {
        issue('exemptionCode', `Motivo de isenção ${a.exemptionCode} desconhecido ou revogado.`);
      }
    } else if (a.exemptionCode) {
      issue('exemptionCode', 'Só um artigo isento (IVA ISE) tem motivo de isenção.');
    }
    const seen = new Set<string>();
    a.barcodes.forEach((b, i) => {
      const problem = barcodeProblem(b);
      if (problem) ctx.addIssue({ code: 'custom', path: ['barcodes', i], message: problem });
      if (seen.has(b)) {
        ctx.addIssue({ code: 'custom', path: ['barcodes', i], message: `Código de barras ${b} repetido.` });
      }
      seen.add(b);
    });
    if (a.weighed && a.unit !== 'KG') issue('unit', 'Um artigo pesado vende-se ao quilo (KG).');
    if (a.scaleCode && !a.weighed) issue('scaleCode', 'Só um artigo pesado tem código da balança.');
    if (a.tillPosition !== null && !a.favourite) {
      issue('tillPosition', 'A posição na caixa é a de um favorito: marque-o como favorito.');
    }
  });
export type ArticleInput = z.input<typeof ArticleInput>;
export type ParsedArticleInput = z.output<typeof ArticleInput>;

export const BarcodeEntry = z.object({
  barcode: z.string(),
  kind: z.enum(['EAN13', 'EAN8', 'UPCA', 'GTIN14', 'INTERNAL']),
});
export const barcodeEntry = (barcode: string): z.infer<typeof BarcodeEntry> => ({
  barcode,
  kind: barcodeKind(barcode),
});

export const ArticleDetail = z.object({
  article: Article,
  barcodes: z.array(BarcodeEntry),
  /** VAT of the shop's region today (company.tax_region) and the price without VAT derived from it. */
  taxRegion: z.enum(['PT', 'PT-AC', 'PT-MA']),
  taxPct: DecimalString,
  netPrice: DecimalString,
  /** Used on a fiscal document: code and description are locked, the article can only be deactivated. */
  usedOnDocuments: z.boolean(),
});
export type ArticleDetail = z.infer<typeof ArticleDetail>;

export const Family = z.object({ id: z.string(), name: z.string(), articles: z.number().int() });
export type Family = z.infer<typeof Family>;

export const PriceChange = z.object({
  at: z.string(),
  operator: z.string().nullable(),
  oldPrice: DecimalString,
  newPrice: DecimalString,
  via: z.string(),
});
export type PriceChange = z.infer<typeof PriceChange>;

export const ImportReport = z.object({
  /** Rows read (header excluded). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** `linha N: motivo` (N counts the file's lines, header = 1). */
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** False when nothing was written: a rejected file (all-or-nothing) or a dry run. */
  applied: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** 20 MB of text: about 150 000 articles. */
const MAX_CSV = 20_000_000;

export const catalogAdminContract = {
  'catalog/detail': channel({
    input: z.object({ id: Id }).strict(),
    output: ArticleDetail,
    access: 'reader',
    summary: 'Ficha de um artigo (códigos de barras, IVA da região, preço sem IVA)',
  }),
  'catalog/save': channel({
    input: z.object({ id: Id.optional(), article: ArticleInput }).strict(),
    output: ArticleDetail,
    access: 'manager',
    summary: 'Cria ou altera um artigo (alterações de preço ficam no registo de auditoria)',
  }),
  'catalog/set-active': channel({
    input: z.object({ id: Id, active: z.boolean() }).strict(),
    output: Article,
    access: 'manager',
    summary: 'Ativa ou desativa um artigo (um artigo usado em documentos nunca é apagado)',
  }),
  'catalog/delete': channel({
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    access: 'manager',
    summary: 'Apaga um artigo que nunca foi vendido (os outros só se desativam)',
  }),
  'catalog/price-history': channel({
    input: z.object({ id: Id }).strict(),
    output: z.array(PriceChange),
    access: 'reader',
    summary: 'Alterações de preço de um artigo (quem, quando, antes → depois)',
  }),
  'catalog/families': channel({
    input: z.object({}).strict(),
    output: z.array(Family),
    access: 'session',
    summary: 'Famílias de artigos, por ordem portuguesa',
  }),
  'catalog/family-save': channel({
    input: z.object({ id: z.string().min(1).max(60).optional(), name: FamilyName }).strict(),
    output: Family,
    access: 'manager',
    summary: 'Cria ou muda o nome de uma família (os artigos seguem-na)',
  }),
  'catalog/family-delete': channel({
    input: z.object({ id: z.string().min(1).max(60) }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    access: 'manager',
    summary: 'Apaga uma família sem artigos',
  }),
  'catalog/import-csv': channel({
    input: z
      .object({
        csv: z.string().max(MAX_CSV, 'Ficheiro demasiado grande (máximo 20 MB).'),
        skipInvalid: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: ImportReport,
    access: 'manager',
    summary: 'Importa artigos de CSV (tudo ou nada; atualiza pelo código)',
  }),
  'catalog/export-csv': channel({
    input: z.object({}).strict(),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    access: 'reader',
    summary: 'Exporta o catálogo em CSV (UTF-8, ";", vírgula decimal)',
  }),
};
