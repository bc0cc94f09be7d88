import type { AttemptResult, JobKindDef } from '../../jobs/types';
import type { IlinkClient } from './client';
import { failureOf } from './outcome';
import { PURCHASE_DECISION_KIND, purchaseDecisionPayload, type PurchaseImporter } from './purchase-port';
import { describe } from './states';
import { DocumentDetail, DocumentList, OkEnvelope } from './wire/schemas';

/** Larger than any real invoice XML with its PDF; a bigger one is acknowledged as failed, never parsed here. */
export const MAX_RECEIVED_BYTES = 10 * 1024 * 1024;

export interface ReceiveResult {
  readonly ok: boolean;
  readonly imported: number;
  readonly refused: number;
  readonly message?: string;
}

/**
 * One receiving round: list the received documents (a work queue: acknowledged ones leave it), fetch each one's
 * XML, hand it to the purchases domain (`PurchaseImporter`, which parses safely and registers it in one
 * transaction), and acknowledge the import to iLink with `success` 1, or 0 and the reason. A crash between
 * the import and the ack lists the document again; the importer answers `duplicate` and the ack is repeated.
 * ASSUMPTION (§6.3, best available): `GET /apps/documents?document_type=received&rows=50&page=1`.
 */
export async function receiveRound(
  client: IlinkClient,
  importer: PurchaseImporter,
  now: () => Date,
): Promise<ReceiveResult> {
  let imported = 0;
  let refused = 0;
  const list = await client.call({
    method: 'GET',
    path: '/apps/documents',
    query: { document_type: 'received', rows: 50, page: 1 },
  });
  if (list.kind !== 'ok') return { ok: false, imported, refused, message: describe(list) };
  const l = DocumentList.safeParse(list.json);
  if (!l.success)
    return {
      ok: false,
      imported,
      refused,
      message: 'Lista de documentos recebidos do iLink não reconhecida.',
    };
  for (const item of l.data.response.data) {
    const d = await client.call({ method: 'GET', path: `/apps/documents/${encodeURIComponent(item.id)}` });
    if (d.kind !== 'ok') return { ok: false, imported, refused, message: describe(d) };
    const detail = DocumentDetail.safeParse(d.json);
    const att = detail.success
      ? detail.data.response.data.attachments.find(
          (a) => a.type === 'xml' || a.ubl_type === 'xml_representation',
        )
      : undefined;
    let reason: string | null = null;
    let xml: Buffer | null = null;
    if (!att) reason = 'O documento recebido não tem XML.';
    else {
      const f = await client.download(att.file, MAX_RECEIVED_BYTES);
      if (f.kind === 'local-rate') return { ok: false, imported, refused, message: describe(f) };
      if (f.kind !== 'response') return { ok: false, imported, refused, message: describe(f) };
      if (f.status === 413) reason = `XML recusado: maior do que ${MAX_RECEIVED_BYTES / 1024 / 1024} MB.`;
      else if (f.status !== 200 || !f.bytes)
        return { ok: false, imported, refused, message: `Ficheiro XML: HTTP ${f.status}` };
      else xml = f.bytes;
    }
    let success = false;
    if (xml) {
      const out = importer.importUbl(xml, { ilinkId: item.id, receivedAt: now().toISOString() });
      if (out.ok) success = true;
      else reason = out.reason;
    }
    const ack = await client.call({
      method: 'POST',
      path: `/apps/documents/${encodeURIComponent(item.id)}`,
      headers: { 'content-type': 'application/json' },
      body: () =>
        JSON.stringify({
          success: success ? 1 : 0,
          response: success ? 'Documento registado' : (reason ?? 'Recusado'),
        }),
    });
    if (ack.kind !== 'ok') return { ok: false, imported, refused, message: describe(ack) };
    if (success) imported++;
    else refused++;
  }
  return { ok: true, imported, refused };
}

/**
 * The back office's accept/reject of a purchase, written by the purchases domain as an outbox job of this kind
 * (purchase-port.ts); this side performs `POST /apps/documents/{id}/accepted`.
 * ASSUMPTION (the body is only in Swagger): `{accepted: 1|0, reason}`.
 */
export function purchaseDecisionKind(deps: {
  client(): Promise<IlinkClient>;
  now(): Date;
}): JobKindDef<typeof purchaseDecisionPayload> {
  return {
    kind: PURCHASE_DECISION_KIND,
    payload: purchaseDecisionPayload,
    partner: () => 'ilink',
    syncStatus: true,
    limits: { concurrency: 2, rateLimit: { limit: 190, windowMs: 60_000 } },
    async run(job): Promise<AttemptResult> {
      const p = job.payload;
      const request = `POST /apps/documents/${p.ilinkId}/accepted (${p.decision === 'accept' ? 'aceitar' : 'recusar'})`;
      const client = await deps.client();
      const r = await client.call({
        method: 'POST',
        path: `/apps/documents/${encodeURIComponent(p.ilinkId)}/accepted`,
        headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey },
        body: () => JSON.stringify({ accepted: p.decision === 'accept' ? 1 : 0, reason: p.reason ?? null }),
      });
      if (r.kind === 'ok') {
        const ok = OkEnvelope.safeParse(r.json);
        return {
          outcome: 'succeeded',
          request,
          httpStatus: r.status,
          code: ok.success ? ok.data.message?.code : undefined,
        };
      }
      return failureOf(r, request, deps.now());
    },
  };
}
