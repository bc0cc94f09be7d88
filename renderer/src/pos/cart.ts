import type { Article } from '../../../shared/api/catalog';
import { dec, fixed } from '../../../shared/money';

/**
 * The sale being built on screen (local state until the sales core takes it over). Quantities and
 * prices are exact decimal strings; totals are computed with decimal.js, never floats.
 */
export interface CartLine {
  key: string;
  article: Article;
  /** "2", "0.735" (kg). */
  quantity: string;
  /** Unit price with VAT. */
  unitPrice: string;
  /** From a weight/price label: the quantity and price are the label's and cannot be edited. */
  fromLabel: boolean;
}

export interface Cart {
  lines: readonly CartLine[];
  selected: string | null;
  seq: number;
}

export const emptyCart: Cart = { lines: [], selected: null, seq: 0 };

export type CartAction =
  /** `label`: quantity or price read from a weight/price barcode; `quantity`: typed by the cashier. */
  | {
      type: 'add';
      article: Article;
      quantity?: string;
      label?: { quantity: string | null; price: string | null };
    }
  | { type: 'set-quantity'; key: string; quantity: string }
  | { type: 'step'; key: string; delta: 1 | -1 }
  | { type: 'remove'; key: string }
  | { type: 'select'; key: string | null }
  | { type: 'clear' };

export const lineTotal = (l: CartLine): string => fixed(dec(l.quantity).times(l.unitPrice), 2);

export function cartTotal(lines: readonly CartLine[]): string {
  return fixed(
    lines.reduce((sum, l) => sum.plus(lineTotal(l)), dec(0)),
    2,
  );
}

/** Count of articles: units count one by one, weighed lines count as one. */
export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce(
    (n, l) => n + (l.article.unit === 'UN' ? Number(dec(l.quantity).ceil().toFixed(0)) : 1),
    0,
  );
}

export function cartReducer(cart: Cart, a: CartAction): Cart {
  switch (a.type) {
    case 'add': {
      const label = a.label && (a.label.quantity || a.label.price) ? a.label : null;
      if (!label && !a.quantity && a.article.unit === 'UN') {
        // Scanning the same article again adds one to its line (what cashiers expect).
        const same = cart.lines.find((l) => l.article.id === a.article.id && !l.fromLabel);
        if (same) {
          return {
            ...cart,
            selected: same.key,
            lines: cart.lines.map((l) =>
              l === same ? { ...l, quantity: dec(l.quantity).plus(1).toString() } : l,
            ),
          };
        }
      }
      const seq = cart.seq + 1;
      const key = `L${seq}`;
      const base = { key, article: a.article };
      // A price label carries the line total: one unit at that price.
      const line: CartLine = label?.price
        ? { ...base, quantity: '1', unitPrice: label.price, fromLabel: true }
        : label?.quantity
          ? { ...base, quantity: label.quantity, unitPrice: a.article.price, fromLabel: true }
          : { ...base, quantity: a.quantity ?? '1', unitPrice: a.article.price, fromLabel: false };
      return { lines: [...cart.lines, line], selected: key, seq };
    }
    case 'set-quantity': {
      if (!/^\d{1,6}(\.\d{1,3})?$/.test(a.quantity) || dec(a.quantity).isZero()) return cart;
      return {
        ...cart,
        lines: cart.lines.map((l) => (l.key === a.key && !l.fromLabel ? { ...l, quantity: a.quantity } : l)),
      };
    }
    case 'step': {
      const line = cart.lines.find((l) => l.key === a.key);
      if (!line || line.fromLabel) return cart;
      const next = dec(line.quantity).plus(a.delta);
      if (next.lte(0)) return cartReducer(cart, { type: 'remove', key: a.key });
      return cartReducer(cart, { type: 'set-quantity', key: a.key, quantity: next.toString() });
    }
    case 'remove': {
      const idx = cart.lines.findIndex((l) => l.key === a.key);
      if (idx < 0) return cart;
      const lines = cart.lines.filter((l) => l.key !== a.key);
      const neighbour = lines[Math.min(idx, lines.length - 1)];
      return { ...cart, lines, selected: neighbour ? neighbour.key : null };
    }
    case 'select':
      return { ...cart, selected: a.key };
    case 'clear':
      return { ...cart, lines: [], selected: null };
  }
}
