import type { IlinkClient } from './client';
import type { IlinkStore } from './store';
import { StatesReport } from './wire/schemas';

export interface PollResult {
  readonly ok: boolean;
  /** Events applied to our documents. */
  readonly updated: number;
  readonly message?: string;
}

const PAGE = 50;
/** Pages per round: a round stays a handful of requests whatever the backlog (the rate limit). */
const MAX_PAGES = 4;

/**
 * One states round: read the unread state events (`GET /apps/states-report/documents`), apply each to our
 * document (state, EDI state, reason), then mark them read (`POST …/read`) so they are not returned again.
 * Applied before the ack: a crash between the two re-applies the same events next time (idempotent).
 */
export async function pollStates(
  client: IlinkClient,
  store: IlinkStore,
  now: () => Date,
): Promise<PollResult> {
  let updated = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await client.call({
      method: 'GET',
      path: '/apps/states-report/documents',
      query: { rows: PAGE },
    });
    if (r.kind !== 'ok') return { ok: false, updated, message: describe(r) };
    const p = StatesReport.safeParse(r.json);
    if (!p.success) return { ok: false, updated, message: 'Relatório de estados do iLink não reconhecido.' };
    const events = p.data.response.data;
    if (!events.length) break;
    for (const e of events) {
      const row =
        store.byIlinkId(e.document.id) ?? (e.document.number ? store.byDocNo(e.document.number) : undefined);
      if (!row) continue;
      const alias = e.state_document.alias;
      const state =
        alias === 'tosend' || alias === 'sent' || alias === 'accepted' || alias === 'rejected' ? alias : null;
      if (!state) continue;
      // A resend waiting in our queue is not overwritten by the older event that made it possible.
      if (row.state === 'queued' && state === 'rejected') continue;
      const edi = e.state_edi_document?.alias ?? null;
      store.update(row.document_id, {
        ilink_id: row.ilink_id ?? e.document.id,
        state,
        edi_state: edi,
        reason: state === 'rejected' ? (e.reasons.at(-1)?.reason ?? null) : null,
        updated_at: now().toISOString(),
      });
      updated++;
    }
    const ack = await client.call({
      method: 'POST',
      path: '/apps/states-report/documents/read',
      headers: { 'content-type': 'application/json' },
      // ASSUMPTION (§6.3: the body is only in Swagger): the event ids as `ids`.
      body: () => JSON.stringify({ ids: events.map((e) => e.id) }),
    });
    if (ack.kind !== 'ok') return { ok: false, updated, message: describe(ack) };
    if (events.length < PAGE) break;
  }
  return { ok: true, updated };
}

export function describe(r: {
  kind: string;
  status?: number;
  error?: { message: string } | null;
  message?: string;
}): string {
  if (r.kind === 'error') return r.error?.message ?? `HTTP ${r.status}`;
  if (r.kind === 'timeout') return 'O iLink não respondeu a tempo.';
  if (r.kind === 'local-rate') return 'Limite de pedidos por minuto: fica para a próxima ronda.';
  return r.message ?? 'Sem ligação ao iLink.';
}
