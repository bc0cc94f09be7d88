import { z } from 'zod';
import { IsoDate } from './common';
import { channel } from './define';

/**
 * Issue 14 §3: sales reports (Gestão › Relatórios › Vendas). Money in integer cents (summed exactly from the
 * documents' 2-decimal amounts); quantities as exact decimal strings. Sales = FS, FR, FT and ND minus NC, never
 * cancelled documents, never receipts (RG) or transport documents.
 */
export const SalesDimension = z.enum([
  'period',
  'article',
  'family',
  'operator',
  'terminal',
  'hour',
  'vat',
  'top',
]);
export type SalesDimension = z.infer<typeof SalesDimension>;

/** Longest period one report covers (a fiscal year and its comparison fit). */
export const SALES_MAX_DAYS = 400;

const dayNumber = (d: string): number =>
  Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5;

export const SalesReportInput = z
  .object({
    by: SalesDimension,
    /** Inclusive local calendar days (doc_date). */
    from: IsoDate,
    to: IsoDate,
    /** For `period`: one row per day or per month. */
    granularity: z.enum(['day', 'month']).default('day'),
    /** For `top`: how many articles. */
    limit: z.number().int().min(1).max(100).default(10),
    /** Also the same figures for the period of the same length just before. */
    compare: z.boolean().default(true),
  })
  .strict()
  .refine((i) => i.from <= i.to, { message: 'A data inicial é posterior à final.', path: ['to'] })
  .refine((i) => dayNumber(i.to) - dayNumber(i.from) < SALES_MAX_DAYS, {
    message: `Período demasiado longo (máximo ${SALES_MAX_DAYS} dias).`,
    path: ['to'],
  });
export type SalesReportInput = z.input<typeof SalesReportInput>;

export const SalesRow = z.object({
  /** Stable within a report (article id, family name, hour "09", rate key…): rows of two periods match by it. */
  key: z.string(),
  label: z.string(),
  documents: z.number().int(),
  /** Quantity sold (article, family, top); null where it means nothing (a document-level dimension). */
  quantity: z.string().nullable(),
  netCents: z.number().int(),
  taxCents: z.number().int(),
  grossCents: z.number().int(),
  /** Cost of the quantity sold at the stock's average cost; null where no cost is known. */
  costCents: z.number().int().nullable(),
  /** net − cost, only where the cost is known. */
  marginCents: z.number().int().nullable(),
  /** VAT summary: rate in % ("23") or null for an exemption; exemption code (M07…) or null. */
  rate: z.string().nullable(),
  exemption: z.string().nullable(),
});
export type SalesRow = z.infer<typeof SalesRow>;

export const SalesTotals = SalesRow.pick({
  documents: true,
  netCents: true,
  taxCents: true,
  grossCents: true,
  costCents: true,
  marginCents: true,
});
export type SalesTotals = z.infer<typeof SalesTotals>;

export const SalesReport = z.object({
  by: SalesDimension,
  /** pt-PT title, e.g. "Vendas por família". */
  title: z.string(),
  from: IsoDate,
  to: IsoDate,
  rows: z.array(SalesRow),
  totals: SalesTotals,
  /** The period of the same length just before, when asked for. */
  previous: z.object({ from: IsoDate, to: IsoDate, rows: z.array(SalesRow), totals: SalesTotals }).nullable(),
});
export type SalesReport = z.infer<typeof SalesReport>;

export const salesReportsContract = {
  'reports/sales': channel({
    input: SalesReportInput,
    output: SalesReport,
    access: 'reader',
    summary: 'Relatório de vendas (por período, artigo, família, operador, terminal, hora; IVA; top)',
  }),
  'reports/sales-pdf': channel({
    input: SalesReportInput,
    output: z.object({ filename: z.string(), base64: z.string() }),
    access: 'reader',
    summary: 'O relatório de vendas em PDF (A4), com o gráfico',
  }),
};
