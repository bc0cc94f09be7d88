import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../shared/api/catalog';
import type { ImportReport } from '../../../shared/api/catalog-admin';
import { parseCsv } from '../../../shared/csv';
import type { TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { httpApi } from '../misuse/http';
import { salesCore } from '../sales/sales-helpers';

/**
 * CSV import/export of articles (issue 12 item 2) through the back office's RPC over real HTTP, and through
 * `balcao catalog import|export` as its own process on a real data folder.
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

const importCsv = async (csv: string, opts: Record<string, unknown> = {}): Promise<ImportReport> => {
  const r = await api.call('catalog/import-csv', { csv, ...opts }, gerente);
  expect(r.error).toBeNull();
  return r.value as ImportReport;
};
const counts = () => {
  const q = (sql: string) => (tc.core.ctx.db.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    articles: q('select count(*) as n from article'),
    barcodes: q('select count(*) as n from article_barcode'),
    families: q('select count(*) as n from article_family'),
    audit: q(`select count(*) as n from audit_log where action like 'catalog.%'`),
  };
};
const find = async (query: string): Promise<Article[]> =>
  (await api.call('catalog/search', { query, includeInactive: true }, caixa)).value as Article[];

// Excel with Portuguese settings: BOM, ";", decimal comma, accents, CRLF, a quoted ";".
const GOOD =
  '\ufeffCódigo;Descrição;Família;Unidade;Preço;IVA;Motivo isenção;Códigos barras;Favorito\r\n' +
  'C001;Pêra Rocha do Oeste (kg);Frutaria;KG;2,49;RED;;;não\r\n' +
  'C002;"Água tónica; Schweppes 1 L";Bebidas Frescas;UN;1,15;NOR;;5609999000029;sim\r\n' +
  'C003;Livro escolar;Papelaria;UN;12,00;ISE;M07;;não\r\n';

describe('catalog/import-csv (back office upload)', () => {
  it('a caixa may not import', async () => {
    const r = await api.call('catalog/import-csv', { csv: GOOD }, caixa);
    expect(r.status).toBe(403);
  });

  it('imports a Portuguese Excel file; the till finds the articles without accents', async () => {
    const before = counts();
    const r = await importCsv(GOOD);
    expect(r).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0, rejected: [], applied: true });
    expect(counts().articles).toBe(before.articles + 3);
    const [pera] = await find('pera rocha');
    expect(pera).toMatchObject({
      code: 'C001',
      price: '2.49',
      unit: 'KG',
      taxCode: 'RED',
      family: 'Frutaria',
    });
    const [agua] = await find('agua tonica');
    expect(agua).toMatchObject({
      name: 'Água tónica; Schweppes 1 L',
      barcode: '5609999000029',
      favourite: true,
    });
    expect((await find('C003'))[0]).toMatchObject({ taxCode: 'ISE', exemptionCode: 'M07' });
  });

  it('all or nothing: one bad row rejects the file, names each line, and changes nothing', async () => {
    const before = counts();
    const bad =
      'codigo,descricao,preco,iva,codigos_barras\n' +
      'C010,Novo bom,"1,00",NOR,\n' +
      'C011,Sem preço,,NOR,\n' +
      'C012,Código mau,"2,00",NOR,5609999000028\n' +
      'C013,Barras de outro,"2,00",NOR,5601234100013\n' +
      'C001,Pêra Rocha do Oeste (kg),"9,99",XYZ,\n' +
      'C010,Repetido,"1,00",NOR,\n';
    const r = await importCsv(bad);
    expect(r.applied).toBe(false);
    expect(r.rejected.map((x) => `linha ${x.line}: ${x.reason}`)).toEqual([
      'linha 3: artigo novo C011 sem preco',
      expect.stringMatching(/^linha 4: codigos_barras: .*dígito de controlo EAN-13 errado \(devia ser 9\)/),
      'linha 5: O código de barras 5601234100013 já pertence ao artigo A0001 (Pão de forma Bimbo 500 g).',
      expect.stringMatching(/^linha 6: iva: /),
      'linha 7: código C010 repetido (já na linha 2)',
    ]);
    expect(counts()).toEqual(before);
    expect(await find('novo bom')).toEqual([]);
    expect((await find('C001'))[0].price).toBe('2.49');
  });

  it('--skip-invalid imports the valid rows and reports the rest', async () => {
    const r = await importCsv('codigo;descricao;preco;iva\nC020;Vela de aniversário;0,80;NOR\nC021;;;\n', {
      skipInvalid: true,
    });
    expect(r).toMatchObject({ created: 1, applied: true });
    expect(r.rejected).toEqual([{ line: 3, reason: 'artigo novo C021 sem descricao, iva, preco' }]);
    expect((await find('vela de aniversario')).map((a) => a.code)).toEqual(['C020']);
  });

  it('a dry run checks and writes nothing', async () => {
    const before = counts();
    const r = await importCsv('codigo;descricao;preco;iva\nC030;Só a ver;1;NOR\n', { dryRun: true });
    expect(r).toMatchObject({ created: 1, applied: false, rejected: [] });
    expect(counts()).toEqual(before);
  });

  it('re-importing updates in place by code, only the columns in the file; prices changed are audited', async () => {
    const before = counts();
    const again = await importCsv(GOOD);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, applied: true });
    const prices = await importCsv('codigo;preco\nC001;2,59\nC002;1.15\n');
    expect(prices).toMatchObject({ created: 0, updated: 1, unchanged: 1, applied: true });
    expect(counts().articles).toBe(before.articles);
    const [pera] = await find('C001');
    expect(pera).toMatchObject({ price: '2.59', name: 'Pêra Rocha do Oeste (kg)', family: 'Frutaria' });
    const audit = tc.core.ctx.db.sqlite
      .prepare(
        `select details from audit_log where action = 'catalog.price-changed' order by id desc limit 1`,
      )
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({
      code: 'C001',
      oldPrice: '2.49',
      newPrice: '2.59',
      via: 'csv',
    });
  });

  it('refuses unknown columns and broken quoting at their line', async () => {
    expect((await importCsv('codigo;preço;cor favorita\n')).rejected[0]).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/^coluna desconhecida «cor favorita»/),
    });
    expect((await importCsv('codigo;descricao\nC1;"aberto\n')).rejected).toEqual([
      { line: 2, reason: 'aspas por fechar' },
    ]);
  });

  it('exports every article in Portuguese order, in the import columns, and the export re-imports unchanged', async () => {
    const r = await api.call('catalog/export-csv', {}, gerente);
    const { csv, rows } = r.value as { csv: string; rows: number };
    expect(rows).toBe(counts().articles);
    const recs = parseCsv(csv);
    expect(recs[0].fields.slice(0, 3)).toEqual(['codigo', 'descricao', 'nome_curto']);
    const names = recs.slice(1).map((x) => x.fields[1]);
    expect(names.indexOf('Açúcar branco RAR 1 kg')).toBeLessThan(
      names.indexOf('Azeite virgem extra Gallo 750 ml'),
    );
    expect(names.indexOf('Água Luso 1,5 L')).toBeLessThan(names.indexOf('Saco de compras reutilizável'));
    const back = await importCsv(csv);
    expect(back).toMatchObject({ created: 0, updated: 0, unchanged: rows, applied: true, rejected: [] });
  });
});

describe('balcao catalog import|export (CLI)', () => {
  const ROOT = path.resolve(import.meta.dirname, '../../..');
  const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const dataDir = path.join(tmp.dir, 'data');
  const balcao = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'catalog', ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
  const articleCount = (): number => {
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    try {
      return (db.prepare('select count(*) as n from article').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('rejects a file with bad rows (exit 1, linha N: motivo on stderr), then imports and exports', () => {
    const bad = path.join(tmp.dir, 'bad.csv');
    fs.writeFileSync(bad, 'codigo;descricao;preco;iva\nX1;Bom;1,00;NOR\nX2;Mau;abc;NOR\n');
    const r1 = balcao('import', '--csv', bad);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/^linha 3: preco: /m);
    expect(r1.stderr).toMatch(/nada foi alterado/);
    const before = articleCount();

    const skip = balcao('import', '--csv', bad, '--skip-invalid');
    expect(skip.status).toBe(0);
    expect(skip.stdout).toMatch(/1 novos/);
    expect(articleCount()).toBe(before + 1);

    const latin1 = path.join(tmp.dir, 'latin1.csv');
    fs.writeFileSync(latin1, Buffer.from('codigo;descricao;preco;iva\nX3;P\xe3o;1;NOR\n', 'latin1'));
    const r2 = balcao('import', '--csv', latin1);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/não está em UTF-8/);

    const out = path.join(tmp.dir, 'out.csv');
    const e = balcao('export', '--csv', out);
    expect(e.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\ufeffcodigo;descricao;/);
    expect(e.stdout).toMatch(new RegExp(`${articleCount()} artigos exportados`));
  }, 180_000);
});
