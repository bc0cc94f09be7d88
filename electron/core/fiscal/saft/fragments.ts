import { esc } from './encoding';
import type { SaftLineRow as LineRow } from './queries';

const TAGS = new Map<string, readonly [open: string, close: string]>();

/**
 * `<name>value</name>`, the value escaped. The tags of a name are built once: the export writes some 10
 * million elements for 100 000 documents, and building `<name>` and `</name>` for each was a good part of
 * its time and garbage (and of the rope the writer flattens).
 */
export function el(name: string, v: string | number): string {
  let t = TAGS.get(name);
  if (!t) {
    t = [`<${name}>`, `</${name}>`];
    TAGS.set(name, t);
  }
  return t[0] + esc(String(v)) + t[1];
}

export const pct = (v: string): string => (v.includes('.') ? v : `${v}.00`);

/** The tax of a line as SAF-T writes it (Line/Tax and, for an exemption, its reason and code). */
const taxXml = (l: LineRow): string =>
  `<Tax>${el('TaxType', l.tax_type)}${el('TaxCountryRegion', l.tax_region)}${el('TaxCode', l.tax_code)}${el('TaxPercentage', pct(l.tax_pct))}</Tax>` +
  (l.exemption_code
    ? el('TaxExemptionReason', l.exemption_reason ?? '') + el('TaxExemptionCode', l.exemption_code)
    : '');

interface ProductEntry {
  description: string;
  unit: string;
  /** ProductCode + ProductDescription. */
  product: string;
  unitXml: string;
  descriptionXml: string;
}

interface TaxEntry {
  l: LineRow;
  xml: string;
}

/**
 * The parts of a Line that repeat from line to line — the product's elements, its unit, its tax — built once
 * per product code and per tax code and reused while the next line has the same values (compared field by
 * field, so a changed value is always written afresh). At most one entry per code: memory stays flat however
 * many lines, and a free-text line (one code, a new description each time) is simply rebuilt.
 */
export function createLineFragments() {
  const products = new Map<string, ProductEntry>();
  const taxes = new Map<string, TaxEntry>();
  const productOf = (l: LineRow): ProductEntry => {
    let e = products.get(l.product_code);
    if (!e || e.description !== l.description || e.unit !== l.unit) {
      e = {
        description: l.description,
        unit: l.unit,
        product: el('ProductCode', l.product_code) + el('ProductDescription', l.description.padEnd(2, '.')),
        unitXml: el('UnitOfMeasure', l.unit),
        descriptionXml: el('Description', l.description),
      };
      products.set(l.product_code, e);
    }
    return e;
  };
  const sameTax = (a: LineRow, b: LineRow): boolean =>
    a.tax_type === b.tax_type &&
    a.tax_region === b.tax_region &&
    a.tax_pct === b.tax_pct &&
    a.exemption_code === b.exemption_code &&
    a.exemption_reason === b.exemption_reason;
  return {
    /** ProductCode and ProductDescription. */
    product: (l: LineRow): string => productOf(l).product,
    unit: (l: LineRow): string => productOf(l).unitXml,
    description: (l: LineRow): string => productOf(l).descriptionXml,
    tax(l: LineRow): string {
      let e = taxes.get(l.tax_code);
      if (!e || !sameTax(e.l, l)) {
        e = { l, xml: taxXml(l) };
        taxes.set(l.tax_code, e);
      }
      return e.xml;
    },
  };
}
