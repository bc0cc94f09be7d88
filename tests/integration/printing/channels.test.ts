import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { PNG } from 'pngjs';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('printing channels on a real core', () => {
  it('a sale document prints on the virtual printer; reprint is "2.ª via"; preview and drawer journal work', async () => {
    t = await createTestCore();
    const caixa = await t.login('caixa');
    // The raw fiscal channel is the back office's (manager-only since issue 9): the till issues via sales/*.
    const gerente = await t.login('gerente');
    const doc = await t.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ description: 'Bica', quantity: '2', unitPrice: '0.80', taxCode: 'NOR' }],
        payments: [{ method: 'cash', amount: '1.60' }],
        cashTendered: '5.00',
      },
      gerente,
    );
    expect(await t.call('printing/list-printers', {}, caixa)).toMatchObject([
      { id: 'principal', uri: 'virtual:', isDefault: true },
    ]);

    const first = t.core.printing.enqueueDocument(doc.id);
    expect(first.copy).toBe(false);
    const { jobId } = await t.call('printing/reprint', { documentId: doc.id }, caixa);
    await t.core.printing.processNow(true);
    const jobs = await t.call('printing/list-jobs', {}, caixa);
    expect(jobs.find((j) => j.id === jobId)).toMatchObject({ state: 'done', copy: true, docNo: doc.docNo });

    const preview = await t.call('printing/last-preview', {}, caixa);
    const png = PNG.sync.read(Buffer.from(preview!.dataUrl.split(',')[1], 'base64'));
    expect(png.width).toBe(576 + 32);

    // The rendered bytes are kept beside the PNG: read back what the virtual printer got.
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.join(t.dataDir, 'virtual-printer');
    const bins = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .sort();
    const text = paperText(decode(new Uint8Array(fs.readFileSync(path.join(dir, bins[bins.length - 1])))));
    expect(text).toContain(doc.docNo);
    expect(text).toContain('2.ª via');
    expect(text).toContain(`ATCUD:${doc.atcud}`);
    expect(text).toContain('Documento emitido para fins de');
    expect(text).toMatch(/Entregue +5,00/);
    expect(text).toMatch(/Troco +3,40/);

    // Opening the drawer from the printing channel is the manager's (a caixa uses shifts/open-drawer + PIN).
    await expect(
      t.call('printing/open-drawer', { reason: 'Troco para a caixa' }, caixa),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('printing/open-drawer', { reason: 'x' }, gerente)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const d = await t.call('printing/open-drawer', { reason: 'Troco para a caixa' }, gerente);
    const db = t.core.ctx.db;
    expect(db.all(db.k.selectFrom('drawer_event').selectAll())).toMatchObject([
      { operator_id: 2, reason: 'Troco para a caixa', job_id: d.jobId },
    ]);
    await expect(
      t.call('printing/configure-printer', { id: 'x', name: 'X', uri: 'tcp://1.2.3.4:9100' }, caixa),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      t.call('printing/configure-printer', { id: 'x', name: 'X', uri: 'lpt1' }, gerente),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
