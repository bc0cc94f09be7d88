import { z } from 'zod';
import { channel } from './define';
import { Empty, Id, IsoDateTime } from './common';

/**
 * Printing: the persistent print queue, printers and the virtual printer preview. A sale never waits for the
 * printer: issuing a document only enqueues a job; the queue prints (and retries) in the background.
 */
export const PrintJobState = z.enum(['pending', 'printing', 'done', 'cancelled']);
export type PrintJobState = z.infer<typeof PrintJobState>;

export const PrintJob = z.object({
  id: Id,
  printerId: z.string(),
  /** 'report': an X/Z shift report (non-fiscal; `docNo` holds its label, e.g. "Relatório Z n.º 3"). */
  kind: z.enum(['document', 'drawer', 'report']),
  /** Fiscal document id and number, for document jobs. */
  documentId: z.number().int().nullable(),
  docNo: z.string().nullable(),
  /** A reprint: printed with "2.ª via". */
  copy: z.boolean(),
  state: PrintJobState,
  attempts: z.number().int(),
  /** pt-PT reason of the last failure (paper out, printer off…), shown to the operator. */
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  printedAt: IsoDateTime.nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const PrinterInfo = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  paper: z.enum(['58mm-32', '80mm-42', '80mm-48']),
  qr: z.enum(['native', 'raster']),
  isDefault: z.boolean(),
  pendingJobs: z.number().int(),
});
export type PrinterInfo = z.infer<typeof PrinterInfo>;

const PrinterId = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, 'Identificador de impressora inválido (minúsculas, algarismos e hífen)');

export const printingContract = {
  'printing/list-jobs': channel({
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(50), state: PrintJobState.optional() })
      .strict(),
    output: z.array(PrintJob),
    access: 'session',
    summary: 'Fila de impressão: trabalhos recentes e o seu estado',
  }),
  'printing/list-printers': channel({
    input: Empty,
    output: z.array(PrinterInfo),
    access: 'session',
    summary: 'Impressoras configuradas e trabalhos pendentes',
  }),
  'printing/reprint': channel({
    input: z.object({ documentId: Id, printerId: PrinterId.optional() }).strict(),
    output: z.object({ jobId: Id }),
    access: 'operator',
    summary: 'Reimprime um documento do histórico (sai como "2.ª via")',
  }),
  'printing/retry-job': channel({
    input: z.object({ jobId: Id }).strict(),
    output: z.object({ ok: z.literal(true) }),
    access: 'operator',
    summary: 'Tenta imprimir já um trabalho pendente',
  }),
  'printing/open-drawer': channel({
    input: z
      .object({ reason: z.string().trim().min(3, 'Indique o motivo da abertura da gaveta').max(200) })
      .strict(),
    output: z.object({ jobId: Id }),
    access: 'manager',
    summary: 'Abre a gaveta de dinheiro (fica registado quem, quando e porquê)',
  }),
  'printing/last-preview': channel({
    input: Empty,
    output: z.object({ dataUrl: z.string(), renderedAt: IsoDateTime }).nullable(),
    access: 'operator',
    summary: 'Imagem do último talão da impressora virtual (pré-visualização)',
  }),
  'printing/configure-printer': channel({
    input: z
      .object({
        id: PrinterId,
        name: z.string().trim().min(1).max(60),
        uri: z.string().min(1).max(300),
        paper: z.enum(['58mm-32', '80mm-42', '80mm-48']).default('80mm-48'),
        qr: z.enum(['native', 'raster']).default('native'),
        isDefault: z.boolean().default(false),
      })
      .strict(),
    output: PrinterInfo,
    access: 'manager',
    summary: 'Configura uma impressora (endereço, papel, QR)',
  }),
};

export const printingEvents = {
  'printing/job-changed': PrintJob,
};
