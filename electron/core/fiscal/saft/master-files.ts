/** One (product, rate) pair of the period's lines, as saft/queries.ts `lineGroups` reads it. */
export interface LineGroup {
  product_code: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  product_type: string;
  description: string;
  article_name: string | null;
  barcode: string | null;
}

export interface ProductEntry {
  product_code: string;
  product_type: string;
  description: string;
  article_name: string | null;
  barcode: string | null;
}

export interface TaxEntry {
  tax_region: string;
  tax_code: string;
  tax_pct: string;
}

/**
 * SQLite's BINARY order of two texts (their UTF-8 bytes, i.e. code point order). JavaScript's `<` compares
 * UTF-16 units, which differs above U+FFFF: a surrogate (D800–DFFF) must sort after E000–FFFF.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

const minBinary = (a: string, b: string): string => (compareBinary(b, a) < 0 ? b : a);

/**
 * MasterFiles' products and tax table from one pass over the lines (`lineGroups`, grouped by product and
 * rate), instead of two queries each grouping all 300 000 lines of a 100 000-document year. The results are
 * what those queries gave: per product code the least type and description (SQLite's min, BINARY), the rates
 * distinct, both in BINARY order.
 */
export function productsAndTaxes(groups: readonly LineGroup[]): {
  products: ProductEntry[];
  taxes: TaxEntry[];
} {
  const products = new Map<string, ProductEntry>();
  const taxes = new Map<string, Map<string, Set<string>>>();
  for (const g of groups) {
    const p = products.get(g.product_code);
    if (!p)
      products.set(g.product_code, {
        product_code: g.product_code,
        product_type: g.product_type,
        description: g.description,
        article_name: g.article_name,
        barcode: g.barcode,
      });
    else {
      p.product_type = minBinary(p.product_type, g.product_type);
      p.description = minBinary(p.description, g.description);
    }
    let byCode = taxes.get(g.tax_region);
    if (!byCode) taxes.set(g.tax_region, (byCode = new Map()));
    let pcts = byCode.get(g.tax_code);
    if (!pcts) byCode.set(g.tax_code, (pcts = new Set()));
    pcts.add(g.tax_pct);
  }
  const sorted = <T>(xs: Iterable<T>, key: (x: T) => string): T[] =>
    [...xs].sort((a, b) => compareBinary(key(a), key(b)));
  const taxList: TaxEntry[] = [];
  for (const [tax_region, byCode] of sorted(taxes, ([region]) => region))
    for (const [tax_code, pcts] of sorted(byCode, ([code]) => code))
      for (const tax_pct of sorted(pcts, (p) => p)) taxList.push({ tax_region, tax_code, tax_pct });
  return { products: sorted(products.values(), (p) => p.product_code), taxes: taxList };
}
