import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';

let tc: TestCore;
afterEach(async () => tc?.close());

describe('printing/configure-printer', () => {
  it('reports each printer’s paper and QR, and an edit keeps the rest of its profile', async () => {
    tc = await createTestCore();
    tc.core.printing.configurePrinter({
      id: 'balcao',
      name: 'Talões',
      uri: 'virtual:',
      profile: { paper: '80mm-42', qr: 'raster', codePageN: 16 },
      isDefault: false,
    });
    const manager = await tc.login('gerente');
    const before = (await tc.call('printing/list-printers', {}, manager)).find((p) => p.id === 'balcao');
    expect(before).toMatchObject({ paper: '80mm-42', qr: 'raster' });

    const after = await tc.call(
      'printing/configure-printer',
      { id: 'balcao', name: 'Talões', uri: 'virtual:', paper: '58mm-32', qr: 'raster' },
      manager,
    );
    expect(after).toMatchObject({ paper: '58mm-32', qr: 'raster' });
    expect(tc.core.printing.printerProfile('balcao')).toMatchObject({ paper: '58mm-32', codePageN: 16 });

    const cashier = await tc.login('caixa');
    await expect(
      tc.call('printing/configure-printer', { id: 'x', name: 'X', uri: 'virtual:' }, cashier),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
