import { ciusPtMultibancoOf, mbReferenceOf } from '../paypay/documents';
import { PosError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { prepared } from '../../db/prepared';
import { createReadModel } from '../../fiscal/read-model';
import { createFileSecretBox, type SecretBox } from '../../fiscal/secret-box';
import type { DocumentRow } from '../../fiscal/store';
import type { JobRunner } from '../../jobs/runner';
import { realScheduler, type Scheduler } from '../../jobs/scheduler';
import type { JobAttemptRow } from '../../jobs/store';
import { companyBranding, companyLogo } from '../../printing/branding';
import { printableFromFiscal } from '../../printing/from-fiscal';
import { renderA4Pdf } from '../../printing/pdf/a4';
import type { SyncService } from '../../sync/service';
import { enqueueInTx } from '../../sync/outbox';
import { startIlinkSimulator, SIM_DEFAULTS, type IlinkSimulator } from '../../../simulators/ilink';
import { createIlinkClient, type IlinkAuth, type IlinkClient } from './client';
import { DEFAULT_CONFIG, publicView, readIlinkConfig, writeIlinkConfig, type IlinkConfig } from './config';
import type { PurchaseImporter } from './purchase-port';
import { purchaseDecisionKind, receiveRound, type ReceiveResult } from './receiving';
import { customerTakesIlink } from './recipients';
import { buildXml, eligibleForIlink, recordIssued, SEND_KIND, sendKey, sendKind } from './sending';
import { pollStates, type PollResult } from './states';
import { createIlinkStore, MB_AFTER_SEND, type HistoryFilter, type IlinkDocumentRow } from './store';
import { createTransport } from './transport';
import { describe } from './states';

export interface IlinkServiceDeps {
  readonly jobs: JobRunner;
  readonly sync: SyncService;
  readonly secretBox?: SecretBox;
  /** The purchases domain (the real one is wired by the core later; tests inject a recording one). */
  readonly importer?: PurchaseImporter;
  /** Timers of the periodic states/receiving round (tests: the fake scheduler). */
  readonly scheduler?: Scheduler;
}

/**
 * A states + receiving round every 5 minutes while the terminal runs (ASSUMPTION: iLink asks to "avoid excessive
 * polling" without a figure; a round is 2–6 requests, within the 10 a minute the senders leave free).
 */
export const POLL_INTERVAL_MS = 5 * 60_000;

export interface ConfigureInput {
  readonly baseUrl?: string | null;
  readonly auth?: IlinkAuth | null;
  readonly send?: 'auto' | 'manual' | 'off';
  readonly receive?: boolean;
  readonly pdf?: boolean;
  readonly timeoutMs?: number;
}

export interface SyncRoundResult {
  readonly ok: boolean;
  /** pt-PT, one line. */
  readonly summary: string;
  readonly delivered: number;
  readonly failed: number;
  readonly pending: number;
  readonly states: PollResult | null;
  readonly received: ReceiveResult | null;
}

/**
 * iLink (ACIN) for one terminal: settings, the send job kind and its document hook (outbox in the issuing
 * transaction), the purchase-decision kind, states polling, the receiving round, and the sent history.
 * In training, with no address configured, the endpoint is an in-process simulator (started on first use).
 */
export function createIlinkService(ctx: CoreContext, deps: IlinkServiceDeps) {
  const { jobs, sync } = deps;
  const box = deps.secretBox ?? createFileSecretBox(ctx.dataDir);
  const store = createIlinkStore(ctx.db);
  const read = createReadModel(ctx.db);
  const training = ctx.mode === 'training';
  let importer: PurchaseImporter | null = deps.importer ?? null;
  let sim: Promise<IlinkSimulator> | null = null;
  let cached: { raw: string | null; cfg: IlinkConfig } | null = null;
  let client: { key: string; c: IlinkClient } | null = null;
  let polling = false;
  let cancelPoll: (() => void) | null = null;

  // Compiled once: read inside every issuing transaction by the document hook (issue 15, profile of the issue
  // path: compiling this query per document cost more than running it).
  const selConfig = prepared(
    ctx.db,
    ctx.db.k.selectFrom('setting').select('value').where('key', '=', 'ilink.config'),
  );
  /** Re-read when the stored row changes (another process, e.g. `balcao ilink configure`). */
  function config(): IlinkConfig {
    const row = selConfig.get();
    const raw = row?.value ?? null;
    if (!cached || raw !== cached.raw)
      cached = { raw, cfg: raw === null ? DEFAULT_CONFIG : readIlinkConfig(ctx.db, box) };
    return cached.cfg;
  }

  async function endpoint(cfg: IlinkConfig): Promise<{ baseUrl: string; auth: IlinkAuth }> {
    if (cfg.baseUrl && cfg.auth) return { baseUrl: cfg.baseUrl, auth: cfg.auth };
    if (!training || cfg.baseUrl)
      throw new PosError(
        'CONFLICT',
        'O iLink não está configurado (endereço e credenciais em Integrações › iLink).',
      );
    // On the core's clock: the token timestamp check compares the two.
    sim ??= startIlinkSimulator({ now: () => ctx.clock.now().getTime() });
    const s = await sim;
    return {
      baseUrl: s.baseUrl,
      auth: cfg.auth ?? {
        mode: 'oauth2',
        clientId: SIM_DEFAULTS.clientId,
        clientSecret: SIM_DEFAULTS.clientSecret,
      },
    };
  }

  async function getClient(): Promise<IlinkClient> {
    const cfg = config();
    const ep = await endpoint(cfg);
    const key = JSON.stringify([ep, cfg.timeoutMs]);
    if (client?.key === key) return client.c;
    const c = createIlinkClient({
      baseUrl: ep.baseUrl,
      auth: ep.auth,
      transport: createTransport({ training }),
      clock: ctx.clock,
      timeoutMs: cfg.timeoutMs,
      handshakeDone: ep.auth.mode === 'legacy' && cfg.handshakeKey === ep.auth.publicKey,
      onHandshake: () => {
        if (ep.auth.mode === 'legacy')
          writeIlinkConfig(ctx.db, box, { ...config(), handshakeKey: ep.auth.publicKey });
      },
    });
    client = { key, c };
    return c;
  }

  async function xmlOf(documentId: number): Promise<string> {
    const doc = read.get(documentId);
    const origin = doc.references.origin ? read.get(doc.references.origin.documentId) : null;
    // The invoice's PayPay Multibanco reference (issue 11), when it already exists, goes into PaymentMeans and
    // on the A4. One created after the document was delivered is not re-sent: see mbReferenceAfterDelivery.
    const pdf = config().pdf
      ? await renderA4Pdf(
          printableFromFiscal(doc, {
            mbReference: mbReferenceOf(ctx.db, documentId),
            branding: companyBranding(ctx.db),
          }),
          { logo: companyLogo(ctx.db) },
        )
      : undefined;
    return buildXml(doc, origin, pdf, ciusPtMultibancoOf(ctx.db, documentId));
  }

  const lastAttemptCode = (jobId: string): string | null => {
    const a = jobs.attempts(jobId);
    return a.at(-1)?.error_code ?? null;
  };
  const now = (): Date => ctx.clock.now();

  /**
   * reports-perf (issue 11 review): a Multibanco reference that exists only after its document was delivered to
   * iLink. iLink lets a delivered document be posted again only while the customer asks for its regularization
   * (paypay-ilink-ciuspt.md §2.4/§2.7; that is when this side's Reenviar is offered): otherwise it stays in iLink
   * without the reference, and the history (back office) and the EOD iLink section say so instead of silently
   * differing. ASSUMPTION: iLink's `tosend` (not yet delivered to the customer) is treated as delivered too: the
   * simulator and this side's resend rule allow only "Regularizar". A document not delivered yet needs nothing:
   * its XML is written when its job runs, with the reference.
   */
  function mbReferenceAfterDelivery(documentId: number): void {
    const row = store.get(documentId);
    if (!row?.ilink_id || !ciusPtMultibancoOf(ctx.db, documentId)) return;
    const regularize = row.state === 'rejected' && row.edi_state === 'regularization';
    store.update(documentId, {
      error_code: MB_AFTER_SEND,
      error_message: regularize
        ? `A referência Multibanco foi criada depois do envio: o reenvio para regularização já a leva.`
        : `A referência Multibanco foi criada depois do envio ao iLink: o documento no iLink não a tem (um documento entregue não pode ser alterado). Comunique a referência ao cliente (2.ª via ou PDF).`,
      updated_at: now().toISOString(),
    });
    ctx.audit('ilink.mb-reference-after-send', null, { documentId, docNo: row.doc_no });
  }

  const send = jobs.register(
    sendKind({
      store,
      client: getClient,
      xmlOf,
      now,
      lastAttemptCode,
      deliveredWithoutReference: mbReferenceAfterDelivery,
    }),
  );
  const decisions = jobs.register(purchaseDecisionKind({ client: getClient, now }));

  const enqueue =
    (tx: { db: typeof ctx.db; at: Date }) =>
    (payload: { documentId: number; docNo: string; resend: number }, key: string) =>
      enqueueInTx(send, tx, payload, key);

  sync.hooks.onIssued((w, tx) => {
    const cfg = config();
    if (cfg.send === 'off' || !eligibleForIlink(w.doc)) return;
    if (!customerTakesIlink(tx.db, w.doc.customer_id)) return;
    recordIssued(store, w.doc, cfg.send, tx.at, enqueue(tx));
  });
  if (config().send !== 'off') sync.declarePartner('ilink', 'iLink');

  /** Eligible documents issued before sending was active, not yet known to iLink here (ASSUMPTION: sent too). */
  function backfill(mode: 'auto' | 'manual'): number {
    const k = ctx.db.k;
    const rows = ctx.db.all(
      k
        .selectFrom('fiscal_document as d')
        .leftJoin('ilink_document as i', 'i.document_id', 'd.id')
        .leftJoin('fiscal_status as s', 's.document_id', 'd.id')
        .innerJoin('customer as c', 'c.id', 'd.customer_id')
        .selectAll('d')
        // Only customers who take e-invoices (recipients.ts).
        .where('c.einvoice', '=', 1)
        .where('i.document_id', 'is', null)
        .where('s.document_id', 'is', null)
        .orderBy('d.id'),
    ) as DocumentRow[];
    let n = 0;
    ctx.db.tx(() => {
      const at = now();
      for (const d of rows.filter(eligibleForIlink)) {
        recordIssued(store, d, mode, at, enqueue({ db: ctx.db, at }));
        n++;
      }
    });
    return n;
  }

  function queueSend(row: IlinkDocumentRow, resend: number): void {
    ctx.db.tx(() => {
      const at = now();
      const job = enqueueInTx(
        send,
        { db: ctx.db, at },
        { documentId: row.document_id, docNo: row.doc_no, resend },
        sendKey(row.doc_no, resend),
      );
      store.update(row.document_id, {
        job_id: job.id,
        state: 'queued',
        resends: resend,
        error_code: null,
        error_message: null,
        updated_at: at.toISOString(),
      });
    });
  }

  const rowOf = (documentId: number): IlinkDocumentRow => {
    const r = store.get(documentId);
    if (!r) throw new PosError('NOT_FOUND', 'Este documento não está no histórico de envio iLink.');
    return r;
  };

  return {
    store,
    config,
    publicConfig: () => publicView(config()),
    /** Saves the settings; turning sending on queues the eligible documents not yet sent. */
    configure(input: ConfigureInput): { queued: number } {
      const before = config();
      const next: IlinkConfig = {
        ...before,
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.auth !== undefined ? { auth: input.auth, handshakeKey: null } : {}),
        ...(input.send !== undefined ? { send: input.send } : {}),
        ...(input.receive !== undefined ? { receive: input.receive } : {}),
        ...(input.pdf !== undefined ? { pdf: input.pdf } : {}),
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
      };
      if (
        next.baseUrl &&
        training &&
        !/^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(next.baseUrl)
      ) {
        // The same refusal the transport applies, said when configuring rather than at the first send.
        throw new PosError(
          'FORBIDDEN',
          `Terminal em modo formação: só envia para simuladores neste computador (127.0.0.1). O endereço ${next.baseUrl} foi recusado, para que nenhum documento de formação saia da máquina.`,
        );
      }
      writeIlinkConfig(ctx.db, box, next);
      client = null;
      if (next.send !== 'off') sync.declarePartner('ilink', 'iLink');
      const queued = next.send !== 'off' ? backfill(next.send) : 0;
      return { queued };
    },
    /**
     * The purchases domain plugs in here (core wiring: `core.ilink.setImporter(realImporter)`); until then the
     * receiving round is skipped. Receiving also needs `receive` on in the settings.
     */
    setImporter(i: PurchaseImporter | null): void {
      importer = i;
    },
    /** For the purchases domain: `enqueueInTx(core.ilink.decisions, tx, payload, key)` in its own transaction. */
    decisions,
    history: (f?: HistoryFilter): IlinkDocumentRow[] => store.history(f),
    /** "Enviar agora": a manual document is queued; a waiting one is made due now. */
    sendNow(documentId: number): IlinkDocumentRow {
      const row = rowOf(documentId);
      if (row.state === 'manual') queueSend(row, 0);
      else if (row.state === 'queued' && row.job_id) jobs.retryNow(row.job_id);
      else if (row.state === 'failed' && row.job_id) {
        jobs.requeue(row.job_id);
        store.update(documentId, { state: 'queued', updated_at: now().toISOString() });
      } else throw new PosError('CONFLICT', `${row.doc_no} já foi entregue ao iLink (${row.state}).`);
      return rowOf(documentId);
    },
    /** PayPay created an invoice's Multibanco reference (core.ts wires paypay.onReferenceCreated here). */
    mbReferenceCreated(documentId: number): void {
      mbReferenceAfterDelivery(documentId);
    },
    /** Resend keeps number, type and date; only for a document the customer asked to regularize. */
    resend(documentId: number): IlinkDocumentRow {
      const row = rowOf(documentId);
      if (row.state !== 'rejected' || row.edi_state !== 'regularization')
        throw new PosError(
          'CONFLICT',
          row.state === 'rejected'
            ? `${row.doc_no} foi recusado sem pedido de regularização: não pode ser reenviado (emita uma nota de crédito ou débito).`
            : `${row.doc_no} só pode ser reenviado quando o cliente o recusa para regularização.`,
        );
      queueSend(row, row.resends + 1);
      return rowOf(documentId);
    },
    attempts(documentId: number): JobAttemptRow[] {
      const row = rowOf(documentId);
      const keys = [
        sendKey(row.doc_no, 0),
        ...Array.from({ length: row.resends }, (_, i) => sendKey(row.doc_no, i + 1)),
      ];
      return keys.flatMap((k) => {
        const j = jobs.byKey(k);
        return j ? jobs.attempts(j.id) : [];
      });
    },
    xml: (documentId: number): Promise<string> => xmlOf(rowOf(documentId).document_id),
    async pollStates(): Promise<PollResult> {
      return pollStates(await getClient(), store, now);
    },
    async receive(): Promise<ReceiveResult | null> {
      if (!importer || !config().receive) return null;
      return receiveRound(await getClient(), importer, now);
    },
    /** "Testar ligação": one authentication; pt-PT answer. */
    async testConnection(): Promise<{ ok: boolean; message: string }> {
      let c: IlinkClient;
      try {
        c = await getClient();
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      const r = await c.authenticate();
      if (r.kind === 'ok')
        return { ok: true, message: 'Ligação ao iLink estabelecida: credenciais aceites.' };
      return { ok: false, message: describe(r) };
    },
    /**
     * One round: deliver what is due (the send jobs, ignoring their back-off, within the rate limit), poll the
     * states, import the received documents. `ok` false only when iLink could not be reached or refused the
     * credentials (refused documents are recorded, not fatal).
     */
    async syncOnce(): Promise<SyncRoundResult> {
      const t = await this.testConnection();
      const counts = () => store.counts();
      if (!t.ok) {
        const c = counts();
        return {
          ok: false,
          summary: `iLink inacessível: ${t.message}`,
          delivered: 0,
          failed: c.failed,
          pending: c.queued + c.manual,
          states: null,
          received: null,
        };
      }
      await jobs.drain({ force: [SEND_KIND] });
      const states = await this.pollStates();
      const received = await this.receive();
      const c = counts();
      const delivered = c.sent + c.tosend + c.accepted + c.rejected;
      const parts = [
        `${delivered} entregues`,
        `${c.queued} por enviar`,
        `${c.failed} recusados`,
        `${states.updated} estados atualizados${states.ok ? '' : ` (${states.message})`}`,
        received
          ? `${received.imported} recebidos, ${received.refused} recusados na importação`
          : 'receção desligada',
      ];
      return {
        ok: true,
        summary: `iLink: ${parts.join(', ')}.`,
        delivered,
        failed: c.failed,
        pending: c.queued,
        states,
        received,
      };
    },
    /** Starts the periodic round (the core calls it when its job runner starts). */
    startPolling(intervalMs = POLL_INTERVAL_MS): void {
      const scheduler = deps.scheduler ?? realScheduler;
      const tick = async (): Promise<void> => {
        const cfg = config();
        if (cfg.send === 'off' && !cfg.receive) return;
        try {
          const p = await this.pollStates();
          if (!p.ok) ctx.log.warn('iLink states round failed', { message: p.message });
          const r = await this.receive();
          if (r && !r.ok) ctx.log.warn('iLink receiving round failed', { message: r.message });
        } catch (e) {
          ctx.log.warn('iLink round failed', { error: String(e) });
        }
      };
      const loop = (): void => {
        cancelPoll = scheduler.setTimer(intervalMs, () => void tick().finally(() => polling && loop()));
      };
      polling = true;
      loop();
    },
    /** The in-process simulator of a training terminal (the control API for the simulator panel). */
    simulator: (): Promise<IlinkSimulator> | null => sim,
    async stop(): Promise<void> {
      polling = false;
      cancelPoll?.();
      if (sim) await (await sim).close();
      sim = null;
    },
  };
}
export type IlinkService = ReturnType<typeof createIlinkService>;
