import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSupplierStore } from '../../../electron/core/parties/suppliers';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { article, onHand } from '../stock/stock-helpers';

const CHILD = path.resolve(import.meta.dirname, 'confirm-child.mjs');

/**
 * "Confirm once" across a crash: a real process is SIGKILLed inside the confirming transaction, after its stock
 * movements were written. On the next start neither the confirmation nor the movements are there (the purchase
 * is still to confirm); confirming again posts them exactly once, and a further confirmation is refused.
 */
describe('confirming a purchase survives a SIGKILL between the request and the commit', () => {
  const tmp = tempDir('balcao-purchase-crash-');
  afterAll(() => tmp.cleanup());

  it('is all or nothing, then once', async () => {
    let t = await createTestCore({ dataDir: tmp.dir });
    const db = t.core.ctx.db;
    const { supplier } = createSupplierStore(db).findOrCreate(
      {
        vatCountry: 'PT',
        vatId: '589309340',
        name: 'Distribuidora Tejo, Lda.',
        address: 'Rua',
        postalCode: '1100-420',
        city: 'Lisboa',
        country: 'PT',
        email: null,
      },
      'T1-SUP1',
      '2025-06-01T09:00:00.000Z',
    );
    const leite = article(t.core, 'A0003');
    const p = t.core.purchases.createManual(
      {
        supplierId: supplier.id,
        typeCode: 'FT',
        number: 'FT 77',
        issueDate: '2025-06-01',
        dueDate: null,
        warehouseId: null,
        lines: [{ articleId: leite.id, quantity: '24', unitCost: '0.52', discountPct: '0', vatRate: '6' }],
        typedTotals: { net: '12.48', vat: '0.75', gross: '13.23' },
      },
      2,
    );
    await t.core.stop('test');

    const r = spawnSync(process.execPath, [CHILD, tmp.dir, p.id], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toBe('posted 1\n');

    t = await createTestCore({ dataDir: tmp.dir });
    try {
      const after = t.core.purchases.get(p.id);
      expect(after).toMatchObject({ stage: 'por-confirmar', state: 'registado', warehouse: null });
      expect(onHand(t.core, leite.id)).toBe('0');
      expect(t.core.stock.movements({ articleId: leite.id })).toEqual([]);

      t.core.purchases.confirm(p.id, 1, 2);
      expect(() => t.core.purchases.confirm(p.id, 1, 2)).toThrow(/já entrou em stock/);
      expect(onHand(t.core, leite.id)).toBe('24');
      expect(t.core.stock.movements({ articleId: leite.id }).map((m) => m.quantity)).toEqual(['24']);
      expect(t.core.stock.mismatches()).toEqual([]);
    } finally {
      await t.core.stop('test');
    }
  }, 180_000);
});
