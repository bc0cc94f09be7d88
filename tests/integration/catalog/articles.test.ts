import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../shared/api/catalog';
import type { ArticleDetail, ArticleInput, PriceChange } from '../../../shared/api/catalog-admin';
import type { TestCore } from '../../helpers/core';
import { httpApi } from '../misuse/http';
import { openShift, salesCore } from '../sales/sales-helpers';

/**
 * Gestão › Artigos over the real browser-mode server (HTTP JSON, real SQLite file): search without accents in
 * Portuguese order, create/edit with validation, duplicate barcodes, audited price changes, and the rules for an
 * article that is on a document (locked code and description, never deleted, the document keeps its fields).
 */
let tc: TestCore;
let api: Awaited<ReturnType<typeof httpApi>>;
let caixa: string;
let gerente: string;

beforeAll(async () => {
  tc = await salesCore();
  api = await httpApi(tc);
  caixa = await api.login(1, '1111');
  gerente = await api.login(2, '9999');
});
afterAll(async () => {
  await api.srv.close();
  await tc.close();
});

const search = async (query: string, extra: Record<string, unknown> = {}): Promise<Article[]> => {
  const r = await api.call('catalog/search', { query, ...extra }, caixa);
  expect(r.ok).toBe(true);
  return r.value as Article[];
};
const save = (article: ArticleInput, id?: number, session = gerente) =>
  api.call('catalog/save', { ...(id ? { id } : {}), article }, session);

const BASE: ArticleInput = {
  code: 'T100',
  name: 'Pãozinho de Água',
  family: 'Padaria Fina',
  unit: 'UN',
  price: '0.25',
  taxCode: 'RED',
  barcodes: ['5609999000012', '96385074'],
};

describe('search (issue 15 item 3)', () => {
  it('finds accented names typed without accents or case, and sorts in Portuguese order', async () => {
    expect((await search('pao')).map((a) => a.name)).toContain('Pão de forma Bimbo 500 g');
    expect((await search('AGUA')).map((a) => a.name)).toEqual([
      'Água com gás Pedras 250 ml',
      'Água Luso 1,5 L',
    ]);
    expect((await search('acucar')).map((a) => a.name)).toEqual(['Açúcar branco RAR 1 kg']);
    expect((await search('pao forma')).map((a) => a.name)).toEqual(['Pão de forma Bimbo 500 g']);
    const all = (await search('', { limit: 500 })).map((a) => a.name);
    const at = (prefix: string) => all.findIndex((n) => n.startsWith(prefix));
    expect(at('Água')).toBeLessThan(at('Saco'));
    expect(at('Açúcar')).toBeLessThan(at('Azeite'));
    expect(at('Maçã')).toBeLessThan(at('Massa'));
    expect(at('Água')).toBeLessThan(at('Arroz'));
  });

  it('finds by code and by barcode', async () => {
    expect((await search('a0001')).map((a) => a.code)).toEqual(['A0001']);
    expect((await search('5601234100013')).map((a) => a.code)).toEqual(['A0001']);
  });
});

describe('articles (issue 12 item 1)', () => {
  let id: number;

  it('a caixa cannot create an article; a gerente can, and the till finds and scans it', async () => {
    const refused = await save(BASE, undefined, caixa);
    expect(refused.status).toBe(403);
    const r = await save(BASE);
    expect(r.error).toBeNull();
    const d = r.value as ArticleDetail;
    id = d.article.id;
    expect(d.article).toMatchObject({
      code: 'T100',
      name: 'Pãozinho de Água',
      price: '0.25',
      barcode: '5609999000012',
    });
    expect(d.barcodes).toEqual([
      { barcode: '5609999000012', kind: 'EAN13' },
      { barcode: '96385074', kind: 'EAN8' },
    ]);
    expect(d).toMatchObject({ taxRegion: 'PT', taxPct: '6', netPrice: '0.2358', usedOnDocuments: false });
    expect((await search('paozinho de agua')).map((a) => a.code)).toEqual(['T100']);
    const scan = await api.call('catalog/by-barcode', { barcode: '96385074' }, caixa);
    expect((scan.value as { article: Article }).article.code).toBe('T100');
    const families = (await api.call('catalog/families', {}, caixa)).value as { name: string }[];
    expect(families.map((f) => f.name)).toContain('Padaria Fina');
  });

  it('refuses bad input with pt-PT messages and changes nothing', async () => {
    const count = async () => ((await api.call('catalog/count', {}, caixa)).value as { total: number }).total;
    const before = await count();
    const badCheck = await save({ ...BASE, code: 'T101', barcodes: ['5609999000013'] });
    expect(badCheck.error?.message).toMatch(/dígito de controlo EAN-13 errado \(devia ser 2\)/);
    const dup = await save({ ...BASE, code: 'T101', barcodes: ['5601234100013'] });
    expect(dup.error?.code).toBe('CONFLICT');
    expect(dup.error?.message).toMatch(/5601234100013 já pertence ao artigo A0001/);
    const dupCode = await save({ ...BASE, barcodes: [] });
    expect(dupCode.error?.message).toMatch(/Já existe um artigo com o código T100/);
    const exempt = await save({ ...BASE, code: 'T101', barcodes: [], taxCode: 'ISE' });
    expect(exempt.error?.message).toMatch(/motivo de isenção/);
    const price = await save({ ...BASE, code: 'T101', barcodes: [], price: '1,20' });
    expect(price.error?.code).toBe('VALIDATION');
    expect(await count()).toBe(before);
  });

  it('a price typed without VAT becomes the nearest cent with VAT; price changes are audited (who, old → new)', async () => {
    const r = await save({ ...BASE, price: '0.33', priceIncludesVat: false }, id);
    expect((r.value as ArticleDetail).article.price).toBe('0.35');
    await save({ ...BASE, price: '0.40' }, id);
    const h = (await api.call('catalog/price-history', { id }, gerente)).value as PriceChange[];
    expect(h.map((c) => [c.oldPrice, c.newPrice, c.operator])).toEqual([
      ['0.35', '0.40', 'Rui Gerente'],
      ['0.25', '0.35', 'Rui Gerente'],
    ]);
  });

  it('an article on a document keeps its code and description, is never deleted, and its document is unchanged', async () => {
    await openShift(tc, caixa);
    expect((await api.call('sales/add-line', { articleId: id }, caixa)).ok).toBe(true);
    const paid = await api.call('sales/pay-start', { method: 'cash-manual' }, caixa);
    expect(paid.error).toBeNull();
    const docId = (paid.value as { completed: { document: { id: number } } }).completed.document.id;

    expect((await save({ ...BASE, name: 'Pão pequeno' }, id)).error?.message).toMatch(
      /descrição não pode mudar/,
    );
    expect((await save({ ...BASE, code: 'T100B' }, id)).error?.message).toMatch(/código não pode mudar/);
    const del = await api.call('catalog/delete', { id }, gerente);
    expect(del.error?.message).toMatch(/não se apaga/);
    // Price, VAT and family may change: the document copied its fields.
    expect((await save({ ...BASE, price: '0.50', taxCode: 'NOR', family: 'Outra' }, id)).error).toBeNull();
    const doc = tc.core.ctx.db.sqlite
      .prepare(
        'select description, unit_price_gross, tax_code, tax_pct from fiscal_line where document_id = ?',
      )
      .get(docId);
    expect(doc).toEqual({
      description: 'Pãozinho de Água',
      unit_price_gross: '0.40',
      tax_code: 'RED',
      tax_pct: '6',
    });

    const off = await api.call('catalog/set-active', { id, active: false }, gerente);
    expect((off.value as Article).active).toBe(false);
    expect(await search('paozinho')).toEqual([]);
    expect((await search('paozinho', { includeInactive: true })).map((a) => a.code)).toEqual(['T100']);
    const sell = await api.call('sales/add-line', { articleId: id }, caixa);
    expect(sell.error?.message).toMatch(/inativo/);
    const audit = tc.core.ctx.db.sqlite
      .prepare(`select count(*) as n from audit_log where action = 'catalog.article-deactivated'`)
      .get();
    expect(audit).toEqual({ n: 1 });
  });

  it('an article never sold can be deleted, with its barcodes', async () => {
    const r = await save({ ...BASE, code: 'T200', name: 'Efémero', barcodes: ['CX-200'] });
    const newId = (r.value as ArticleDetail).article.id;
    expect((await api.call('catalog/delete', { id: newId }, gerente)).ok).toBe(true);
    expect(await search('CX-200')).toEqual([]);
    expect((await save({ ...BASE, code: 'T201', name: 'Outro', barcodes: ['CX-200'] })).error).toBeNull();
  });

  it('weighed articles: scale labels find them by scale code', async () => {
    const r = await save({
      ...BASE,
      code: 'T300',
      name: 'Cerejas do Fundão (kg)',
      unit: 'KG',
      price: '6.90',
      barcodes: [],
      weighed: true,
      scaleCode: '777',
    });
    expect(r.error).toBeNull();
    expect((r.value as ArticleDetail).article.scaleCode).toBe('00777');
    // 25 00777 01234 C: 1,234 kg
    const body = '250077701234';
    const { withCheckDigit } = await import('../../../shared/barcode');
    const hit = await api.call('catalog/by-barcode', { barcode: withCheckDigit(body) }, caixa);
    expect(hit.value).toMatchObject({ article: { code: 'T300' }, quantity: '1.234' });
    const notKg = await save({ ...BASE, code: 'T301', barcodes: [], weighed: true });
    expect(notKg.error?.message).toMatch(/quilo/);
  });

  it('families: create, rename (articles follow), refuse deleting one in use', async () => {
    const created = await api.call('catalog/family-save', { name: 'Congelados' }, gerente);
    expect(created.error).toBeNull();
    const f = created.value as { id: string };
    const fam = (await api.call('catalog/families', {}, caixa)).value as { id: string; name: string }[];
    const outra = fam.find((x) => x.name === 'Outra')!;
    const renamed = await api.call('catalog/family-save', { id: outra.id, name: 'Padaria Pequena' }, gerente);
    expect(renamed.value).toMatchObject({ name: 'Padaria Pequena', articles: 1 });
    const det = (await api.call('catalog/detail', { id }, gerente)).value as ArticleDetail;
    expect(det.article.family).toBe('Padaria Pequena');
    expect((await api.call('catalog/family-delete', { id: outra.id }, gerente)).error?.message).toMatch(
      /1 artigo/,
    );
    expect((await api.call('catalog/family-delete', { id: f.id }, gerente)).ok).toBe(true);
    expect((await api.call('catalog/family-save', { name: 'Padaria Pequena' }, gerente)).error?.code).toBe(
      'CONFLICT',
    );
  });
});
