import { describe, expect, it } from 'vitest';
import type { Article } from '../../../shared/api/catalog';
import {
  cartReducer,
  cartTotal,
  emptyCart,
  itemCount,
  lineTotal,
  type Cart,
  type CartAction,
} from '../../../renderer/src/pos/cart';

const article = (id: number, price: string, unit: Article['unit'] = 'UN'): Article => ({
  id,
  code: `A${id}`,
  barcode: null,
  name: `Artigo ${id}`,
  family: 'Mercearia',
  unit,
  price,
  taxCode: 'NOR',
  exemptionCode: null,
  productType: 'P',
  favourite: false,
  active: true,
});

const run = (...actions: CartAction[]): Cart => actions.reduce(cartReducer, emptyCart);
const coffee = article(1, '3.49');
const bananas = article(2, '1.79', 'KG');

describe('cart (exact decimals, no floats)', () => {
  it('adding the same unit article again increments its line', () => {
    const c = run({ type: 'add', article: coffee }, { type: 'add', article: coffee });
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]?.quantity).toBe('2');
    expect(cartTotal(c.lines)).toBe('6.98');
  });

  it('a weight label makes its own fixed line, rounded half-up to the cent', () => {
    const c = run({ type: 'add', article: bananas, label: { quantity: '1.250', price: null } });
    expect(c.lines[0]).toMatchObject({ quantity: '1.250', unitPrice: '1.79', fromLabel: true });
    expect(lineTotal(c.lines[0] as Cart['lines'][number])).toBe('2.24'); // 2.2375 → 2.24
    // Label lines cannot be stepped or re-quantified.
    const key = c.lines[0]?.key ?? '';
    const after = run(
      { type: 'add', article: bananas, label: { quantity: '1.250', price: null } },
      { type: 'step', key, delta: 1 },
      { type: 'set-quantity', key, quantity: '3' },
    );
    expect(after.lines[0]?.quantity).toBe('1.250');
  });

  it('a price label is one unit at the label price', () => {
    const c = run({ type: 'add', article: bananas, label: { quantity: null, price: '4.35' } });
    expect(c.lines[0]).toMatchObject({ quantity: '1', unitPrice: '4.35', fromLabel: true });
    expect(cartTotal(c.lines)).toBe('4.35');
  });

  it('avoids float drift: 0.1 + 0.2 style sums stay exact', () => {
    const c = run(
      { type: 'add', article: article(3, '0.10') },
      { type: 'add', article: article(4, '0.20') },
      { type: 'add', article: article(5, '0.70') },
    );
    expect(cartTotal(c.lines)).toBe('1.00');
  });

  it('step down to zero removes the line and selects a neighbour', () => {
    let c = run({ type: 'add', article: coffee }, { type: 'add', article: article(9, '1.00') });
    const first = c.lines[0]?.key ?? '';
    c = cartReducer(c, { type: 'step', key: first, delta: -1 });
    expect(c.lines.map((l) => l.article.id)).toEqual([9]);
    expect(c.selected).toBe(c.lines[0]?.key);
  });

  it('refuses invalid or zero quantities', () => {
    const c = run({ type: 'add', article: coffee });
    const key = c.lines[0]?.key ?? '';
    for (const q of ['0', '-1', 'abc', '1e3', '0.0001']) {
      expect(cartReducer(c, { type: 'set-quantity', key, quantity: q }).lines[0]?.quantity).toBe('1');
    }
    expect(cartReducer(c, { type: 'set-quantity', key, quantity: '12' }).lines[0]?.quantity).toBe('12');
  });

  it('counts units one by one and weighed lines as one article', () => {
    const c = run(
      { type: 'add', article: coffee, quantity: '3' },
      { type: 'add', article: bananas, quantity: '0.735' },
    );
    expect(itemCount(c.lines)).toBe(4);
    expect(cartTotal(c.lines)).toBe('11.79'); // 10.47 + 1.31565→1.32
  });

  it('clear empties the sale', () => {
    expect(run({ type: 'add', article: coffee }, { type: 'clear' }).lines).toEqual([]);
  });
});
