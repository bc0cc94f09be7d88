import { afterEach, describe, expect, it } from 'vitest';
import type { EodSection } from '../../../shared/api/eod';
import { computeReadOnly } from '../../../electron/core/reports/eod/run';
import { createTestCore, type TestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';
import { Dec, fixed } from '../../../shared/money';
import { articleOf } from '../fiscal/fiscal-helpers';
import { BUYER, configureForSim, control, issueFt, simulator, takesEinvoices } from '../ilink/ilink-helpers';
import { today } from './eod-helpers';

/**
 * Issue 14 §1.5–1.6 at the real boundary: a real core on a real SQLite file (documents issued and signed by the
 * fiscal service, iLink through its simulator over HTTP, stock moved by the fiscal hooks), then the end-of-day
 * computation on its own read-only connection.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(): Promise<TestCore> {
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  return t;
}

function sectionOf(t: TestCore, id: 'ilink' | 'stock'): EodSection {
  const draft = computeReadOnly({
    dataDir: t.dataDir,
    terminalId: t.core.ctx.terminalId,
    day: today(),
    now: new Date().toISOString(),
    previous: null,
  });
  return draft.sections.find((s) => s.id === id)!;
}

/** An FS of `quantity` × the article, paid by card to the cent. */
function sell(t: TestCore, a: { id: number; price: string }, quantity: string) {
  const amount = fixed(new Dec(a.price).times(quantity));
  return t.core.fiscal.issue(
    { type: 'FS', lines: [{ articleId: a.id, quantity }], payments: [{ method: 'card', amount }] },
    1,
  );
}

const notCertoKeys = (s: EodSection) => s.lines.filter((l) => l.light !== 'certo').map((l) => l.key);

describe('EOD iLink section', () => {
  it('says "não configurado" while the terminal neither sends nor receives', async () => {
    const t = await core();
    issueFt(t.core);
    expect(sectionOf(t, 'ilink')).toMatchObject({
      configured: false,
      light: null,
      summary: 'não configurado',
      lines: [],
    });
  });

  it('due ⇄ sent ⇄ accepted/rejected; a rejection to regularize names the number to resend; a failed send and an unconfirmed purchase are listed', async () => {
    const sim = await simulator();
    cleanups.push(() => sim.close());
    const t = await core();
    configureForSim(t.core, sim, { receive: true });
    // A second buyer whose documents iLink refuses (recipient requires an order number: e048).
    const strict = { ...BUYER, nif: '500000000', name: 'Cliente Exigente, SA' };
    await control(sim, '/control/recipient', { nif: strict.nif, orderRequired: true });
    const accepted = issueFt(t.core);
    const toFix = issueFt(t.core);
    takesEinvoices(t.core, strict);
    const failed = t.core.fiscal.issue(
      { type: 'FT', customer: strict, lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }] },
      1,
    );
    await t.core.jobs.drain();
    await control(sim, '/control/state', { number: accepted.docNo, state: 'accepted' });
    await control(sim, '/control/state', {
      number: toFix.docNo,
      state: 'rejected',
      reason: 'regularization',
    });
    await t.core.ilink.pollStates();
    const xml = purchaseXml({
      number: 'FT FORN/7',
      sellerVat: 'PT501964843',
      sellerName: 'Fornecedor do Dia',
    });
    await control(sim, '/control/received', xml);
    expect(await t.core.ilink.receive()).toMatchObject({ ok: true, imported: 1 });
    const purchase = t.core.purchases.list({})[0]!;

    const s = sectionOf(t, 'ilink');
    expect(s.configured).toBe(true);
    expect(s.light).toBe('por-explicar');
    const line = (key: string) => s.lines.find((l) => l.key === key)!;
    expect(line('ilink:due')).toMatchObject({
      item: 'Documentos a enviar: 3 ⇄ registados para envio: 3',
      light: 'certo',
    });
    expect(line('ilink:delivered').item).toBe(
      'Entregues ao iLink: 2 ⇄ aceites 1, recusados 1, sem resposta do cliente 0',
    );
    expect(line(`ilink:rejected:${toFix.id}`)).toMatchObject({
      light: 'por-explicar',
      refs: [{ kind: 'document', id: toFix.id, label: toFix.docNo }],
    });
    expect(line(`ilink:rejected:${toFix.id}`).explanation).toContain(
      `Reenviar o documento N.º ${toFix.docNo}`,
    );
    expect(line(`ilink:failed:${failed.id}`)).toMatchObject({ light: 'por-explicar' });
    expect(line(`ilink:purchase:${purchase.id}`)).toMatchObject({
      light: 'explicadas',
      item: expect.stringContaining('FT FORN/7 de Fornecedor do Dia'),
      refs: [{ kind: 'purchase', id: purchase.id }],
    });
    expect(notCertoKeys(s).sort()).toEqual(
      [`ilink:failed:${failed.id}`, `ilink:purchase:${purchase.id}`, `ilink:rejected:${toFix.id}`].sort(),
    );
    expect(s.facts).toContainEqual({ label: 'Compras por confirmar', value: '1' });

    // Once the purchase is confirmed its line goes; the day stays red for the other two.
    t.core.purchases.accept(purchase.id, 2);
    expect(notCertoKeys(sectionOf(t, 'ilink'))).not.toContain(`ilink:purchase:${purchase.id}`);
  }, 90_000);
});

describe('EOD stock section', () => {
  const seed = (t: TestCore, articleId: number, quantity: string) =>
    t.core.stock.adjust({
      articleId,
      warehouseId: 1,
      quantity,
      cause: 'adjustment',
      unitCost: '0.50',
      operatorId: null,
    });

  it('a balanced day is green: sales, a cancelled sale and its reversal, each line with its movement', async () => {
    const t = await core();
    const a = articleOf(t.core, 'NOR');
    const b = articleOf(t.core, 'RED');
    seed(t, a.id, '20');
    seed(t, b.id, '20');
    sell(t, a, '2');
    sell(t, b, '3');
    const gone = sell(t, a, '1');
    t.core.fiscal.cancel(gone.id, 'Engano do operador', 2);

    const s = sectionOf(t, 'stock');
    expect(s).toMatchObject({ configured: true, light: 'certo' });
    expect(notCertoKeys(s)).toEqual([]);
    expect(s.lines.find((l) => l.key === 'stock:sales')!.item).toContain('2 artigos');
    expect(s.facts).toContainEqual({ label: 'Quantidade vendida', value: '6' });
  });

  it('a planted movement that no sale explains is red, naming the article and its document', async () => {
    const t = await core();
    const a = articleOf(t.core, 'NOR');
    seed(t, a.id, '20');
    const doc = sell(t, a, '2');
    const { db } = t.core.ctx;
    const line = db.get(db.k.selectFrom('fiscal_line').select('id').where('document_id', '=', doc.id))!;
    // Written straight into the ledger file, as a faulty import or a hand edit would: one more unit out.
    db.run(
      db.k.insertInto('stock_movement').values({
        id: 'T1-PLANTED',
        article_id: a.id,
        warehouse_id: 1,
        quantity: '-1',
        unit_cost: null,
        cause: 'sale',
        document_id: doc.id,
        document_line_id: line.id,
        reference: null,
        reverses_id: null,
        balance_after: '17',
        operator_id: null,
        note: null,
        at: new Date().toISOString(),
      } as never),
    );
    const s = sectionOf(t, 'stock');
    expect(s.light).toBe('por-explicar');
    const bad = s.lines.find((l) => l.key === `stock:article:${a.id}`)!;
    expect(bad).toMatchObject({
      light: 'por-explicar',
      refs: [{ kind: 'document', id: doc.id, label: doc.docNo }],
    });
    expect(bad.item).toContain('vendas -2 ⇄ movimentos -3');
    expect(s.lines.find((l) => l.key === 'stock:sales')!.light).toBe('por-explicar');
  });

  it('a balance that went below zero today is listed with the sale that took it there', async () => {
    const t = await core();
    const a = articleOf(t.core, 'NOR');
    seed(t, a.id, '1');
    const doc = sell(t, a, '3');
    const s = sectionOf(t, 'stock');
    const neg = s.lines.find((l) => l.key === `stock:negative:${a.id}:1`)!;
    expect(neg).toMatchObject({ light: 'explicadas' });
    expect(neg.item).toContain('(-2; agora -2)');
    expect(neg.refs[0]).toEqual({ kind: 'document', id: doc.id, label: doc.docNo });
    expect(s.light).toBe('explicadas');
  });
});
