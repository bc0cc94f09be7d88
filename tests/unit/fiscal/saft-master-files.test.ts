import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  compareBinary,
  productsAndTaxes,
  type LineGroup,
} from '../../../electron/core/fiscal/saft/master-files';
import { prng as rng } from '../../../shared/random';

// ASCII, Latin-1, the end of the BMP and astral characters: where UTF-16 and UTF-8 orders part.
const ALPHABET = ['A', 'a', 'Z', '0', ' ', 'é', 'Ç', '€', '\uE000', '\uFFFD', '😀', '𝄞'];
const word = (r: () => number): string =>
  Array.from({ length: Math.floor(r() * 4) }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join('');

describe('SAF-T master files from grouped lines', () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec(
    'create table g (product_code text, tax_region text, tax_code text, tax_pct text, product_type text, description text)',
  );

  it('orders text as SQLite BINARY does', () => {
    const r = rng(302);
    const words = Array.from({ length: 500 }, () => word(r));
    sqlite.exec('create table w (v text)');
    const ins = sqlite.prepare('insert into w values (?)');
    for (const v of words) ins.run(v);
    const bySqlite = sqlite.prepare('select v from w order by v').pluck().all();
    expect([...words].sort(compareBinary)).toEqual(bySqlite);
  });

  it('gives what the two grouping queries over the lines gave', () => {
    const r = rng(2016);
    const rows: LineGroup[] = Array.from({ length: 300 }, () => ({
      product_code: word(r),
      tax_region: ['PT', 'PT-AC', 'PT-MA'][Math.floor(r() * 3)],
      tax_code: ['NOR', 'INT', 'RED', 'ISE'][Math.floor(r() * 4)],
      tax_pct: ['23', '22', '6', '0', '23.00'][Math.floor(r() * 5)],
      product_type: ['P', 'S'][Math.floor(r() * 2)],
      description: word(r),
      article_name: null,
      barcode: null,
    }));
    const ins = sqlite.prepare('insert into g values (?, ?, ?, ?, ?, ?)');
    for (const g of rows)
      ins.run(g.product_code, g.tax_region, g.tax_code, g.tax_pct, g.product_type, g.description);
    const { products, taxes } = productsAndTaxes(rows);
    expect(products.map((p) => [p.product_code, p.product_type, p.description])).toEqual(
      sqlite
        .prepare(
          'select product_code, min(product_type), min(description) from g group by product_code order by product_code',
        )
        .raw(true)
        .all(),
    );
    expect(taxes.map((t) => [t.tax_region, t.tax_code, t.tax_pct])).toEqual(
      sqlite.prepare('select distinct tax_region, tax_code, tax_pct from g order by 1, 2, 3').raw(true).all(),
    );
  });
});
