import { z } from 'zod';
import { channel } from './define';
import { Id, IsoDate } from './common';
import { Money, Percent, Quantity, decimalProblem, percentOf } from './amounts';
import { ArticleInput } from './catalog-admin';
import { formatEuro } from '../money';
import { PurchaseDetail, PurchaseSummary } from './purchases';

/**
 * Issue 13 item 4 (Gestão › Compras): purchases typed by hand, iLink purchases matched to articles, both
 * confirmed into a warehouse (stock movements through the stock ledger), and returns to the supplier. One schema
 * per form, run by the screen as the manager types and by the core again on every call.
 */

const PurchaseId = z.string().min(1).max(60);

/** Net unit cost (without VAT) as on the supplier's paper: up to 6 decimals, like the ledger's costs. */
export const UnitCost = z.string().superRefine((v, ctx) => {
  const problem = decimalProblem(v, {
    label: 'O custo unitário',
    decimals: 6,
    min: '0',
    minExclusive: false,
    max: '999999999.99',
    show: (x) => formatEuro(x),
  });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ManualPurchaseLine = z
  .object({
    articleId: Id,
    quantity: Quantity,
    unitCost: UnitCost,
    discountPct: Percent.default('0'),
    vatRate: percentOf('A taxa de IVA'),
  })
  .strict();
export type ManualPurchaseLine = z.input<typeof ManualPurchaseLine>;

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label}: obrigatório.`)
    .max(max, `${label}: no máximo ${max} caracteres.`)
    .regex(/^[^\p{Cc}]*$/u, `${label}: caracteres de controlo não são permitidos.`);

/** The supplier's document types a shop receives on paper. ASSUMPTION: FT, FR, FS and VD (venda a dinheiro). */
export const MANUAL_PURCHASE_TYPES = ['FT', 'FR', 'FS', 'VD'] as const;

/**
 * A supplier invoice typed by hand. `typedTotals` are the totals printed on the supplier's paper: the core
 * computes its own, exactly, and refuses the purchase when they differ (so a mistyped line is caught).
 */
export const ManualPurchaseInput = z
  .object({
    supplierId: z.string().min(1, 'Fornecedor: obrigatório.').max(60),
    typeCode: z.enum(MANUAL_PURCHASE_TYPES).default('FT'),
    number: text('N.º do documento do fornecedor', 60),
    issueDate: IsoDate,
    dueDate: IsoDate.nullable().default(null),
    /** The warehouse the goods will enter (the confirmation may still choose another); none yet = null. */
    warehouseId: Id.nullable().default(null),
    lines: z
      .array(ManualPurchaseLine)
      .min(1, 'Indique pelo menos uma linha.')
      .max(500, 'No máximo 500 linhas.'),
    typedTotals: z.object({ net: Money, vat: Money, gross: Money }).strict(),
  })
  .strict();
export type ManualPurchaseInput = z.input<typeof ManualPurchaseInput>;
export type ParsedManualPurchase = z.output<typeof ManualPurchaseInput>;

/**
 * A correction of a manual purchase not yet in stock: the whole draft again (header, lines, the paper's totals),
 * checked exactly as on creation. The same schema runs in the "Corrigir compra" form and in the core.
 */
export const ManualPurchaseUpdate = ManualPurchaseInput.extend({ id: PurchaseId });
export type ManualPurchaseUpdate = z.input<typeof ManualPurchaseUpdate>;
export type ParsedManualPurchaseUpdate = z.output<typeof ManualPurchaseUpdate>;

export const ReturnInput = z
  .object({
    id: PurchaseId,
    reason: text('Motivo', 200),
    lines: z
      .array(z.object({ lineNo: z.number().int().positive(), quantity: Quantity }).strict())
      .min(1, 'Indique pelo menos uma quantidade a devolver.'),
  })
  .strict();
export type ReturnInput = z.input<typeof ReturnInput>;

export const purchasesStockContract = {
  'purchases/create-manual': channel({
    input: ManualPurchaseInput,
    output: PurchaseDetail,
    access: 'manager',
    summary: 'Regista (rascunho) uma fatura de fornecedor escrita à mão, com os totais do papel conferidos',
  }),
  'purchases/update-manual': channel({
    input: ManualPurchaseUpdate,
    output: PurchaseDetail,
    access: 'manager',
    summary:
      'Corrige uma compra escrita à mão ainda por confirmar (cabeçalho, linhas, totais do papel conferidos)',
  }),
  'purchases/discard-manual': channel({
    input: z.object({ id: PurchaseId }).strict(),
    output: z.object({ id: z.string(), number: z.string() }),
    access: 'manager',
    summary: 'Descarta (apaga) uma compra escrita à mão que ainda não entrou em stock',
  }),
  'purchases/match-line': channel({
    input: z.object({ id: PurchaseId, lineNo: z.number().int().positive(), articleId: Id }).strict(),
    output: PurchaseDetail,
    access: 'manager',
    summary: 'Associa uma linha de uma compra a um artigo (fica lembrado para este fornecedor)',
  }),
  'purchases/create-article': channel({
    input: z.object({ id: PurchaseId, lineNo: z.number().int().positive(), article: ArticleInput }).strict(),
    output: PurchaseDetail,
    access: 'manager',
    summary: 'Cria um artigo a partir de uma linha de compra e associa-a',
  }),
  'purchases/confirm': channel({
    input: z.object({ id: PurchaseId, warehouseId: Id }).strict(),
    output: PurchaseSummary,
    access: 'manager',
    summary: 'Confirma uma compra: entra em stock no armazém escolhido (uma só vez)',
  }),
  'purchases/return': channel({
    input: ReturnInput,
    output: PurchaseDetail,
    access: 'manager',
    summary: 'Devolução a fornecedor: quantidades até às compradas, saem do armazém da compra',
  }),
};
