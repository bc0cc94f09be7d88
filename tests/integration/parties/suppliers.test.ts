import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Supplier } from '../../../shared/api/suppliers';
import type { TestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';
import { httpApi } from '../misuse/http';
import { salesCore } from '../sales/sales-helpers';

/** Gestão › Fornecedores (issue 12 item 3) over real HTTP: the supplier an iLink import made, edited, counted. */
let tc: TestCore;
let api: Awaited<ReturnType<typeof httpApi>>;
let gerente: string;
let caixa: string;

beforeAll(async () => {
  tc = await salesCore();
  api = await httpApi(tc);
  gerente = await api.login(2, '9999');
  caixa = await api.login(1, '1111');
});
afterAll(async () => {
  await api.srv.close();
  await tc.close();
});

describe('suppliers', () => {
  it('lists the supplier of an imported purchase with its count; edits it; the VAT id stays unique', async () => {
    const r = tc.core.purchases.importer.importUbl(Buffer.from(purchaseXml(), 'utf8'), {
      ilinkId: 'il-s1',
      receivedAt: '2025-06-02T10:00:00.000Z',
    });
    expect(r.ok).toBe(true);
    expect((await api.call('suppliers/search', {}, caixa)).status).toBe(403);
    const found = (await api.call('suppliers/search', { query: 'distribuidora tejo' }, gerente))
      .value as Supplier[];
    expect(found).toHaveLength(1);
    const s = found[0]!;
    expect(s).toMatchObject({ nif: '589309340', purchases: 1, active: true });

    const saved = await api.call(
      'suppliers/save',
      {
        id: s.id,
        supplier: {
          nif: s.nif,
          name: s.name,
          address: s.address,
          postalCode: '1100-148',
          city: s.city,
          country: s.country,
          email: s.email,
          phone: '213 000 000',
          paymentTermsDays: 60,
          active: true,
        },
      },
      gerente,
    );
    expect(saved.error).toBeNull();
    expect(saved.value).toMatchObject({ phone: '213 000 000', paymentTermsDays: 60, purchases: 1 });

    const dup = await api.call('suppliers/save', { supplier: { nif: '589309340', name: 'Outro' } }, gerente);
    expect(dup.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Distribuidora Tejo'),
    });
    const bad = await api.call('suppliers/save', { supplier: { nif: '589309341', name: 'X' } }, gerente);
    expect(bad.status).toBe(400);
    const es = await api.call(
      'suppliers/save',
      { supplier: { nif: 'ESB12345674', name: 'Aceites Peña', country: 'ES' } },
      gerente,
    );
    expect(es.value).toMatchObject({ nif: 'ESB12345674', country: 'ES', purchases: 0 });
  });
});
