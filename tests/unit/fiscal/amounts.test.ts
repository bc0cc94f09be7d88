import { describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';

const line = (quantity: string, price: string, pct: string, discountPct = '0', code = 'NOR') => ({
  quantity,
  unitPriceGross: price,
  discountPct,
  taxPct: pct,
  taxKey: taxGroupKey('IVA', 'PT', code, pct, pct === '0' ? 'M07' : null),
});

describe('document amounts from VAT-inclusive prices', () => {
  it('reproduces the worked FS example: 12.30 with VAT 23 % = 10.00 + 2.30', () => {
    const a = computeAmounts([line('1', '12.30', '23')]);
    expect(a).toMatchObject({ netTotal: '10.00', taxPayable: '2.30', grossTotal: '12.30' });
    expect(a.lines[0]).toMatchObject({ net: '10.00', tax: '2.30', unitPriceNet: '10' });
  });

  it('GrossTotal is exactly the sum of the shelf-price line amounts and every total reconciles', () => {
    // Prices chosen so per-line rounding would drift: 7 × 0.99 at 23 %, 3 lines at 6 %, one exempt.
    const lines = [
      ...Array.from({ length: 7 }, () => line('1', '0.99', '23')),
      line('1.235', '3.49', '6', '0', 'RED'),
      line('2', '1.19', '6', '12.5', 'RED'),
      line('3', '0.33', '6', '0', 'RED'),
      line('1', '0.65', '0', '0', 'ISE'),
    ];
    const a = computeAmounts(lines);
    const shelf = lines.reduce(
      (s, l) =>
        s.plus(
          new Dec(l.quantity)
            .times(l.unitPriceGross)
            .times(new Dec(100).minus(l.discountPct))
            .dividedBy(100)
            .toDecimalPlaces(2),
        ),
      new Dec(0),
    );
    expect(a.grossTotal).toBe(shelf.toFixed(2));
    const sum = (xs: string[]) => xs.reduce((s, v) => s.plus(v), new Dec(0)).toFixed(2);
    expect(sum(a.lines.map((l) => l.net))).toBe(a.netTotal);
    expect(sum(a.groups.map((g) => g.tax))).toBe(a.taxPayable);
    expect(sum(a.groups.map((g) => g.base))).toBe(a.netTotal);
    expect(new Dec(a.netTotal).plus(a.taxPayable).toFixed(2)).toBe(a.grossTotal);
    for (const g of a.groups) {
      // The group's VAT is the VAT of its gross at its rate, to the cent.
      expect(g.base).toBe(
        new Dec(g.gross).dividedBy(new Dec(g.taxPct).dividedBy(100).plus(1)).toDecimalPlaces(2).toFixed(2),
      );
    }
    expect(a.groups.find((g) => g.taxPct === '0')).toMatchObject({ base: '0.65', tax: '0.00' });
  });

  it('applies line and global discounts', () => {
    const a = computeAmounts([line('2', '10.00', '23', '10')], '5');
    // 20.00 → 18.00 after 10 % → 17.10 after 5 %.
    expect(a.grossTotal).toBe('17.10');
    expect(a.discountTotal).toBe('2.90');
    expect(a.lines[0].grossBeforeDiscount).toBe('20.00');
    expect(a.lines[0].discountNet).toBe(new Dec('2.90').dividedBy('1.23').toDecimalPlaces(2).toFixed(2));
  });
});
