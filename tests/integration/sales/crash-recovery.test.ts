import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { PAO, payCash, salesCore } from './sales-helpers';

const CHILD = path.resolve(import.meta.dirname, 'crash-child.mjs');

function runChild(
  dataDir: string,
  point: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, point], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, err }));
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function countDocs(t: TestCore): Promise<number> {
  const db = t.core.ctx.db;
  return db.get(db.k.selectFrom('fiscal_document').select((eb) => eb.fn.countAll<number>().as('n')))!.n;
}

describe('a settled payment is never lost', () => {
  it('issues the document of a sale paid just before the process was killed, exactly once', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const r = await runChild(tmp.dir, 'settled');
    expect(r.err).toBe('');
    expect(r.signal).toBe('SIGKILL');

    // Restart on the same file: recovery issues the missing document.
    const t = await salesCore({ dataDir: tmp.dir });
    await t.core.sales.whenRecovered();
    const db = t.core.ctx.db;
    const sale = db.get(db.k.selectFrom('sale').selectAll().orderBy('id', 'desc'))!;
    expect(sale).toMatchObject({ status: 'completed' });
    expect(sale.document_id).not.toBeNull();
    const caixa = await t.login('caixa');
    const doc = await t.call('fiscal/get-document', { id: sale.document_id! }, caixa);
    expect(doc).toMatchObject({ type: 'FS', totals: { gross: '3.78' } });
    expect(doc.payments).toEqual([expect.objectContaining({ method: 'card', amount: '3.78' })]);
    expect(await countDocs(t)).toBe(1);
    const audit = db.all(
      db.k.selectFrom('audit_log').select('action').where('action', '=', 'sales.recovered-issue'),
    );
    expect(audit).toHaveLength(1);
    await t.core.stop('restart');

    // A second restart issues nothing more, and the till keeps working on the same shift.
    const t2 = await salesCore({ dataDir: tmp.dir });
    cleanups.push(() => t2.core.stop('test'));
    expect(await t2.core.sales.whenRecovered()).toMatchObject({ issued: 0 });
    expect(await countDocs(t2)).toBe(1);
    const caixa2 = await t2.login('caixa');
    await t2.call('sales/add-line', { articleId: PAO.id }, caixa2);
    expect((await payCash(t2, caixa2)).completed!.document.number).toBe(2);
    const x = await t2.call('shifts/report-x', {}, caixa2);
    expect(x.documents.count).toBe(2);
    expect(x.byMethod.find((m) => m.method === 'card')?.amount).toBe('3.78');
  }, 60_000);

  it('reconciles a CI-5 payment interrupted by a crash with the cash journal', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const r = await runChild(tmp.dir, 'machine');
    expect(r.err).toBe('');
    expect(r.signal).toBe('SIGKILL');
    const t = await createTestCoreWithCi5({ dataDir: tmp.dir });
    cleanups.push(() => t.core.stop('test'));
    expect(await t.core.sales.whenRecovered()).toMatchObject({ reconciled: 1, issued: 0 });
    const db = t.core.ctx.db;
    const payment = db.get(db.k.selectFrom('sale_payment').selectAll())!;
    const journal = db.get(db.k.selectFrom('cash_journal').selectAll().where('kind', '=', 'sale'))!;
    // Both journals agree and neither is left pending.
    expect(journal.status).not.toBe('pending');
    expect(journal.reference).toBe(`venda ${payment.sale_id} pagamento ${payment.id}`);
    expect(payment.provider_ref).toBe(String(journal.id));
    // The in-process training simulator died with the child, so its count shows nothing kept: the cash journal
    // reconciles the sale as 0 € in / 0 € out (flagged for the manager) and the payment follows it.
    expect(journal).toMatchObject({ status: 'reconciled', in_cents: 0, out_cents: 0, needs_ack: 1 });
    expect(payment.status).toBe('failed');
    expect(payment.message).toContain('Recuperado após interrupção');
    expect(payment.message).toContain('entraram 0,00\u00a0€ e saíram 0,00\u00a0€');
    const caixa = await t.login('caixa');
    expect(await t.call('sales/current', {}, caixa)).toMatchObject({
      status: 'open',
      paid: '0.00',
      remaining: '9.45',
    });
    expect(await t.call('fiscal/list-documents', { limit: 5 }, caixa)).toEqual([]);
  }, 60_000);

  it('marks a payment left pending by a crash as failed and leaves the sale payable again', async () => {
    const t = await salesCore();
    cleanups.push(() => t.close());
    const caixa = await t.login('caixa');
    await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    // An intent row without outcome, as a crash between the journal write and the provider's answer leaves it.
    const db = t.core.ctx.db;
    const sale = db.get(db.k.selectFrom('sale').selectAll())!;
    db.run(db.k.updateTable('sale').set({ status: 'paying', issue_type: 'FS' }).where('id', '=', sale.id));
    db.run(
      db.k.insertInto('sale_payment').values({
        sale_id: sale.id,
        method: 'cash-manual',
        mechanism: 'NU',
        status: 'pending',
        requested: '1.89',
        tendered: '2.00',
        change_given: null,
        provider_ref: null,
        message: null,
        operator_id: 1,
        started_at: new Date().toISOString(),
        finished_at: null,
      }),
    );
    const r = await t.core.sales.recover();
    expect(r).toMatchObject({ reconciled: 1, issued: 0 });
    const view = (await t.call('sales/current', {}, caixa))!;
    expect(view.status).toBe('open');
    expect(view.payments[0]).toMatchObject({ status: 'failed' });
    expect(view.payments[0].message).toContain('Pagamento interrompido');
    expect((await payCash(t, caixa)).completed!.document.totals.gross).toBe('1.89');
  });
});
