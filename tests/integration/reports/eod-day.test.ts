import { afterEach, describe, expect, it } from 'vitest';
import type { EodRecord } from '../../../shared/api/eod';
import { drawerSale, eod, interruptedSale, LEITE, machineSale, PAO, till, type Till } from './eod-helpers';

/**
 * Issue 14 at the real boundary: a real core on a real SQLite file, sales through the real checkout and the CI-5
 * simulator over its wire, then the end-of-day run on a read-only connection, its record in eod_record.
 */
let x: Till | null = null;
afterEach(async () => {
  await x?.t.close();
  x = null;
});

const sectionOf = (r: EodRecord, id: string) => r.sections.find((s) => s.id === id)!;
const lineOf = (r: EodRecord, key: string) => r.sections.flatMap((s) => s.lines).find((l) => l.key === key)!;

/** Float 20 € in the drawer; 2 Pão (3,78 €) paid with a 5 € note in the CI-5; 1 Leite (0,95 €) in the drawer. */
async function balancedDay(counted = '20.95'): Promise<Till> {
  const t = await till();
  x = t;
  await t.t.call('shifts/open', { openingFloat: '20.00' }, t.caixa);
  await machineSale(t, PAO, '2', [500]);
  await drawerSale(t, LEITE, '1', '1.00');
  await t.t.call('shifts/close', { countedCash: counted, print: false }, t.caixa);
  // A balanced day has printed its receipts: the print queue is emptied before the run.
  await t.t.core.jobs.drain();
  return t;
}

describe('end-of-day run (documents, cash three ways, devices)', () => {
  it('a balanced day is green everywhere; the sources of other parts say "não configurado"', async () => {
    const t = await balancedDay();
    const { record, created } = await eod(t);
    expect(created).toBe(true);
    expect(record.version).toBe(1);
    expect(record.id).toMatch(/^T1-[0-9A-Z]{26}$/);
    for (const id of ['documents', 'cash', 'stock', 'devices'])
      expect({
        id,
        light: sectionOf(record, id).light,
        lines: sectionOf(record, id).lines.filter((l) => l.light !== 'certo'),
      }).toEqual({ id, light: 'certo', lines: [] });
    for (const id of ['cards', 'paypay', 'ilink'])
      expect(sectionOf(record, id)).toMatchObject({
        configured: false,
        light: null,
        summary: 'não configurado',
      });
    expect(record.light).toBe('certo');
    expect(record.verdict).toContain('tudo certo');
    expect(lineOf(record, 'machine-sales')).toMatchObject({
      expectedCents: 378,
      actualCents: 378,
      differenceCents: 0,
    });
    expect(record.charts.byMethod).toEqual([
      { method: 'cash-machine', name: 'Numerário (máquina)', cents: 378 },
      { method: 'cash-manual', name: 'Numerário (gaveta)', cents: 95 },
    ]);
    expect(record.charts.byFamily.reduce((a, f) => a + f.cents, 0)).toBe(473);
    // The row is immutable.
    const db = t.t.core.ctx.db;
    expect(() => db.run(db.k.updateTable('eod_record').set({ light: 'por-explicar' }))).toThrow(/immutable/);
    expect(() => db.run(db.k.deleteFrom('eod_record'))).toThrow(/immutable/);
  });

  it('a drawer count short by a 50-cent coin is found, attributed to the shift close, to the cent', async () => {
    const t = await balancedDay('20.45');
    const { record } = await eod(t);
    const drawer = sectionOf(record, 'cash').lines.find((l) => l.key.startsWith('drawer:'))!;
    expect(drawer).toMatchObject({
      expectedCents: 2095,
      actualCents: 2045,
      differenceCents: -50,
      explainedCents: 0,
      light: 'por-explicar',
    });
    expect(drawer.refs[0]).toMatchObject({ kind: 'shift' });
    expect(drawer.explanation).toContain('em falta 0,50 €');
    expect(sectionOf(record, 'cash').light).toBe('por-explicar');
    expect(record.light).toBe('por-explicar');
    expect(record.verdict).toContain('0,50 € por explicar');
  });

  it('an interrupted CI-5 payment under review is "explicada", not "por explicar"', async () => {
    const t = await till();
    x = t;
    await t.t.call('shifts/open', { openingFloat: '0.00' }, t.caixa);
    const { saleId } = await interruptedSale(t);
    const { record } = await eod(t);
    const line = lineOf(record, 'machine-sales');
    expect(line).toMatchObject({
      expectedCents: 0,
      actualCents: 100,
      differenceCents: 100,
      explainedCents: 100,
      light: 'explicadas',
    });
    expect(line.explanation).toContain(`venda ${saleId}`);
    expect(line.explanation).toContain('em revisão');
    expect(line.refs).toContainEqual(expect.objectContaining({ kind: 'sale', id: saleId }));
    expect(sectionOf(record, 'cash').light).toBe('explicadas');
    expect(record.light).not.toBe('por-explicar');
  });

  it('a re-run after a late event creates version 2 saying what changed; an idle re-run creates nothing', async () => {
    const t = await till();
    x = t;
    await t.t.call('shifts/open', { openingFloat: '20.00' }, t.caixa);
    await machineSale(t, PAO, '2', [500]);
    const v1 = (await eod(t)).record;
    const again = await eod(t);
    expect(again).toMatchObject({ created: false, record: { id: v1.id, version: 1 } });
    await drawerSale(t, LEITE, '1', '0.95'); // late: after the first run
    const v2 = await eod(t, 'manual', true); // on a worker thread this time
    expect(v2.created).toBe(true);
    expect(v2.record).toMatchObject({ version: 2, previousId: v1.id, day: v1.day });
    expect(v2.record.changes.join('\n')).toContain('FS T1F: n.º 1 a 2');
    expect(v2.record.changes.length).toBeGreaterThan(0);
    // Version 1 is still there, unchanged.
    const db = t.t.core.ctx.db;
    const rows = db.all(db.k.selectFrom('eod_record').select(['version', 'record']).orderBy('version'));
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(JSON.parse(rows[0].record)).toEqual(v1);
  });

  it('the chain check is incremental: a re-run checks only the new documents, and a forged one is named', async () => {
    const t = await till();
    x = t;
    await t.t.call('shifts/open', { openingFloat: '20.00' }, t.caixa);
    await drawerSale(t, PAO, '1', '2.00');
    await drawerSale(t, LEITE, '1', '1.00');
    const v1 = (await eod(t)).record;
    expect(lineOf(v1, 'chain')).toMatchObject({ light: 'certo' });
    expect(lineOf(v1, 'chain').item).toContain('2 documentos novos verificados');
    await drawerSale(t, LEITE, '2', '2.00'); // FS T1F/3, after the first run
    // Someone edits the new document's total in the database file (triggers dropped, as in verify.test.ts).
    const raw = t.t.core.ctx.db.sqlite;
    for (const tr of raw
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
      .all() as { name: string }[])
      raw.exec(`drop trigger ${tr.name}`);
    raw.prepare(`update fiscal_document set gross_total = '1.80' where doc_no = 'FS T1F/3'`).run();
    const v2 = (await eod(t)).record;
    const chain = lineOf(v2, 'chain');
    expect(chain.item).toContain('1 documento novo verificado');
    expect(chain.light).toBe('por-explicar');
    expect(chain.explanation).toContain('FS T1F/3: assinatura inválida');
    expect(chain.refs).toEqual([expect.objectContaining({ kind: 'document', label: 'FS T1F/3' })]);
    expect(sectionOf(v2, 'documents').light).toBe('por-explicar');
    // The broken series is checked again next time (its checkpoint was dropped), and still found. Meanwhile the
    // receipts have printed (the job runner works between calls, never inside the sale's own): a change of the
    // day, so that run is a new version (a run that changes nothing but the chain line's count writes none).
    await t.t.core.jobs.drain();
    const v3 = (await eod(t)).record;
    expect(lineOf(v3, 'chain')).toMatchObject({
      light: 'por-explicar',
      refs: [expect.objectContaining({ label: 'FS T1F/3' })],
    });
    expect(lineOf(v3, 'chain').item).toContain('3 documentos novos verificados');
    expect(v2.checkpoint.series).toEqual([]);
  });
});
