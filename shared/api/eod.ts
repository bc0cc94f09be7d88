import { z } from 'zod';
import { channel } from './define';
import { IsoDateTime } from './common';

/**
 * Issue 14: the end-of-day reconciliation record (fecho do dia), one per day and terminal, versioned. The record
 * is what every report (screen, PDF, CSV, JSON) shows: none of them recomputes a figure. Money in a line is in
 * integer cents (the unexplained remainder is exact to the cent); documents' own decimal amounts are summed with
 * decimal.js before being turned into cents.
 */
export const EodLight = z.enum(['certo', 'explicadas', 'por-explicar']);
export type EodLight = z.infer<typeof EodLight>;

/** One source per section; the ones other parts build plug in through their own EodSection port. */
export const EodSectionId = z.enum(['documents', 'cash', 'cards', 'paypay', 'ilink', 'stock', 'devices']);
export type EodSectionId = z.infer<typeof EodSectionId>;

export const EodDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data no formato AAAA-MM-DD.');

/** What a line points at, for the drill-down (links to documents and journal entries). */
export const EodRef = z.object({
  kind: z.enum(['document', 'journal', 'shift', 'sale', 'payment', 'print-job', 'job', 'drawer-event']),
  id: z.union([z.number().int(), z.string()]),
  /** pt-PT, e.g. "FS T1F/12", "diário n.º 31", "turno 4 (Z 3)". */
  label: z.string(),
});
export type EodRef = z.infer<typeof EodRef>;

export const EodLine = z.object({
  /** Stable within a section (versions are compared by it). */
  key: z.string(),
  /** pt-PT, what is reconciled. */
  item: z.string(),
  /** null for a count or a fact that has no money side. */
  expectedCents: z.number().int().nullable(),
  actualCents: z.number().int().nullable(),
  differenceCents: z.number().int().nullable(),
  /** What the listed operations explain of the difference; the rest is unexplained. */
  explainedCents: z.number().int().nullable(),
  light: EodLight,
  /** pt-PT: the operations that explain it, or why it is unexplained. */
  explanation: z.string(),
  refs: z.array(EodRef),
});
export type EodLine = z.infer<typeof EodLine>;

export const EodSection = z.object({
  id: EodSectionId,
  title: z.string(),
  configured: z.boolean(),
  /** null when not configured ("não configurado"). */
  light: EodLight.nullable(),
  /** The section's day in one line (pt-PT). */
  summary: z.string(),
  lines: z.array(EodLine),
  /** Section-specific figures (counts, totals) shown as a small table. */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type EodSection = z.infer<typeof EodSection>;

export const EodCharts = z.object({
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), cents: z.number().int() })),
  byMethod: z.array(z.object({ method: z.string(), name: z.string(), cents: z.number().int() })),
  byFamily: z.array(z.object({ family: z.string(), cents: z.number().int() })),
  /** Cash (drawer + CI-5) after each movement, in time order. */
  cashPosition: z.array(z.object({ at: IsoDateTime, cents: z.number().int() })),
});
export type EodCharts = z.infer<typeof EodCharts>;

/** Where the incremental chain verification stopped: the next run verifies only what follows. */
export const EodCheckpoint = z.object({
  series: z.array(
    z.object({
      seriesId: z.number().int(),
      number: z.number().int(),
      hash: z.string(),
      documentId: z.number().int(),
    }),
  ),
});
export type EodCheckpoint = z.infer<typeof EodCheckpoint>;

export const EodRecord = z.object({
  id: z.string(),
  terminalId: z.string(),
  day: EodDay,
  version: z.number().int().min(1),
  createdAt: IsoDateTime,
  trigger: z.enum(['auto', 'manual', 'cli']),
  training: z.boolean(),
  light: EodLight,
  /** The whole day in one line (pt-PT). */
  verdict: z.string(),
  sections: z.array(EodSection),
  charts: EodCharts,
  checkpoint: EodCheckpoint,
  /** From version 2 on: what changed since the previous version (pt-PT lines). */
  changes: z.array(z.string()),
  previousId: z.string().nullable(),
});
export type EodRecord = z.infer<typeof EodRecord>;

export const EodDaySummary = z.object({
  day: EodDay,
  version: z.number().int(),
  light: EodLight,
  verdict: z.string(),
  id: z.string(),
});
export type EodDaySummary = z.infer<typeof EodDaySummary>;

export const eodContract = {
  'reports/eod-run': channel({
    input: z.object({ day: EodDay.optional() }).strict(),
    output: EodRecord,
    access: 'manager',
    summary: 'Corre o fecho do dia (reconciliação) e devolve o registo',
  }),
  'reports/eod-get': channel({
    input: z.object({ day: EodDay, version: z.number().int().min(1).optional() }).strict(),
    output: EodRecord.nullable(),
    access: 'reader',
    summary: 'O registo do fecho de um dia (a última versão, ou a pedida)',
  }),
  'reports/eod-list': channel({
    input: z.object({ days: z.number().int().min(1).max(366).default(31) }).strict(),
    output: z.array(EodDaySummary),
    access: 'reader',
    summary: 'Os últimos fechos do dia, com o resultado de cada um',
  }),
};
