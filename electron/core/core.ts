import fs from 'node:fs';
import { operatorHandlers } from './auth/admin-handlers';
import { applyPendingRestore, createBackups } from './system/backups';
import { createCompanyAdmin } from './system/company';
import { companyHandlers } from './system/company-handlers';
import { createOperatorAdmin } from './auth/operators';
import path from 'node:path';
import { z } from 'zod';
import pkg from '../../package.json';
import { TerminalMode } from '../../shared/api/system';
import { createAuthService, type AuthService } from './auth/service';
import { authHandlers } from './auth/handlers';
import { createCatalogService, type CatalogService } from './catalog/service';
import { catalogHandlers } from './catalog/handlers';
import { createCatalogAdmin, type CatalogAdmin } from './catalog/admin';
import { createFiscalService, type FiscalService } from './fiscal/service';
import { fiscalHandlers } from './fiscal/handlers';
import { createJobRunner, type JobRunner } from './jobs/runner';
import type { Scheduler } from './jobs/scheduler';
import { createIlinkService, type IlinkService } from './integrations/ilink/service';
import { ilinkHandlers } from './integrations/ilink/handlers';
import { createPaypayService, type PaypayService } from './integrations/paypay/service';
import { paypayHandlers } from './integrations/paypay/handlers';
import { readPaypayConfig } from './integrations/paypay/config';
import { createMbwayProvider } from './integrations/paypay/mbway';
import { createTerminalProvider } from './integrations/paypay/terminal';
import { createTerminalOps } from './integrations/paypay/terminal-ops';
import { createPrintingForCore } from './printing/wire';
import { printingHandlers } from './printing/handlers';
import type { PrintingService } from './printing/service';
import { createCashService, type CashService, type CashServiceDeps } from './cash/service';
import { cashHandlers } from './cash/handlers';
import { createSalesService, type SalesService } from './sales/service';
import { salesHandlers } from './sales/handlers';
import type { CoreContext } from './context';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type Db } from './db/open';
import { DeviceRegistry } from './devices/registry';
import { EventBus } from './events';
import { createLogger, type Logger } from './log/logger';
import { createDispatcher, policiesOf, type Dispatch, type Handlers } from './rpc/dispatch';
import type { Policy } from './rpc/policy';
import type { Channel } from '../../shared/api';
import { isEmpty, seedEmbeddedDefault } from './system/embedded-default';
import { systemHandlers } from './system/handlers';
import { syncHandlers } from './sync/handlers';
import { purchasesHandlers } from './purchases/handlers';
import { createPurchasesService, type PurchasesService } from './purchases/service';
import { createSyncService, type SyncService } from './sync/service';
import { createStockService, type StockService } from './stock/service';
import { stockHandlers } from './stock/handlers';
import { createGuidesService, type GuidesService } from './guides/service';
import { guidesHandlers } from './guides/handlers';
import { readSetting, SETTING } from './system/settings';
import { systemClock, type Clock } from './util/clock';
import { createEodService, type EodService } from './reports/eod/service';
import { eodHandlers } from './reports/eod/handlers';
import { createInvoicingService, type InvoicingService } from './invoicing/service';
import { customerPortFor } from './invoicing/customer-port';
import { invoicingHandlers } from './invoicing/handlers';
import { a4PdfOf } from './invoicing/pdf';
import { createSaftExports, type SaftExports } from './fiscal/saft/exports';
import { salesReportHandlers } from './reports/sales/handlers';
import { createSalesReports } from './reports/sales/service';
import { createCustomerService, type CustomerService } from './parties/customers/service';
import { createSupplierStore } from './parties/suppliers';
import { partiesHandlers } from './parties/handlers';

export interface CoreOptions {
  dataDir: string;
  log?: Logger;
  clock?: Clock;
  /** Defaults to <dataDir>/balcao.sqlite. */
  dbFile?: string;
  /** Cash machine overrides (tests, CLI); otherwise the `cash.device` setting decides. */
  cash?: Omit<CashServiceDeps, 'devices'>;
  /** The job runner's timers (tests: tests/helpers/fake-scheduler.ts; the bench: a scaled one). */
  scheduler?: Scheduler;
  /** false: the job runner is not started (CLI commands that run their own round); default true. */
  startJobs?: boolean;
  /**
   * Plan the automatic end-of-day run (default true). Test cores turn it off unless a test is about it: a core
   * started after the configured time would otherwise run a day's reconciliation in every test.
   */
  eodAutomatic?: boolean;
  /** SAF-T exports from the screen on a worker thread (default true; false: inline, for tests). */
  saftWorker?: boolean;
}

/** The terminal core: plain Node, never imports electron. Hosted by Electron main or by `balcao serve`. */
export interface Core {
  readonly ctx: CoreContext;
  readonly dispatch: Dispatch;
  /** Each channel's access/approval/training/audit policy, as registered with its handler. */
  readonly policies: { readonly [C in Channel]: Policy };
  readonly events: EventBus;
  readonly devices: DeviceRegistry;
  readonly auth: AuthService;
  readonly catalog: CatalogService;
  readonly catalogAdmin: CatalogAdmin;
  /** Fiscal documents: issue/issueReceipt/cancel/get (electron/core/fiscal/service.ts). */
  readonly fiscal: FiscalService;
  /** Print queue, printers, drawer, preview (electron/core/printing/service.ts). */
  readonly printing: PrintingService;
  /** Cash machine (Glory CI-5 / simulator / manual drawer) and its journal (electron/core/cash/service.ts). */
  readonly cash: CashService;
  /** Checkout: shifts, cart, payments, returns, X/Z (electron/core/sales/service.ts). */
  readonly sales: SalesService;
  /** The one durable job runner (electron/core/jobs): partner deliveries and the print queue. */
  readonly jobs: JobRunner;
  /** Outbox hooks on the fiscal transaction and per-partner status (electron/core/sync). */
  readonly sync: SyncService;
  /** Purchase documents from suppliers (iLink import) and their accept/reject (electron/core/purchases). */
  readonly purchases: PurchasesService;
  /** iLink e-invoicing: settings, sending, states, receiving (electron/core/integrations/ilink). */
  readonly ilink: IlinkService;
  /** End-of-day reconciliation runs and records (electron/core/reports/eod). */
  readonly eod: EodService;
  /** Issue 11: PayPay Multibanco references on invoices, polling, RG on payment (integrations/paypay). */
  readonly paypay: PaypayService;
  /** Warehouses, stock ledger and balances, costs, transfers, counts (electron/core/stock). */
  readonly stock: StockService;
  /** Issue 12: back-office invoices and receipts, Documentos search (electron/core/invoicing). */
  readonly invoicing: InvoicingService;
  /** Issue 12: SAF-T (PT) exports from the screen, on a worker thread (electron/core/fiscal/saft/exports.ts). */
  readonly saftExports: SaftExports;
  /** Transport guides GT/GR: issue (stock moves with them), list, AT code (electron/core/guides). */
  readonly guides: GuidesService;
  /** The one customers domain: Gestão › Clientes, the till's lookup, the fiscal core's buyer (parties/customers). */
  readonly customers: CustomerService;
  stop(reason?: string): Promise<void>;
}

export const DB_FILE = 'balcao.sqlite';

/**
 * Composition root. Opens (and if needed migrates) the database, creates the embedded default on an empty
 * data folder, builds every domain service and the dispatcher. Fails loudly — never opens the till on a
 * database it could not open or migrate.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? createLogger('core');
  const clock = opts.clock ?? systemClock;
  const dataDir = path.resolve(opts.dataDir);
  const dbFile = opts.dbFile ?? path.join(dataDir, DB_FILE);
  // A restore planned in Gestão › Empresa › Cópias happens here, before the file is opened (never under it).
  const restored = fs.existsSync(dataDir)
    ? applyPendingRestore(dataDir, dbFile, log.child('backup'), clock.now())
    : null;
  const db: Db = openDatabase(dbFile);
  const stoppers: Array<() => Promise<void> | void> = [() => db.close()];
  try {
    await migrateToLatest(db, log.child('db'));
    const events = new EventBus();
    // Prepared once: the audit row is written inside every fiscal transaction (hot path).
    const insertAudit = db.sqlite.prepare(
      'insert into audit_log (at, operator_id, action, details) values (?, ?, ?, ?)',
    );
    const audit: CoreContext['audit'] = (action, operatorId, details) => {
      insertAudit.run(clock.now().toISOString(), operatorId, action, JSON.stringify(details ?? {}));
    };
    const base: CoreContext = {
      db,
      clock,
      log,
      events,
      dataDir,
      mode: 'training',
      terminalId: 'T1',
      version: pkg.version,
      audit,
    };
    if (restored)
      audit('backup.restored', null, { file: restored.restored, keptAs: path.basename(restored.keptAs) });
    const auth = createAuthService(base);
    if (isEmpty(base)) seedEmbeddedDefault(base, auth);
    const ctx: CoreContext = Object.freeze({
      ...base,
      mode: readSetting(db, SETTING.mode, TerminalMode) ?? 'training',
      terminalId: readSetting(db, SETTING.terminalId, z.string().min(1).max(10)) ?? 'T1',
    });

    const startedAt = clock.now().toISOString();
    const devices = new DeviceRegistry(events, clock);
    const catalog = createCatalogService(ctx);
    const catalogAdmin = createCatalogAdmin(ctx);
    const jobs = createJobRunner({
      db,
      clock,
      terminalId: ctx.terminalId,
      log: log.child('jobs'),
      scheduler: opts.scheduler,
    });
    const sync = createSyncService(ctx, jobs);
    stoppers.push(() => sync.stop());
    // Registered on the fiscal hooks before any document can be issued: sales move stock in their transaction.
    const stock = createStockService(ctx, sync.hooks);
    stoppers.push(() => stock.stop());
    const customers = createCustomerService(ctx);
    const fiscal = createFiscalService(ctx, { hooks: sync.hooks, customers: customers.fiscal });
    // Issue 13 item 7: GT/GR guides move stock on the same hooks (guides/moves.ts).
    const guides = createGuidesService(ctx, { fiscal, stock, hooks: sync.hooks });
    stoppers.push(() => guides.stop());
    const ilink = createIlinkService(ctx, { jobs, sync, scheduler: opts.scheduler });
    stoppers.push(() => ilink.stop());
    const paypay = createPaypayService(ctx, { jobs, hooks: sync.hooks, fiscal, scheduler: opts.scheduler });
    stoppers.push(() => paypay.stop());
    // reports-perf (issue 11 review): a reference created after its FT went to iLink is flagged there.
    paypay.onReferenceCreated((id) => ilink.mbReferenceCreated(id));
    // The status bar shows PayPay once it is configured (before its first message).
    if (readPaypayConfig(db)) sync.declarePartner('paypay', 'PayPay');
    const printing = createPrintingForCore(ctx, devices, fiscal, jobs, (id) => paypay.printInfo(id));
    stoppers.push(() => printing.stop());
    // Stopped before the printing transports close (stoppers run in reverse): no job starts on a closed one.
    stoppers.push(() => jobs.stop());

    const cash = createCashService(ctx, { devices, ...opts.cash });
    stoppers.push(() => cash.stop());
    // Not awaited: an unreachable machine must not hold the till closed (the driver keeps reconnecting).
    cash.start().catch((e) => log.error('cash machine start failed', { error: String(e) }));
    const sales = createSalesService(ctx, {
      auth,
      catalog,
      fiscal,
      customers: customers.till,
      printing: () => printing,
      cash: () => cash,
      // Issue 11 item 2 (paypay-office): an FT at the counter "com referência Multibanco".
      invoiceReference: () => ({
        configured: paypay.configured,
        withReference: paypay.withReference,
        referenceOf: paypay.issuedReference,
      }),
    });
    // Issue 11: MB WAY at the counter (registered before recovery starts: it settles interrupted requests).
    sales.registerProvider(
      createMbwayProvider({
        ctx,
        jobs,
        paypay,
        journal: { status: sales.paymentStatus, record: sales.checkout.record },
      }),
    );
    // Issue 11 item 4: the PayPay Cloud card terminal (refunds/reversals journaled by terminal-ops.ts).
    sales.registerProvider(
      createTerminalProvider({
        ctx,
        jobs,
        paypay,
        journal: { status: sales.paymentStatus, record: sales.checkout.record },
        ops: createTerminalOps({ ctx, jobs, paypay, scheduler: opts.scheduler }),
      }),
    );
    const purchases = createPurchasesService(ctx, { stock, catalogAdmin });
    // The two sides of the iLink purchase port (integrations/ilink/purchase-port.ts): received XML is registered
    // by the purchases domain; its accept/reject goes out through the iLink wire's PURCHASE_DECISION_KIND.
    purchases.bindDecisionOutbox(ilink.decisions);
    ilink.setImporter(purchases.importer);
    const eod = createEodService(ctx, jobs);
    if (opts.eodAutomatic !== false) eod.planAutomatic();
    const invoicing = createInvoicingService(ctx, { fiscal, customers: customerPortFor(customers.till) });
    const saftExports = createSaftExports(ctx, { worker: opts.saftWorker });
    // Every job kind is registered by now (domains register theirs when built): deliveries may start.
    if (opts.startJobs !== false) {
      jobs.start();
      ilink.startPolling();
      paypay.startPolling();
      paypay.startWebhook().catch((e) => log.error('paypay webhook listener failed', { error: String(e) }));
    }
    // Background: a paid sale without its document gets it now; interrupted CI-5 payments are reconciled.
    void sales.startRecovery();

    const handlers: Handlers = {
      ...systemHandlers(ctx, devices, startedAt),
      ...authHandlers(auth),
      ...catalogHandlers(ctx, catalog, catalogAdmin),
      ...cashHandlers(ctx, cash),
      ...fiscalHandlers(fiscal),
      ...printingHandlers(printing),
      ...salesHandlers(sales),
      ...syncHandlers(sync),
      ...purchasesHandlers(purchases, () => clock.now()),
      ...ilinkHandlers(ilink),
      ...eodHandlers(eod),
      ...salesReportHandlers(createSalesReports(ctx)),
      ...paypayHandlers(paypay),
      ...stockHandlers(stock, () => clock.now()),
      ...invoicingHandlers(
        invoicing,
        saftExports,
        a4PdfOf(ctx, fiscal, (id) => paypay.printInfo(id)),
      ),
      ...guidesHandlers(guides),
      ...partiesHandlers(ctx, customers, createSupplierStore(db)),
      ...operatorHandlers(ctx, createOperatorAdmin(ctx, auth)),
      ...companyHandlers(ctx, createCompanyAdmin(ctx), fiscal, createBackups(ctx)),
    };
    const dispatch = createDispatcher({
      handlers,
      resolveSession: (token) => auth.resolve(token),
      verifyApproval: (pin, requestedBy, action) => auth.verifyManager(pin, requestedBy.id, action),
      mode: ctx.mode,
      audit: ctx.audit,
      log: log.child('rpc'),
    });

    let stopped = false;
    return {
      ctx,
      dispatch,
      policies: policiesOf(handlers),
      events,
      devices,
      auth,
      catalog,
      catalogAdmin,
      cash,
      fiscal,
      printing,
      sales,
      jobs,
      sync,
      purchases,
      ilink,
      eod,
      paypay,
      stock,
      invoicing,
      saftExports,
      guides,
      customers,
      async stop(reason = 'shutdown') {
        if (stopped) return;
        stopped = true;
        events.emit('system/stopping', { reason });
        for (const stop of [...stoppers].reverse()) await stop();
      },
    };
  } catch (e) {
    for (const stop of [...stoppers].reverse()) await stop();
    throw e;
  }
}
