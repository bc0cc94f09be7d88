import fs from 'node:fs';
import path from 'node:path';
import type { PrintJob, PrintJobState, PrinterInfo } from '../../../shared/api/printing';
import type { ShiftReport } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import type { DeviceHandle, DeviceRegistry } from '../devices/registry';
import { renderA4Pdf } from './pdf/a4';
import type { PrintableDocument } from './printable';
import { PrintableShiftReport, issuerFromCompany, reportLabel } from './printable-report';
import { cliPrinterUri, writeOutputFile } from './output-path';
import { createPrinterStore, type PrinterConfig } from './printers';
import { PrinterProfile, geometry, type PrinterProfileInput } from './profile';
import { createJobRunner, type JobRunner } from '../jobs/runner';
import { createQueue, toJobView, type PrintJobRow, type NewJob } from './queue';
import { receiptBytes } from './render-document';
import { companyLogo } from './branding';
import { createTransport } from './transports';
import type { PrinterTransport } from './transports/transport';
import { lastRender } from './transports/virtual';
import { parsePrinterUri } from './uri';
import { printJobKey, registerPrintKind, PRINT_KIND } from './worker';

export interface PrintingDeps {
  devices: DeviceRegistry;
  /** A signed document as printable (see from-fiscal.ts). `copy` is set by the queue. */
  loadDocument(documentId: number): PrintableDocument;
  /** Shop header of X/Z reports; default: the company row. */
  loadIssuer?(): PrintableShiftReport['issuer'];
  /** Tests may inject transports; default: by URI. */
  transportFor?(printer: PrinterConfig): PrinterTransport | null;
  /**
   * The core's job runner, which retries the queue (worker.ts); started and stopped by the core. Without one (a
   * printing service on its own, in tests) the service runs a runner of its own on the same tables.
   */
  jobs?: JobRunner;
}

export interface EnqueueOptions {
  /** Force "2.ª via"; by default a document printed (queued) before is a copy. */
  copy?: boolean;
  printerId?: string;
  /** Kick the cash drawer with this receipt (cash sale). */
  openDrawer?: boolean;
  operatorId?: number | null;
}

export const VIRTUAL_DIR = 'virtual-printer';

/**
 * `printOnce` (the `balcao print` command) has no queue: a printer that does not answer or reports a problem
 * means the document was not printed, and nothing is left pending. The transports' own messages speak for the
 * queue ("fica na fila"), which would be false here.
 */
function notPrinted(e: unknown): unknown {
  if (!(e instanceof PosError)) return e;
  if (e.code === 'DEVICE_OFFLINE' && e.details) {
    const { where, why } = e.details as { where?: unknown; why?: unknown };
    return new PosError(
      'DEVICE_OFFLINE',
      t('printing.notPrintedOffline', { where: String(where), why: String(why) }),
      e.details,
    );
  }
  if (e.code === 'DEVICE_ERROR') {
    return new PosError('DEVICE_ERROR', t('printing.notPrintedProblem', { problem: e.message }), e.details);
  }
  return e;
}

/**
 * The print queue and printers. Issuing a document only *enqueues* (a synchronous SQLite insert): the sale
 * never waits for paper. The job runner (electron/core/jobs, see worker.ts) prints job by job per printer, asks
 * DLE EOT status first where the link allows, and retries with back-off until the printer is back. Every state change reaches the UI
 * through the DeviceRegistry and `printing/job-changed`.
 */
export function createPrintingService(ctx: CoreContext, deps: PrintingDeps) {
  const now = (): string => ctx.clock.now().toISOString();
  const queue = createQueue(ctx.db, now);
  const printers = createPrinterStore(ctx.db, now, ctx.dataDir);
  const virtualDir = path.join(ctx.dataDir, VIRTUAL_DIR);
  const log = ctx.log.child('printing');
  const handles = new Map<string, DeviceHandle>();
  const transports = new Map<string, PrinterTransport | null>();
  const ownRunner = !deps.jobs;
  const runner =
    deps.jobs ?? createJobRunner({ db: ctx.db, clock: ctx.clock, terminalId: ctx.terminalId, log });
  let started = false;

  if (printers.list().length === 0) {
    // Training default (and the fallback until a real printer is configured): the virtual printer.
    printers.upsert({
      id: 'principal',
      name: 'Impressora virtual',
      uri: 'virtual:',
      profile: { paper: '80mm-48' },
      isDefault: true,
    });
  }

  /** A file, not a device: always there. A printer on a wire is "por testar" until it answers (issue 15 item 6). */
  const isFile = (p: PrinterConfig): boolean => p.parsed.kind === 'virtual' || p.parsed.kind === 'pdf';
  const handle = (p: PrinterConfig): DeviceHandle => {
    let h = handles.get(p.id);
    if (!h) {
      h = deps.devices.register({
        id: `printer:${p.id}`,
        kind: 'printer',
        name: p.name,
        simulated: isFile(p),
        ...(isFile(p) ? { state: 'ready' } : { state: 'untested', message: t('printing.untested') }),
      });
      handles.set(p.id, h);
    }
    return h;
  };
  const transport = (p: PrinterConfig): PrinterTransport | null => {
    if (!transports.has(p.id)) {
      transports.set(
        p.id,
        deps.transportFor
          ? deps.transportFor(p)
          : createTransport(p.parsed, { dots: geometry(p.profile).dots, virtualDir }),
      );
    }
    return transports.get(p.id) ?? null;
  };
  for (const p of printers.list()) handle(p);

  /** Says what the job is once it is committed (a job queued inside a sale's transaction may still roll back). */
  const emit = (id: number): void =>
    ctx.db.afterCommit(() => {
      const r = queue.get(id);
      if (r) ctx.events.emit('printing/job-changed', toJobView(r));
    });
  const printerOrThrow = (id?: string): PrinterConfig => {
    const p = id ? printers.get(id) : printers.defaultPrinter();
    if (!p)
      throw new PosError(
        'NOT_FOUND',
        id ? `A impressora "${id}" não está configurada.` : 'Não há impressora configurada.',
      );
    return p;
  };

  async function send(p: PrinterConfig, bytes: Uint8Array): Promise<void> {
    const t = transport(p);
    if (!t) throw new PosError('DEVICE_ERROR', `A impressora ${p.name} não aceita talões.`);
    await t.send(bytes, { checkStatus: true });
  }

  const printJobs = registerPrintKind(runner, {
    ctx,
    queue,
    printer: (id) => printers.get(id),
    handle,
    send,
    emit,
  });
  /** A print_job row and its runner job, in one transaction: never one without the other. */
  const addJob = (j: NewJob): PrintJobRow =>
    ctx.db.tx(() => {
      const row = queue.add(j);
      printJobs.enqueue(
        { printJobId: row.id, printerId: row.printer_id },
        { key: printJobKey(ctx.terminalId, row.id) },
      );
      return row;
    });
  // After a crash: jobs caught mid-send go back to pending (a duplicate beats a lost receipt; the runner takes
  // its job back from the dead process), and a queue written before the runner existed gets its jobs.
  ctx.db.tx(() => {
    queue.recoverInterrupted();
    // Oldest first: the runner keeps a printer's jobs in the order they were enqueued.
    for (const row of queue.list(10_000, 'pending').reverse())
      printJobs.enqueue(
        { printJobId: row.id, printerId: row.printer_id },
        { key: printJobKey(ctx.terminalId, row.id) },
      );
  });

  const schedule = (): void => {
    if (started) runner.wake();
  };

  /** Runs the queue now (concurrent calls share one pass). `force` ignores back-off. */
  function processNow(force = false): Promise<void> {
    return runner.drain(force ? { force: [PRINT_KIND] } : {});
  }

  function enqueue(doc: PrintableDocument, documentId: number | null, opts: EnqueueOptions): PrintJob {
    const p = printerOrThrow(opts.printerId);
    const copy = opts.copy ?? (documentId !== null && queue.documentQueuedBefore(documentId));
    const row = addJob({
      printerId: p.id,
      kind: 'document',
      documentId,
      docNo: doc.number,
      copy,
      openDrawer: !!opts.openDrawer,
      payload: JSON.stringify({ ...doc, copy }),
      operatorId: opts.operatorId ?? null,
    });
    handle(p);
    emit(row.id);
    schedule();
    return toJobView(row);
  }

  return {
    /** Queue a signed document for printing; returns at once (the job is on disk). */
    enqueueDocument(documentId: number, opts: EnqueueOptions = {}): PrintJob {
      return enqueue(deps.loadDocument(documentId), documentId, opts);
    },
    /** Queue an already mapped document (no fiscal lookup). */
    enqueuePrintable(
      doc: PrintableDocument,
      opts: EnqueueOptions & { documentId?: number | null } = {},
    ): PrintJob {
      return enqueue(doc, opts.documentId ?? null, opts);
    },
    /**
     * Queue an X/Z shift report (non-fiscal). Returns at once: the job and its figures are on disk, so a Z
     * closed while the printer is off prints when it is back. A report queued before prints as "2.ª via".
     */
    enqueueReport(
      report: ShiftReport,
      opts: { printerId?: string; operatorId?: number | null; copy?: boolean } = {},
    ): PrintJob {
      const p = printerOrThrow(opts.printerId);
      const label = reportLabel(report);
      const payload = PrintableShiftReport.parse({
        report,
        issuer: deps.loadIssuer ? deps.loadIssuer() : issuerFromCompany(ctx.db),
        copy: opts.copy ?? queue.reportQueuedBefore(label),
      });
      const row = addJob({
        printerId: p.id,
        kind: 'report',
        documentId: null,
        docNo: label,
        copy: payload.copy,
        openDrawer: false,
        payload: JSON.stringify(payload),
        operatorId: opts.operatorId ?? null,
      });
      ctx.audit('printing.report', opts.operatorId ?? null, { label, jobId: row.id, copy: payload.copy });
      handle(p);
      emit(row.id);
      schedule();
      return toJobView(row);
    },
    /** Reprint from history: always "2.ª via". */
    reprint(documentId: number, operatorId: number | null, printerId?: string): PrintJob {
      const job = enqueue(deps.loadDocument(documentId), documentId, { copy: true, printerId, operatorId });
      ctx.audit('printing.reprint', operatorId, { documentId, docNo: job.docNo, jobId: job.id });
      return job;
    },
    /** Opens the cash drawer; journaled (who, when, why) before the kick is even sent. */
    openDrawer(
      operatorId: number | null,
      reason: string,
      opts: { printerId?: string; documentId?: number | null } = {},
    ): PrintJob {
      const p = printerOrThrow(opts.printerId);
      const row = ctx.db.tx(() => {
        const r = addJob({
          printerId: p.id,
          kind: 'drawer',
          documentId: opts.documentId ?? null,
          docNo: null,
          copy: false,
          openDrawer: true,
          payload: '{}',
          operatorId,
        });
        ctx.db.run(
          ctx.db.k.insertInto('drawer_event').values({
            at: now(),
            operator_id: operatorId,
            reason,
            printer_id: p.id,
            job_id: r.id,
            document_id: opts.documentId ?? null,
          }),
        );
        return r;
      });
      ctx.audit('printing.drawer-open', operatorId, { reason, printerId: p.id, jobId: row.id });
      emit(row.id);
      schedule();
      return toJobView(row);
    },
    retry(jobId: number): void {
      const j = queue.get(jobId);
      if (!j) throw new PosError('NOT_FOUND', `Trabalho de impressão ${jobId} não encontrado.`);
      if (j.state === 'pending') {
        queue.setState(jobId, 'pending', { next_attempt_at: now() });
        const job = runner.byKey(printJobKey(ctx.terminalId, jobId));
        if (job) runner.retryNow(job.id);
      }
      schedule();
    },
    listJobs(limit = 50, state?: PrintJobState): PrintJob[] {
      return queue.list(limit, state).map(toJobView);
    },
    getJob(jobId: number): PrintJob | null {
      const r = queue.get(jobId);
      return r ? toJobView(r) : null;
    },
    listPrinters(): PrinterInfo[] {
      return printers.list().map((p) => ({
        id: p.id,
        name: p.name,
        uri: p.uri,
        paper: p.profile.paper,
        qr: p.profile.qr,
        isDefault: p.isDefault,
        pendingJobs: queue.pendingCount(p.id),
      }));
    },
    /** The stored profile of a printer, or an empty one for a new printer. */
    printerProfile(id: string): PrinterProfileInput {
      return printers.get(id)?.profile ?? {};
    },
    configurePrinter(input: {
      id: string;
      name: string;
      uri: string;
      profile: PrinterProfileInput;
      isDefault: boolean;
    }): PrinterInfo {
      const before = printers.get(input.id)?.uri;
      const p = printers.upsert(input);
      const old = transports.get(p.id);
      transports.delete(p.id);
      void old?.close();
      const h = handle(p);
      // Another address is another printer: what was known about the old one says nothing about it.
      if (before !== undefined && before !== p.uri)
        h.update(isFile(p) ? 'ready' : 'untested', isFile(p) ? undefined : t('printing.untested'));
      schedule();
      return this.listPrinters().find((x) => x.id === p.id) as PrinterInfo;
    },
    /** The newest receipt the virtual printer rendered, as a PNG data URL (UI preview). */
    lastPreview(): { dataUrl: string; renderedAt: string } | null {
      const r = lastRender(virtualDir);
      if (!r) return null;
      return {
        dataUrl: `data:image/png;base64,${r.png.toString('base64')}`,
        renderedAt: fs.statSync(r.file).mtime.toISOString(),
      };
    },
    /**
     * What can honestly be said about a job just queued for this printer (issue 15 item 6): null when the printer
     * answered its last job (or is printing one now); otherwise that the job waits in the queue, and why.
     */
    queuedNote(printerId?: string): string | null {
      const p = printerOrThrow(printerId);
      const s = handle(p).current();
      // Printing another job is answering: the copy follows it (said as "enviada", like a ready printer).
      if (s.state === 'ready' || s.state === 'busy') return null;
      if (s.state === 'untested') return t('printing.queuedUntested', { name: p.name });
      return t('printing.queuedOffline', { why: s.message ?? '' }).replace(/\s+/g, ' ');
    },
    /** Would the next print of this document be a reprint ("2.ª via")? */
    printedBefore(documentId: number): boolean {
      return queue.documentQueuedBefore(documentId);
    },
    /**
     * Prints once to an ad-hoc URI, outside the worker (CLI `balcao print`): waits for the printer and throws
     * on failure. The print is recorded in the job history, so the next one is a "2.ª via".
     */
    async printOnce(
      doc: PrintableDocument,
      uri: string,
      opts: { profile?: PrinterProfileInput; documentId?: number | null; operatorId?: number | null } = {},
    ): Promise<PrintJob> {
      // The CLI's path rule (any path the user names; a bad one reported in pt-PT): output-path.ts.
      const parsed = cliPrinterUri(parsePrinterUri(uri));
      const profile = PrinterProfile.parse(opts.profile ?? {});
      if (parsed.kind === 'pdf') {
        writeOutputFile(parsed.file, await renderA4Pdf(doc, { logo: companyLogo(ctx.db) }));
      } else {
        const t = createTransport(parsed, { dots: geometry(profile).dots, virtualDir });
        if (!t) throw new PosError('DEVICE_ERROR', `Não é possível imprimir talões em ${uri}.`);
        try {
          await t.send(receiptBytes(doc, profile, { logo: companyLogo(ctx.db) }), { checkStatus: true });
        } catch (e) {
          throw notPrinted(e);
        } finally {
          await t.close();
        }
      }
      const row = queue.add({
        printerId: 'ad-hoc',
        kind: 'document',
        documentId: opts.documentId ?? null,
        docNo: doc.number,
        copy: doc.copy,
        openDrawer: false,
        payload: JSON.stringify(doc),
        operatorId: opts.operatorId ?? null,
      });
      queue.setState(row.id, 'done', { printed_at: now(), attempts: 1 });
      return toJobView(queue.get(row.id) as PrintJobRow);
    },
    processNow,
    start(): void {
      started = true;
      if (ownRunner) runner.start();
      schedule();
    },
    async stop(): Promise<void> {
      started = false;
      if (ownRunner) await runner.stop();
      for (const t of transports.values()) await t?.close();
      transports.clear();
    },
  };
}
export type PrintingService = ReturnType<typeof createPrintingService>;
