import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/api/catalog-admin';
import type { Customer, CustomerAccount, CustomerDetail } from '../../../shared/api/customers';
import { parseCsv } from '../../../shared/csv';
import { PosError } from '../../../shared/errors';
import type { TestCore } from '../../helpers/core';
import { httpApi } from '../misuse/http';
import { openShift, salesCore } from '../sales/sales-helpers';

/**
 * Gestão › Clientes (issue 12 items 2–3, issue 15 item 4): one customers domain behind the back office, the
 * till and the fiscal core, on a real SQLite file, through its service and through real HTTP (`balcao serve`'s
 * server), which must refuse the same things with the same words.
 */
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

const save = async (customer: Record<string, unknown>, id?: number): Promise<CustomerDetail> => {
  const r = await api.call('customers/save', { ...(id ? { id } : {}), customer }, gerente);
  if (r.error) throw new PosError(r.error.code, r.error.message);
  return r.value as CustomerDetail;
};
const refusal = async (fn: () => unknown): Promise<PosError> => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('not refused');
};
const service = () => tc.core.customers;
const actor = { operatorId: 2, via: 'backoffice' as const };
const row = (id: number) =>
  tc.core.ctx.db.sqlite.prepare('select * from customer where id = ?').get(id) as Record<string, unknown>;
const issueFt = (customer: Record<string, unknown>, price = '100.00') =>
  tc.core.fiscal.issue(
    {
      type: 'FT',
      lines: [{ description: 'Serviço', unitPrice: price, taxCode: 'NOR', quantity: '1' }],
      customer,
    },
    2,
  );

describe('customer file: NIF and fields', () => {
  it('accepts a PT NIF with its check digit and EU VAT ids by their country format; refuses others in pt-PT', async () => {
    const pt = await save({ nif: '501 964 843', name: 'Cafetaria Lusitana, Lda.', postalCode: '1100-148' });
    expect(pt.customer).toMatchObject({ nif: '501964843', country: 'PT', frozen: false, active: true });
    expect(pt.customer.code).toMatch(/^T1-[0-9A-Z]{26}$/);
    const es = await save({ nif: 'ESB12345674', name: 'Distribuciones Peña S.L.', country: 'ES' });
    expect(es.customer).toMatchObject({ nif: 'ESB12345674', country: 'ES' });

    const bad = await api.call('customers/save', { customer: { nif: '501964844', name: 'X' } }, gerente);
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toMatch(/NIF/);
    const de = await api.call(
      'customers/save',
      { customer: { nif: 'DE12345', name: 'X', country: 'DE' } },
      gerente,
    );
    expect(de.error?.message).toMatch(/Alemanha/);
    const wrongCountry = await api.call(
      'customers/save',
      { customer: { nif: 'ESB12345674', name: 'X' } },
      gerente,
    );
    expect(wrongCountry.error?.message).toMatch(/País: o NIF ESB12345674 é de ES/);
    const postal = await api.call(
      'customers/save',
      { customer: { nif: '123456789', name: 'Maria', postalCode: '1100148' } },
      gerente,
    );
    expect(postal.error?.message).toMatch(/NNNN-NNN/);
    // A foreign post code has its own shape.
    const fr = await save({
      nif: 'FR40303265045',
      name: 'Société Générale',
      country: 'FR',
      postalCode: '75009',
    });
    expect(fr.customer.postalCode).toBe('75009');
  });

  it('one active customer per NIF; a caixa may look up but not save', async () => {
    const e = await api.call('customers/save', { customer: { nif: '501964843', name: 'Outra' } }, gerente);
    expect(e.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Cafetaria Lusitana'),
    });
    const c = await api.call('customers/save', { customer: { nif: '503504564', name: 'X' } }, caixa);
    expect(c.status).toBe(403);
    const found = await api.call('customers/search', { query: 'lusitana' }, caixa);
    expect((found.value as Customer[]).map((x) => x.name)).toEqual(['Cafetaria Lusitana, Lda.']);
  });

  it('search is accent-insensitive, by NIF too, in Portuguese order', async () => {
    await save({ nif: '123456789', name: 'Álvaro Ávila' });
    await save({ nif: '', name: 'Zé Ninguém' });
    await save({ nif: 'PT 514 000 007', name: 'Açores Frutas, Lda.' });
    const names = (await service().search('', 100, false)).map((c) => c.name);
    const order = ['Açores Frutas, Lda.', 'Álvaro Ávila', 'Cafetaria Lusitana, Lda.'];
    expect(names.filter((n) => order.includes(n))).toEqual(order);
    expect(names).toContain('Zé Ninguém');
    expect(names).not.toContain('Consumidor final');
    expect((await service().search('alvaro avila', 10, false)).map((c) => c.name)).toEqual(['Álvaro Ávila']);
    expect((await service().search('5140', 10, false)).map((c) => c.name)).toEqual(['Açores Frutas, Lda.']);
    expect((await service().search('ze ninguem', 10, false))[0]).toMatchObject({ nif: '999999990' });
  });
});

describe('frozen identity after a signed document (AT rule)', () => {
  it('refuses a change of name, NIF or address through the service and HTTP alike, allows contact fields', async () => {
    const c = await save({
      nif: '503504564',
      name: 'Oficina Central, Lda.',
      address: 'Rua Direita, 5',
      postalCode: '3000-100',
      city: 'Coimbra',
      email: 'geral@oficina.pt',
    });
    // Not yet on a document: anything may change.
    const edited = await save({ ...inputOf(c.customer), address: 'Rua Direita, 7' }, c.customer.id);
    expect(edited.customer.address).toBe('Rua Direita, 7');

    const ft = issueFt({ id: c.customer.id, nif: '503504564', name: 'Oficina Central, Lda.' });
    expect(ft.customer).toMatchObject({
      name: 'Oficina Central, Lda.',
      address: 'Rua Direita, 7',
      city: 'Coimbra',
    });
    const frozen = (await api.call('customers/get', { id: c.customer.id }, caixa)).value as CustomerDetail;
    expect(frozen).toMatchObject({ documents: 1, customer: { frozen: true } });

    const before = row(c.customer.id);
    const renamed = { ...inputOf(frozen.customer), name: 'Oficina Nova, Lda.' };
    const viaService = await refusal(() =>
      tc.core.ctx.db.tx(() =>
        service().save(actor, c.customer.id, {
          ...parsedDefaults,
          ...inputOf(frozen.customer),
          name: 'Oficina Nova, Lda.',
        }),
      ),
    );
    const viaHttp = await api.call('customers/save', { id: c.customer.id, customer: renamed }, gerente);
    expect(viaService.code).toBe('FISCAL_RULE');
    expect(viaHttp.error).toMatchObject({ code: 'FISCAL_RULE', message: viaService.message });
    expect(viaService.message).toBe(
      'O cliente Oficina Central, Lda. já consta de documentos emitidos: o nome já não se pode alterar (regras da AT). ' +
        'Pode alterar o e-mail, o telefone, o prazo de pagamento e a faturação eletrónica; para outros dados fiscais, desative esta ficha e crie uma nova.',
    );
    const moved = await api.call(
      'customers/save',
      {
        id: c.customer.id,
        customer: { ...inputOf(frozen.customer), nif: '123456789', address: 'Outra rua' },
      },
      gerente,
    );
    expect(moved.error?.message).toMatch(/o NIF e a morada já não se podem alterar/);
    expect(row(c.customer.id)).toEqual(before);

    // Contact fields change at any time.
    const contact = await save(
      {
        ...inputOf(frozen.customer),
        email: 'faturas@oficina.pt',
        phone: '239 000 000',
        paymentTermsDays: 30,
        einvoice: true,
      },
      c.customer.id,
    );
    expect(contact.customer).toMatchObject({
      email: 'faturas@oficina.pt',
      phone: '239 000 000',
      paymentTermsDays: 30,
      einvoice: true,
    });
    // The document keeps what it snapshotted.
    expect(tc.core.fiscal.get(ft.id).customer.name).toBe('Oficina Central, Lda.');
  });

  it('the fiscal core and the till refuse the same change; filling in an unknown address is allowed', async () => {
    const ft = issueFt({ nif: '505003902', name: 'Papelaria Sé' });
    expect(ft.customer.address).toBe('Desconhecido');
    const id = ft.customer.id!;
    const e = await refusal(() => issueFt({ nif: '505003902', name: 'Papelaria da Sé, Lda.' }));
    expect(e).toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('o nome já não se pode alterar'),
    });
    const till = await tc.login('caixa');
    await openShift(tc, till);
    await tc.call('sales/add-line', { articleId: 1 }, till);
    await expect(
      tc.call('sales/set-customer', { customer: { nif: '505003902', name: 'Papelaria da Sé, Lda.' } }, till),
    ).rejects.toMatchObject({ code: 'FISCAL_RULE' });
    // The known customer is filled in at the till; typing only the NIF keeps its data.
    const sale = await tc.call('sales/set-customer', { customer: { nif: '505003902' } }, till);
    expect(sale.customer).toMatchObject({ id, name: 'Papelaria Sé' });
    await tc.call('sales/set-customer', { customer: null }, till);

    const filled = issueFt({
      nif: '505003902',
      name: 'Papelaria Sé',
      address: 'Largo da Sé, 1',
      city: 'Braga',
    });
    expect(filled.customer).toMatchObject({ id, address: 'Largo da Sé, 1', city: 'Braga' });
    expect(row(id)).toMatchObject({ address: 'Largo da Sé, 1', city: 'Braga' });
    // The SAF-T master row agrees with the documents from now on (identity only moves from unknown to known).
    expect(row(id)).toMatchObject({ nif: '505003902', name: 'Papelaria Sé' });
  });
});

describe('conta corrente', () => {
  it('lists open invoices, receipts and the balance from the fiscal tables', async () => {
    const c = await save({ nif: '508000009', name: 'Conta Corrente, S.A.', paymentTermsDays: 30 });
    const draft = { id: c.customer.id, nif: c.customer.nif, name: c.customer.name };
    const ft1 = issueFt(draft, '100.00');
    const ft2 = issueFt(draft, '50.00');
    tc.core.fiscal.issueReceipt(
      { settlements: [{ documentId: ft1.id, amount: '60' }], payments: [{ method: 'mbway', amount: '60' }] },
      2,
    );
    tc.core.fiscal.issueReceipt(
      { settlements: [{ documentId: ft2.id, amount: '50' }], payments: [{ method: 'cash', amount: '50' }] },
      2,
    );
    const r = await api.call('customers/account', { id: c.customer.id }, gerente);
    const acc = r.value as CustomerAccount;
    expect(acc.balance).toBe('40.00');
    expect(acc.openInvoices.map((e) => [e.docNo, e.outstanding])).toEqual([[ft1.docNo, '40.00']]);
    const due = new Date(`${ft1.date}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    expect(acc.openInvoices[0]!.dueDate).toBe(due.toISOString().slice(0, 10));
    expect(acc.receipts).toHaveLength(2);
    expect(acc.entries.map((e) => e.type)).toEqual(['FT', 'FT', 'RG', 'RG']);
    expect((await api.call('customers/account', { id: c.customer.id }, caixa)).status).toBe(403);
  });
});

const parsedDefaults = {
  code: '',
  nif: '',
  address: '',
  postalCode: '',
  city: '',
  country: 'PT',
  email: '',
  phone: '',
  paymentTermsDays: 0,
  einvoice: false,
  active: true,
};
function inputOf(c: Customer) {
  return {
    code: c.code,
    nif: c.nif === '999999990' ? '' : c.nif,
    name: c.name,
    address: c.address,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    email: c.email,
    phone: c.phone,
    paymentTermsDays: c.paymentTermsDays,
    einvoice: c.einvoice,
    active: c.active,
  };
}

describe('customers CSV', () => {
  const importCsv = async (csv: string, opts: Record<string, unknown> = {}): Promise<ImportReport> => {
    const r = await api.call('customers/import-csv', { csv, ...opts }, gerente);
    expect(r.error).toBeNull();
    return r.value as ImportReport;
  };
  const count = () =>
    (tc.core.ctx.db.sqlite.prepare('select count(*) as n from customer').get() as { n: number }).n;

  it('is all or nothing: one bad row rejects the file naming its line, nothing changes', async () => {
    const before = count();
    const r = await importCsv(
      '\ufeffNIF;Nome;Código postal;País\r\n' +
        '510000010;Bom Cliente;1000-001;PT\r\n' +
        '510000001;NIF errado;1000-001;PT\r\n' +
        ';Sem NIF;12345;PT\r\n',
    );
    expect(r.applied).toBe(false);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4]);
    expect(r.rejected[1]!.reason).toMatch(/^codigo_postal: /);
    expect(count()).toBe(before);
    const skip = await importCsv('nif;nome\n510000010;Bom Cliente\n510000001;NIF errado\n', {
      skipInvalid: true,
    });
    expect(skip).toMatchObject({ created: 1, applied: true });
    expect(skip.rejected.map((x) => x.line)).toEqual([3]);
    expect(count()).toBe(before + 1);
  });

  it('round-trips BOM, ";", accents and quotes; re-import updates in place by NIF or code', async () => {
    const csv =
      '\ufeffnif;nome;morada;codigo_postal;localidade;pais;email;prazo_pagamento;fatura_eletronica\r\n' +
      '516000004;"Pão & Companhia; Lda.";Rua do Açúcar, 3;4000-123;Guimarães;PT;pao@exemplo.pt;60;sim\r\n' +
      'ESB87654321;Ñandú Ibérica S.L.;Calle Mayor 1;28013;Madrid;ES;;0;não\r\n';
    const first = await importCsv(csv);
    expect(first).toMatchObject({ created: 2, applied: true, rejected: [] });
    const [pao] = await service().search('pao companhia', 5, true);
    expect(pao).toMatchObject({
      name: 'Pão & Companhia; Lda.',
      city: 'Guimarães',
      paymentTermsDays: 60,
      einvoice: true,
    });
    const again = await importCsv(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, applied: true });

    const out = (await api.call('customers/export-csv', {}, gerente)).value as { csv: string; rows: number };
    expect(out.csv.startsWith('\ufeffcodigo;nif;nome;')).toBe(true);
    const recs = parseCsv(out.csv);
    const line = recs.find((r) => r.fields[1] === '516000004')!;
    expect(line.fields[2]).toBe('Pão & Companhia; Lda.');
    const back = await importCsv(out.csv);
    expect(back).toMatchObject({ created: 0, updated: 0, unchanged: out.rows, applied: true, rejected: [] });

    // "," files and a change of one column, matched by code.
    const code = pao!.code;
    const upd = await importCsv(`codigo,telefone\r\n${code},253 111 222\r\n`);
    expect(upd).toMatchObject({ updated: 1, applied: true });
    expect((await service().get(pao!.id)).customer).toMatchObject({
      phone: '253 111 222',
      city: 'Guimarães',
    });
  });

  it('a frozen customer keeps its identity on re-import (the row is refused with the rule)', async () => {
    issueFt({ nif: '516000004', name: 'Pão & Companhia; Lda.' });
    const r = await importCsv('nif;nome\n516000004;Outro Nome\n');
    expect(r.applied).toBe(false);
    expect(r.rejected[0]).toMatchObject({
      line: 2,
      reason: expect.stringContaining('o nome já não se pode alterar'),
    });
  });
});
