import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASH_DEVICE_SETTING } from '../../shared/api/cash';
import { DB_FILE } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { writeSetting } from '../../electron/core/system/settings';
import { loadConfig, Rng } from './config';
import { drive } from './driver';
import { stockAdjust } from './faults';
import { computeFigures, failing, type Figures } from './figures';
import { journalExpectedCents, pendingJournal, withDb } from './db-view';
import { cents } from './money';
import { freePort, installCleanup, ROOT, runVerify, startSimulator } from './processes';
import { SimControl } from './sim-control';
import { Till } from './till';

/**
 * `npm run soak`: sales through the real `balcao serve` over HTTP, the CI-5 simulator as its own process over its
 * real wire, SIGKILLs at random moments and injected machine faults; then the truth from the outside
 * (figures.ts). Writes soak-results.json; exits 1 when a must-be-zero figure is not zero.
 */
const countBy = (xs: string[]): Record<string, number> => {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return m;
};

async function main(): Promise<number> {
  installCleanup();
  const cfg = loadConfig(ROOT);
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-soak-'));
  const dataDir = path.join(work, 'data');
  const logFile = path.join(work, 'soak.log');
  console.log(
    `Soak: até ${cfg.sales} vendas ou ${cfg.seconds} s, semente ${cfg.seed}; registo em ${logFile}`,
  );

  const sim = await startSimulator(logFile, 500);
  const simCtl = new SimControl(sim.controlUrl);
  let till: Till | null = null;
  try {
    await simCtl.config({ sessionTimeoutMs: cfg.simSessionMs });
    const port = await freePort();
    const eventPort = await freePort();
    till = new Till(dataDir, port, logFile);
    // First start creates the training terminal; then it is pointed at the external CI-5 (no API sets the
    // device: the `cash.device` setting is written with the core's own helper while the server is stopped).
    await till.start();
    await till.stop();
    const db = openDatabase(path.join(dataDir, DB_FILE));
    writeSetting(db, CASH_DEVICE_SETTING, {
      kind: 'glory',
      soapUrl: sim.soapUrl,
      eventHost: '127.0.0.1',
      eventPort,
      heartbeatTimeoutMs: 3000,
    });
    db.close();
    await till.start();

    const articles = await till.api('catalog/search', { query: '', limit: 500 });
    const barcodes = articles
      .filter(
        (a) => a.active && a.unit === 'UN' && a.barcode && /^\d{8,14}$/.test(a.barcode) && cents(a.price) > 0,
      )
      .map((a) => a.barcode!)
      .sort();
    if (barcodes.length === 0) throw new Error('no unit articles with a barcode in the demo catalogue');
    const until = Date.now() + 30_000;
    for (;;) {
      const ms = await till.api('sales/payment-methods', {});
      if (ms.find((m) => m.id === 'cash-machine')?.available) break;
      if (Date.now() > until) throw new Error('the CI-5 simulator never became ready for the POS');
      await new Promise((r) => setTimeout(r, 300));
    }

    const ctx = { till, sim: simCtl, dataDir };
    const log = await drive(ctx, new Rng(cfg.seed), cfg, barcodes);
    const drivingSeconds = Math.round((Date.now() - started) / 1000);

    // The machine's own count against the POS's journal: the API's view while the server runs (it needs the
    // machine), and the journal's own rule read from the file after it stopped (always available).
    const inv = await till.try('cash/inventory', {}).catch(() => null);
    const simInv = await simCtl.inventory();
    await till.stop();
    const journalCents = withDb(dataDir, (db) => journalExpectedCents(db));
    const journalVsMachine = simInv.totalCents - stockAdjust.cents - journalCents;

    const verify = await runVerify(dataDir, logFile);
    const fromFile = computeFigures(dataDir, log);
    const figures: Figures = {
      ...fromFile,
      kills: till.kills,
      verify_ok: verify.ok,
      cash_journal_vs_machine_cents: journalVsMachine,
      http_500: till.http500.length,
      ci5_unusable_after_restart: till.ci5UnusableAfterRestart.length,
      ci5_unusable_reasons: countBy(till.ci5UnusableAfterRestart),
      ci5_unusable_details: till.ci5UnusableDetails,
      seed: cfg.seed,
      seconds: Math.round((Date.now() - started) / 1000),
      driving_seconds: drivingSeconds,
      sales_attempted: log.tracks.length,
      ci5_payments_started: log.tracks.filter((t) => t.usedCi5).length,
      ci5_unavailable_sales: log.tracks.filter((t) => t.ci5Unavailable).length,
      unknown_outcomes: till.unknownOutcomes,
      unresolved_sales: log.tracks
        .filter((t) => t.unresolved)
        .map((t) => ({ saleId: t.saleId, notes: t.notes })),
      hangs: till.hangs,
      killed_sales: log.tracks
        .filter((t) => t.killed)
        .map((t) => ({
          index: t.index,
          saleId: t.saleId,
          method: t.plan.method,
          fault: t.plan.fault,
          docNos: [...t.docNos],
          notes: t.notes,
        })),
      ci5_unavailable_reasons: countBy(
        log.tracks.flatMap((t) =>
          t.notes.filter((n) => n.startsWith('CI-5 ')).map((n) => n.replace(/\d+/g, 'N')),
        ),
      ),
      fault_kinds: countBy(log.tracks.flatMap((t) => (t.fault ? [t.fault.kind] : []))),
      returns: log.ops.returns,
      cash_movements: log.ops.movements,
      ci5_upkeep: log.ops.upkeep,
      machine_total_cents: simInv.totalCents,
      journal_expected_cents: journalCents,
      cash_inventory_api:
        inv?.kind === 'ok'
          ? { total: inv.value.total, expectedTotal: inv.value.expectedTotal, agrees: inv.value.agrees }
          : { refused: inv?.kind === 'refused' ? `${inv.code} ${inv.message}` : 'no answer' },
      cash_journal_pending: withDb(dataDir, (db) => pendingJournal(db)),
      verify_output: verify.output,
      harness_errors: log.errors,
      unknown_ops: log.unknownOps,
      refused_ops: [...log.ops.returnsRefused, ...log.ops.movementsRefused, ...log.ops.upkeepRefused],
      http_500_details: till.http500,
      data_dir: dataDir,
    };
    const bad = failing(figures);
    fs.writeFileSync(cfg.out, `${JSON.stringify(figures, null, 2)}\n`);
    const show = (k: string): string => `${k}=${JSON.stringify(figures[k])}`;
    console.log(
      [
        'sales_acknowledged',
        'documents',
        'kills',
        'lost',
        'duplicated',
        'overcharged',
        'paid_without_document',
        'numbering_gaps',
        'verify_ok',
        'cash_journal_vs_machine_cents',
        'faults_injected',
        'faults_incoherent',
        'http_500',
        'ci5_unusable_after_restart',
      ]
        .map(show)
        .join('  '),
    );
    console.log(`Resultados em ${cfg.out}.`);
    if (bad.length) {
      console.error(`FALHA: ${bad.join(', ')} (semente ${cfg.seed}); dados mantidos em ${work}`);
      return 1;
    }
    console.log('OK: todos os valores que têm de ser zero são zero.');
    if (!cfg.keep) fs.rmSync(work, { recursive: true, force: true });
    return 0;
  } finally {
    await till?.stop().catch(() => undefined);
    await sim.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Soak interrompido: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  },
);
