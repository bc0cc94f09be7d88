import type { ReactNode } from 'react';

/**
 * The one "pick rows and say how much of each" table (NC: quantity per line; RG: amount per open invoice; ND:
 * quantity per origin line). The screen keeps what was typed as strings keyed by row (`values`); a row is picked
 * when it has an entry. With `tick`, a checkbox picks the row (filled with `tick.fill`) and the amount stays
 * disabled until it is ticked; without it, typing an amount picks the row. `pickedAmounts` turns the typed
 * strings into the contract's decimal strings, so every dialog sends them the same way.
 */
export interface PickColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'left' | 'right';
  className?: string;
}

export type Picks = Readonly<Record<number, string>>;

export function AmountPicker<T>({
  rows,
  rowKey,
  columns,
  amountHeader,
  amountLabel,
  values,
  onChange,
  tick,
  action,
  testId,
  rowTestId,
  amountTestId,
}: {
  rows: readonly T[];
  rowKey: (row: T) => number;
  columns: readonly PickColumn<T>[];
  amountHeader: string;
  /** Accessible name of the amount box of a row (the header alone would not say which row). */
  amountLabel: (row: T) => string;
  values: Picks;
  onChange: (next: Record<number, string>) => void;
  tick?: { header: string; label: (row: T) => string; fill: (row: T) => string };
  /** A last cell per row (e.g. "Adicionar"). */
  action?: (row: T) => ReactNode;
  testId?: string;
  rowTestId?: string;
  amountTestId?: string;
}) {
  const set = (key: number, value: string | null): void => {
    const next: Record<number, string> = { ...values };
    if (value === null) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const num = (a: 'left' | 'right' | undefined, extra?: string): string | undefined =>
    [a === 'right' ? 'num' : '', extra ?? ''].join(' ').trim() || undefined;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {tick && <th>{tick.header}</th>}
            {columns.map((c) => (
              <th key={c.header} className={num(c.align)}>
                {c.header}
              </th>
            ))}
            <th className="num">{amountHeader}</th>
            {action && <th />}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = rowKey(r);
            const picked = key in values;
            return (
              <tr key={key} data-testid={rowTestId}>
                {tick && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={tick.label(r)}
                      checked={picked}
                      onChange={(e) => set(key, e.target.checked ? tick.fill(r) : null)}
                    />
                  </td>
                )}
                {columns.map((c) => (
                  <td key={c.header} className={num(c.align, c.className)}>
                    {c.cell(r)}
                  </td>
                ))}
                <td className="num">
                  <input
                    className="input input--text input--narrow"
                    inputMode="decimal"
                    aria-label={amountLabel(r)}
                    disabled={tick !== undefined && !picked}
                    value={values[key] ?? ''}
                    onChange={(e) => set(key, tick || e.target.value.trim() !== '' ? e.target.value : null)}
                    data-no-wedge
                    data-testid={amountTestId}
                  />
                </td>
                {action && <td>{action(r)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the user typed with a decimal comma ("1,89") → the contract's decimal string ("1.89"). */
export const decimalOf = (s: string): string => s.trim().replace(/\s/g, '').replace(',', '.');

/** The picked rows as [key, decimal string], in the order of `order` (the table's rows). */
export function pickedAmounts(values: Picks, order: readonly number[]): Array<[number, string]> {
  return order.filter((k) => k in values).map((k) => [k, decimalOf(values[k] ?? '')]);
}
