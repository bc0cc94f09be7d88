import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';

/**
 * Malformed and hostile XML arriving as a purchase document: each is refused with its pt-PT reason, the importer
 * never throws, and NOTHING changes in the database (row counts of every table the import or the core could
 * touch). Real core, real SQLite file.
 */
let t: TestCore;
beforeAll(async () => {
  t = await createTestCore({ cash: { settings: { kind: 'none' } } });
});
afterAll(async () => {
  await t?.close();
});

const TABLES = [
  'purchase',
  'purchase_line',
  'purchase_tax',
  'supplier',
  'job',
  'audit_log',
  'fiscal_document',
];
function snapshot(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of TABLES) {
    const r = t.core.ctx.db.sqlite.prepare(`select count(*) as n from ${name}`).get() as { n: number };
    out[name] = r.n;
  }
  return out;
}

const valid = purchaseXml();
const ROOT_OPEN = valid.indexOf('<Invoice');
const withProlog = (prolog: string, body = valid.slice(ROOT_OPEN)): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}\n${body}`;
/** The valid invoice with `&ref;` as the first line's name. */
const usingEntity = (ref: string): string => valid.slice(ROOT_OPEN).replace('Café em grão 1 kg', ref);

const MB = 1024 * 1024;

const cases: Array<[string, () => Buffer | string, RegExp]> = [
  [
    'XXE: an external entity to /etc/passwd',
    () => withProlog('<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', usingEntity('&xxe;')),
    /DOCTYPE ou ENTITY.*segurança/,
  ],
  [
    'XXE through a parameter entity and a URL',
    () =>
      withProlog(
        '<!DOCTYPE Invoice [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd"> %ext;]>',
        usingEntity('&exfil;'),
      ),
    /DOCTYPE ou ENTITY/,
  ],
  [
    'billion laughs',
    () => {
      const ents = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++)
        ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      return withProlog(`<!DOCTYPE lolz [${ents.join('')}]>`, usingEntity('&lol9;'));
    },
    /DOCTYPE ou ENTITY/,
  ],
  ['a plain DOCTYPE', () => withProlog('<!DOCTYPE Invoice>'), /DOCTYPE/],
  ['a DOCTYPE in lower case', () => withProlog('<!doctype Invoice>'), /DOCTYPE/],
  [
    'a 50 MB file (refused before parsing: the bytes are not even XML)',
    () => Buffer.alloc(50 * MB, 0x41),
    /50,0 MB e passa o limite de 10,0 MB/,
  ],
  ['an undeclared entity', () => usingEntity('&nbsp;'), /entidade não permitida: &nbsp;/],
  ['a character reference XML forbids', () => usingEntity('&#0;'), /entidade não permitida/],
  [
    'nesting deeper than the limit',
    () => valid.replace('<cbc:ID>FT', `${'<cbc:X>'.repeat(60)}${'</cbc:X>'.repeat(60)}<cbc:ID>FT`),
    /aninhados a mais de 40 níveis/,
  ],
  ['malformed (truncated)', () => valid.slice(0, valid.length / 2), /mal formado/],
  ['malformed (two roots)', () => `${valid}<Invoice/>`, /mal formado|exatamente um elemento raiz/],
  [
    'not UTF-8',
    () => Buffer.concat([Buffer.from(valid.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xfd])]),
    /UTF-8/,
  ],
  ['declared ISO-8859-1', () => valid.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), /ISO-8859-1/],
  ['an empty file', () => '', /vazio/],
  [
    'wrong root: a UBL Order',
    () => valid.replace(/Invoice/g, 'Order'),
    /não é uma fatura nem uma nota de crédito UBL 2\.1 \(raiz "Order"/,
  ],
  [
    'wrong root: Invoice without the UBL namespace',
    () => valid.replace('xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"', ''),
    /raiz "Invoice", espaço de nomes —/,
  ],
  [
    'the buyer is not us',
    () => purchaseXml({ buyerVat: 'PT501964843' }),
    /comprador do documento \(PT501964843\) não é esta empresa \(NIF 599999993\)/,
  ],
  [
    'the totals do not add up (payable one cent off)',
    () => valid.replace(/(<cbc:PayableAmount currencyID="EUR">)172\.63/, '$1172.64'),
    /total a pagar .* dá 172\.63, o documento diz 172\.64/,
  ],
  [
    'the lines do not add up to the line total',
    () => valid.replace(/(<cbc:LineExtensionAmount currencyID="EUR">)117\.60/, '$1117.70'),
    /soma das linhas dá 156\.70, o documento diz 156\.60/,
  ],
  [
    'an amount in exponent notation',
    () => valid.replace('<cbc:PriceAmount currencyID="EUR">9.80', '<cbc:PriceAmount currencyID="EUR">9.8e0'),
    /linhas › 1 › preço unitário: tem de ser um número decimal/,
  ],
  [
    'no lines',
    () => valid.replace(/<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>/, ''),
    /linhas: não tem linhas/,
  ],
  [
    'an impossible date',
    () => valid.replace('2025-06-01', '2025-02-30'),
    /data de emissão: não é uma data válida/,
  ],
  [
    'the seller has an invalid NIF',
    () => purchaseXml({ sellerVat: 'PT589309341' }),
    /NIF do fornecedor \(PT589309341\) não é válido/,
  ],
  [
    'an undeclared namespace prefix',
    () => valid.replace('<cbc:ID>FT', '<zz:Y/><cbc:ID>FT'),
    /prefixo.*"zz"|mal formado/,
  ],
];

describe('hostile and malformed purchase XML', () => {
  it.each(cases)('%s: refused with its reason, nothing changed', (_name, make, reason) => {
    const before = snapshot();
    const r = t.core.purchases.importer.importUbl(make(), {
      ilinkId: `il-${_name}`,
      receivedAt: '2025-06-02T10:00:00.000Z',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
    // Nothing of the file leaks into the reason (the XXE target, the laughs).
    expect(r.reason).not.toMatch(/root:|lollol/);
    expect(snapshot()).toEqual(before);
  });

  it('the valid document itself is accepted (the cases above differ from it only by their defect)', () => {
    const r = t.core.purchases.importer.importUbl(valid, {
      ilinkId: 'il-valid',
      receivedAt: '2025-06-02T10:00:00.000Z',
    });
    expect(r).toMatchObject({ ok: true, duplicate: false });
  });
});

describe('one transaction', () => {
  it('a failure while writing the VAT breakdown leaves no purchase, no line and no new supplier', async () => {
    const tc = await createTestCore({ cash: { settings: { kind: 'none' } } });
    try {
      // Another connection breaks the last table the import writes (the core's own connection sees it).
      const raw = new BetterSqlite3(path.join(tc.dataDir, 'balcao.sqlite'));
      raw.exec('drop table purchase_tax');
      raw.close();
      const r = tc.core.purchases.importer.importUbl(purchaseXml(), {
        ilinkId: 'il-broken',
        receivedAt: '2025-06-02T10:00:00.000Z',
      });
      expect(r).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^Não foi possível registar a compra/),
      });
      const n = (table: string) =>
        (tc.core.ctx.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      expect([n('purchase'), n('purchase_line'), n('supplier')]).toEqual([0, 0, 0]);
    } finally {
      await tc.close();
    }
  });
});
