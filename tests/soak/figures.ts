import { allDocuments, allSales, returnDocumentIds, saleDocumentIds, withDb, pendingReview } from './db-view';
import type { RunLog } from './driver';
import { cents } from './money';

/**
 * The figures of soak-results.json, each computed from the outside (the SQLite file read-only, the simulator's
 * own count, `balcao verify`) and compared with what the client was told. MUST-BE-ZERO figures gate CI.
 *
 * - sales_acknowledged: sales for which the client was given a document number (the pay answer, the
 *   `sales/completed` event, or — after a restart — by asking the POS), whether or not a kill came first.
 * - documents: fiscal documents in the file (every type: FS/FR/FT of sales, NC of returns).
 * - kills: SIGKILLs of `balcao serve` (armed at random moments; a hung server killed by the harness counts too).
 * - lost (MUST BE ZERO): document numbers given to the client for a sale that the file does not hold for that
 *   sale (sale.document_id → fiscal_document.doc_no).
 * - duplicated (MUST BE ZERO): sales given two different document numbers; sales whose settled payments add up to
 *   more than the document total (a payment counted twice); FS/FR/FT documents no sale points at (issued twice).
 * - overcharged (MUST BE ZERO): CI-5 sales where the machine kept more money than the POS credited for the sale:
 *   (simulator recycler total after the sale − before − harness stock changes) − Σ settled `cash-machine`
 *   payment amounts of the sale (amount = due, i.e. inserted − change). `overcharged_cents` sums the excess.
 *   ASSUMPTION: nothing else moves machine money during a sale's window (returns and pay-ins run between sales).
 * - paid_without_document (MUST BE ZERO): sales, after recovery has settled and the harness has finished every
 *   sale it could, that hold a settled payment but no document.
 * - numbering_gaps (MUST BE ZERO): per series, numbers missing from 1..last plus numbers used twice.
 * - verify_ok (MUST BE TRUE): `balcao verify` exit code 0 on the data folder at the end.
 * - cash_journal_vs_machine_cents (MUST BE ZERO): simulator recycler total − what the POS's cash journal says it
 *   should hold (`cash/inventory` expectedTotal), discounting the harness's own stock changes.
 * - faults_injected: CI-5 fault scenarios run (jam, door, power, network, heartbeat, change shortage, customer
 *   never pays).
 * - faults_incoherent (MUST BE ZERO): those scenarios after which the payment stayed pending, the CI-5 stayed
 *   unusable 15 s after the fault ended, or the machine's money for the sale ≠ the POS's settled machine payments.
 * - http_500 (MUST BE ZERO): API answers with a 5xx status.
 * - ci5_unusable_after_restart (MUST BE ZERO, an extra key): restarts after which the CI-5 was not offered as a
 *   payment method within 20 s once the interrupted sale's own business with it was settled as a cashier does
 *   (wait for the customer, then stop the sale in the machine), with someone taking what the machine hands out;
 *   a machine still down since the previous such restart is only looked at, to stay within the budget.
 */
export interface Figures {
  sales_acknowledged: number;
  documents: number;
  kills: number;
  lost: number;
  duplicated: number;
  overcharged: number;
  paid_without_document: number;
  numbering_gaps: number;
  verify_ok: boolean;
  cash_journal_vs_machine_cents: number | null;
  faults_injected: number;
  faults_incoherent: number;
  http_500: number;
  ci5_unusable_after_restart: number;
  [extra: string]: unknown;
}

export const MUST_BE_ZERO = [
  'lost',
  'duplicated',
  'overcharged',
  'paid_without_document',
  'numbering_gaps',
  'cash_journal_vs_machine_cents',
  'faults_incoherent',
  'http_500',
  'ci5_unusable_after_restart',
] as const;

export function failing(f: Figures): string[] {
  const bad: string[] = MUST_BE_ZERO.filter((k) => f[k] !== 0);
  if (!f.verify_ok) bad.push('verify_ok');
  return bad;
}

export function computeFigures(dataDir: string, log: RunLog) {
  return withDb(dataDir, (db) => {
    const sales = new Map(allSales(db).map((s) => [s.id, s]));
    const docs = allDocuments(db);
    const saleDocs = saleDocumentIds(db);
    const returnDocs = returnDocumentIds(db);
    const lost: unknown[] = [];
    const duplicated: unknown[] = [];
    const overcharged: { saleId: number; cents: number; index: number; notes: string[] }[] = [];
    const machineShort: { saleId: number; cents: number }[] = [];
    const incoherent: { saleId: number | null; kind: string; reasons: string[] }[] = [];
    let faults = 0;
    for (const t of log.tracks) {
      if (t.fault) faults++;
      const f = t.saleId === null ? undefined : sales.get(t.saleId);
      for (const docNo of t.docNos)
        if (f?.docNo !== docNo)
          lost.push({ saleId: t.saleId, docNo, inFile: f?.docNo ?? null, index: t.index });
      if (t.docNos.size > 1)
        duplicated.push({ saleId: t.saleId, why: 'two document numbers', docNos: [...t.docNos] });
      let machineCents = 0;
      if (f) {
        const settled = f.payments.filter((p) => p.status === 'settled');
        const total = settled.reduce((a, p) => a + cents(p.amount), 0);
        if (f.gross !== null && total > cents(f.gross))
          duplicated.push({
            saleId: f.id,
            why: 'settled payments exceed the document total',
            total,
            gross: f.gross,
          });
        machineCents = settled
          .filter((p) => p.method === 'cash-machine')
          .reduce((a, p) => a + cents(p.amount), 0);
      }
      const delta = t.machineAfter - t.machineBefore - t.adjustCents;
      const excess = delta - machineCents;
      if (t.saleId !== null && excess > 0)
        overcharged.push({ saleId: t.saleId, cents: excess, index: t.index, notes: t.notes });
      if (t.saleId !== null && excess < 0) machineShort.push({ saleId: t.saleId, cents: -excess });
      if (t.fault) {
        const reasons = [...t.fault.incoherent];
        if (excess !== 0)
          reasons.push(`machine money for the sale ${delta} c ≠ settled CI-5 payments ${machineCents} c`);
        if (reasons.length) incoherent.push({ saleId: t.saleId, kind: t.fault.kind, reasons });
      }
    }
    const saleTypes = new Set(['FS', 'FR', 'FT']);
    for (const d of docs)
      if (saleTypes.has(d.docType) && !saleDocs.has(d.id))
        duplicated.push({ documentId: d.id, docNo: d.docNo, why: 'sale document no sale points at' });
    const paidNoDoc = [...sales.values()]
      .filter((s) => s.documentId === null && s.payments.some((p) => p.status === 'settled'))
      .map((s) => ({ saleId: s.id, status: s.status, payments: s.payments }));
    const bySeries = new Map<number, number[]>();
    for (const d of docs) bySeries.set(d.seriesId, [...(bySeries.get(d.seriesId) ?? []), d.number]);
    const gaps: { seriesId: number; missing: number[]; twice: number[] }[] = [];
    for (const [seriesId, nums] of bySeries) {
      const seen = new Set<number>();
      const twice = nums.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
      const max = Math.max(...nums);
      const missing: number[] = [];
      for (let n = 1; n <= max; n++) if (!seen.has(n)) missing.push(n);
      if (missing.length || twice.length) gaps.push({ seriesId, missing, twice });
    }
    return {
      sales_acknowledged: log.tracks.filter((t) => t.docNos.size > 0).length,
      documents: docs.length,
      lost: lost.length,
      duplicated: duplicated.length,
      overcharged: overcharged.length,
      paid_without_document: paidNoDoc.length,
      numbering_gaps: gaps.reduce((a, g) => a + g.missing.length + g.twice.length, 0),
      faults_injected: faults,
      faults_incoherent: incoherent.length,
      // extras
      overcharged_cents: overcharged.reduce((a, o) => a + o.cents, 0),
      machine_short_cents: machineShort.reduce((a, o) => a + o.cents, 0),
      nc_without_return: docs.filter((d) => d.docType === 'NC' && !returnDocs.has(d.id)).length,
      cash_review_pending: pendingReview(db),
      details: {
        lost,
        duplicated,
        overcharged,
        machine_short: machineShort,
        paid_without_document: paidNoDoc,
        numbering_gaps: gaps,
        faults_incoherent: incoherent,
      },
    };
  });
}
