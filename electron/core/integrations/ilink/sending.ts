import { z } from 'zod';
import { dueDateFromInfo } from '../../../../shared/api/invoicing';
import { PosError } from '../../../../shared/errors';
import { CONSUMIDOR_FINAL_NIF } from '../../../../shared/fiscal/nif';
import type { FiscalDocumentView } from '../../../../shared/api/fiscal';
import type { AttemptResult, JobKindDef, JobRun } from '../../jobs/types';
import type { DocumentRow } from '../../fiscal/store';
import type { IlinkClient } from './client';
import { CIUS_PT_TYPES, writeCiusPt } from './codec';
import { failureOf } from './outcome';
import type { IlinkStore } from './store';
import { DocumentList, SendResponse } from './wire/schemas';
import { checkUblStructure } from './wire/structure';

export const SEND_KIND = 'ilink.send';

export const sendPayload = z.object({
  documentId: z.number().int().positive(),
  docNo: z.string().min(1),
  /** 0 = first send; n = the n-th resend after "Regularizar". */
  resend: z.number().int().min(0).default(0),
});
export type SendPayload = z.infer<typeof sendPayload>;

/**
 * iLink: 200 requests per minute, exceeding it blocks for 2 minutes (§2.2). The runner starts at most 190 send
 * attempts in any minute; the other 10 are the margin for token requests, states polling and receiving (which
 * the client's own window, client.ts, also counts). Never 200.
 */
export const SEND_RATE_LIMIT = { limit: 190, windowMs: 60_000 } as const;

/** FT, FR, ND, NC and FS with the buyer's NIF (a CIUS-PT document needs the buyer's VAT id, BR-CIUS-PT-03). */
export function eligibleForIlink(d: Pick<DocumentRow, 'doc_type' | 'customer_nif'>): boolean {
  if (!(CIUS_PT_TYPES as readonly string[]).includes(d.doc_type)) return false;
  const nif = d.customer_nif.trim();
  return nif !== '' && nif !== CONSUMIDOR_FINAL_NIF;
}

export const sendKey = (docNo: string, resend: number): string =>
  resend === 0 ? `ilink:send:${docNo}` : `ilink:resend:${docNo}:${resend}`;

export interface SendDeps {
  readonly store: IlinkStore;
  client(): Promise<IlinkClient>;
  /** The document and what the writer needs (origin date, PDF). */
  xmlOf(documentId: number): Promise<string>;
  now(): Date;
  lastAttemptCode(jobId: string): string | null;
  /** After a delivery whose XML had no Multibanco reference (the service checks whether one exists now). */
  deliveredWithoutReference?(documentId: number): void;
}

/** The CIUS-PT XML of a document as it goes to iLink (shared by the job and "ver XML"). */
export function buildXml(
  doc: FiscalDocumentView,
  origin: FiscalDocumentView | null,
  pdf?: Uint8Array,
  multibanco?: { entity: string; reference: string; description: string },
): string {
  // Issue 12: a back-office FT's due date (BT-9) instead of the issue date.
  const dueDate = doc.type === 'NC' ? undefined : dueDateFromInfo(doc.additionalInfo);
  return writeCiusPt({ doc, options: { originIssueDate: origin?.date, pdf, multibanco, dueDate } });
}

const SentState = z.enum(['tosend', 'sent', 'accepted', 'rejected']);
const Result = z.object({
  ilinkId: z.string(),
  state: SentState,
  edi: z.string().nullable(),
  /** The XML delivered had a Multibanco PaymentMeans (results stored before this field: assumed it had). */
  multibanco: z.boolean().default(true),
});
/** The XML's PaymentMeans carries a Multibanco reference (codec/payment.ts). */
const hasMultibanco = (xml: string): boolean => xml.includes('#ENTITY@ATMPAYMENT#');

export function sendKind(deps: SendDeps): JobKindDef<typeof sendPayload> {
  async function run(job: JobRun<SendPayload>): Promise<AttemptResult> {
    const { docNo, resend } = job.payload;
    const request = `POST /apps/documentsUBL ${docNo}${resend ? ` (reenvio ${resend})` : ''}`;
    let xml: string;
    try {
      xml = await deps.xmlOf(job.payload.documentId);
    } catch (e) {
      if (e instanceof PosError) return { outcome: 'permanent', request, message: e.message };
      throw e;
    }
    const check = checkUblStructure(xml);
    if (!check.ok)
      return { outcome: 'permanent', request, code: check.rule, message: `[${check.rule}] ${check.message}` };
    const client = await deps.client();
    const safeName = docNo.replace(/[^A-Za-z0-9._-]+/g, '_');
    const r = await client.call({
      method: 'POST',
      path: '/apps/documentsUBL',
      // ASSUMPTION: iLink ignores an unknown header; sent so a gateway that dedupes on it can (the real
      // dedupe is iLink's e200 on the number, handled below).
      headers: { 'idempotency-key': job.idempotencyKey },
      body: () => {
        const form = new FormData();
        form.append('file', new Blob([xml], { type: 'application/xml' }), `${safeName}.xml`);
        return form;
      },
    });
    if (r.kind === 'ok') {
      const p = SendResponse.safeParse(r.json);
      // A 2xx we cannot read: it probably exists; the retry's e200 finds its id.
      if (!p.success)
        return {
          outcome: 'unknown',
          request,
          httpStatus: r.status,
          message: `Resposta iLink não reconhecida (HTTP ${r.status}).`,
        };
      const d = p.data.response.data;
      const state = SentState.safeParse(d.state_document?.alias);
      return {
        outcome: 'succeeded',
        request,
        httpStatus: r.status,
        code: p.data.message?.code,
        message: p.data.message?.msg,
        result: {
          ilinkId: d.id,
          state: state.success ? state.data : 'sent',
          edi: d.state_edi_document?.alias ?? null,
          multibanco: hasMultibanco(xml),
        },
      };
    }
    if (r.kind === 'error' && r.error?.code === 'e200') {
      if (resend > 0)
        return {
          outcome: 'permanent',
          request,
          httpStatus: r.status,
          code: 'e200',
          message: 'O iLink recusou o reenvio: o documento não está a aguardar regularização (e200).',
        };
      // Ours: the earlier attempt (timeout, reset, crash) did create it. Delivered; find its id.
      const found = await client.call({
        method: 'GET',
        path: '/apps/documents',
        query: { document_type: 'issued', document_number: docNo },
      });
      if (found.kind !== 'ok') return failureOf(found, `GET /apps/documents ${docNo}`, deps.now());
      const list = DocumentList.safeParse(found.json);
      const hit = list.success ? list.data.response.data.find((x) => x.number === docNo) : undefined;
      if (!hit)
        return {
          outcome: 'permanent',
          request,
          httpStatus: r.status,
          code: 'e200',
          message: `O iLink diz que ${docNo} já existe, mas não o encontra entre os documentos deste NIF.`,
        };
      const st = SentState.safeParse((hit as { state_document?: { alias?: string } }).state_document?.alias);
      return {
        outcome: 'succeeded',
        request,
        httpStatus: r.status,
        code: 'e200',
        message: 'Já existia no iLink (envio anterior sem resposta): dado como entregue.',
        result: {
          ilinkId: hit.id,
          state: st.success ? st.data : 'sent',
          edi: null,
          multibanco: hasMultibanco(xml),
        },
      };
    }
    return failureOf(r, request, deps.now());
  }

  return {
    kind: SEND_KIND,
    payload: sendPayload,
    partner: () => 'ilink',
    syncStatus: true,
    limits: { concurrency: 2, rateLimit: SEND_RATE_LIMIT },
    backoff: { baseMs: 5_000, factor: 2, maxMs: 15 * 60_000, jitter: 0.3 },
    run,
    onSettled(s) {
      const now = deps.now().toISOString();
      const id = s.payload.documentId;
      if (s.state === 'succeeded') {
        const r = Result.parse(s.result);
        deps.store.update(id, {
          ilink_id: r.ilinkId,
          state: r.state,
          edi_state: r.edi,
          reason: null,
          error_code: null,
          error_message: null,
          sent_at: now,
          updated_at: now,
        });
        if (!r.multibanco) deps.deliveredWithoutReference?.(id);
      } else {
        deps.store.update(id, {
          state: s.state === 'queued' ? 'queued' : 'failed',
          error_code: deps.lastAttemptCode(s.id),
          error_message: s.error,
          updated_at: now,
        });
      }
    },
  };
}

/** The document hook: in the issuing transaction, the iLink row and (automatic sending) its outbox job. */
export function recordIssued(
  store: IlinkStore,
  d: DocumentRow & { id: number },
  mode: 'auto' | 'manual',
  at: Date,
  enqueue: (payload: SendPayload, key: string) => { id: string },
): void {
  if (store.get(d.id)) return;
  const now = at.toISOString();
  store.insert({
    document_id: d.id,
    doc_no: d.doc_no,
    doc_type: d.doc_type,
    doc_date: d.doc_date,
    customer_nif: d.customer_nif,
    customer_name: d.customer_name,
    job_id: null,
    ilink_id: null,
    state: mode === 'auto' ? 'queued' : 'manual',
    edi_state: null,
    reason: null,
    error_code: null,
    error_message: null,
    sent_at: null,
    updated_at: now,
  });
  if (mode === 'auto') {
    const job = enqueue({ documentId: d.id, docNo: d.doc_no, resend: 0 }, sendKey(d.doc_no, 0));
    store.update(d.id, { job_id: job.id });
  }
}
