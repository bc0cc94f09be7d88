import type { Benchmark } from './harness';
import { createTestCore } from '../helpers/core';
import { computeReadOnly } from '../../electron/core/reports/eod/run';
import { localDate } from '../../electron/core/util/clock';
import { createSalesReports } from '../../electron/core/reports/sales/service';
import { median } from './harness';
import { seedSalesYear } from './sales-year';

const SALES = 5000;

/**
 * reports.eod_day_5k_s: wall time of the end-of-day computation (read-only connection, inline) for a day of
 * 5 000 sales, each with its document (issued by the fiscal service, signed), a settled CI-5 cash payment and its
 * cash-journal entry, in one shift. The first run of the day verifies the whole chain (5 000 signatures), as a
 * first EOD does. Goal ≤ 3.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'reports',
    async run() {
      const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
      try {
        const { db } = t.core.ctx;
        const art = db.get(
          db.k.selectFrom('article').select(['id', 'price']).where('tax_code', '<>', 'ISE').orderBy('id'),
        )!;
        const draft = {
          type: 'FS' as const,
          lines: [{ articleId: art.id, quantity: '1' }],
          payments: [{ method: 'cash' as const, amount: art.price }],
        };
        const now = new Date().toISOString();
        const cents = Math.round(Number(art.price) * 100); // bench data only: a catalogue price with 2 decimals
        const shift = db.run(
          db.k.insertInto('shift').values({
            terminal_id: 'T1',
            operator_id: 1,
            status: 'open',
            opened_at: now,
            opening_float: '0.00',
            closed_at: null,
            closed_by: null,
            counted_cash: null,
            z_number: null,
            z_report: null,
            machine_at_open: null,
          }),
        ).lastInsertRowid;
        for (let i = 0; i < SALES; i++) {
          const doc = t.core.fiscal.issue(draft, 1);
          db.tx(() => {
            const sale = db.run(
              db.k.insertInto('sale').values({
                terminal_id: 'T1',
                shift_id: shift,
                operator_id: 1,
                status: 'completed',
                label: null,
                customer: null,
                requested_type: null,
                issue_type: 'FS',
                document_id: doc.id,
                issue_error: null,
                created_at: now,
                updated_at: now,
              }),
            ).lastInsertRowid;
            const pay = db.run(
              db.k.insertInto('sale_payment').values({
                sale_id: sale,
                method: 'cash-machine',
                mechanism: 'NU',
                status: 'settled',
                requested: art.price,
                amount: art.price,
                tendered: art.price,
                change_given: '0.00',
                provider_ref: null,
                message: null,
                operator_id: 1,
                started_at: now,
                finished_at: now,
              }),
            ).lastInsertRowid;
            db.run(
              db.k.insertInto('cash_journal').values({
                seq_no: `B${i}`,
                kind: 'sale',
                status: 'done',
                device: 'simulator',
                requested_cents: cents,
                in_cents: cents,
                out_cents: 0,
                reference: `venda ${sale} pagamento ${pay}`,
                note: null,
                operator_id: 1,
                result_code: 0,
                outcome: 'success',
                acked_at: null,
                acked_by: null,
                created_at: now,
                finished_at: now,
              }),
            );
          });
        }
        const t0 = performance.now();
        const draftDay = computeReadOnly({
          dataDir: t.dataDir,
          terminalId: 'T1',
          day: localDate(new Date()),
          now: new Date().toISOString(),
          previous: null,
        });
        const s = (performance.now() - t0) / 1000;
        const sales = draftDay.sections
          .find((x) => x.id === 'cash')!
          .lines.find((l) => l.key === 'machine-sales')!;
        if (sales.expectedCents !== SALES * cents || sales.differenceCents !== 0)
          throw new Error('eod bench: the day does not reconcile');
        return { 'reports.eod_day_5k_s': Number(s.toFixed(3)) };
      } finally {
        await t.close();
      }
    },
  },
  {
    /**
     * reports.sales_year_query_ms: "Vendas por família" over a year of 500 000 FS (two lines each) as the screen
     * asks for it (with the previous period), through the read-only connection; median of 3 runs, the first one
     * on a cold connection. Goal ≤ 1 000.
     */
    name: 'reports',
    async run() {
      const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
      try {
        const year = new Date().getFullYear() - 1;
        // One real sale first: it creates the FS series and the consumidor-final customer the rows point at.
        const art = t.core.ctx.db.get(
          t.core.ctx.db.k.selectFrom('article').select(['id', 'price']).where('tax_code', '=', 'NOR'),
        )!;
        t.core.fiscal.issue(
          {
            type: 'FS',
            lines: [{ articleId: art.id, quantity: '1' }],
            payments: [{ method: 'cash', amount: art.price }],
          },
          1,
        );
        const t0 = performance.now();
        const period = seedSalesYear(t.core.ctx.db, { docs: 500_000, year });
        process.stdout.write(`  (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
        const reports = createSalesReports(t.core.ctx);
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const s0 = performance.now();
          const r = reports.report({ by: 'family', ...period });
          times.push(performance.now() - s0);
          if (r.totals.documents !== 500_000) throw new Error('sales bench: wrong document count');
        }
        process.stdout.write(`  (runs: ${times.map((x) => x.toFixed(0)).join(', ')} ms)\n`);
        return { 'reports.sales_year_query_ms': Math.round(median(times)) };
      } finally {
        await t.close();
      }
    },
  },
];
