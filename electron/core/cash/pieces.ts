import { fromCents, toCents } from '../../../shared/money';
import type { CashPiece } from '../../../shared/api/cash';
import type { Piece } from './journal';

/** EUR: 5 € and above are notes (RBW, devid 1), below are coins (RCW, devid 2). */
export const devidFor = (fv: number): 1 | 2 => (fv >= 500 ? 1 : 2);

export const toApiPieces = (ps: readonly Piece[]): CashPiece[] =>
  ps
    .filter((p) => p.piece !== 0)
    .map((p) => ({
      value: fromCents(p.fv),
      kind: p.devid === 1 ? ('note' as const) : ('coin' as const),
      count: p.piece,
    }));

export const fromApiPieces = (ps: readonly { value: string; count: number }[]): Piece[] =>
  ps.map((p) => {
    const fv = toCents(p.value);
    return { fv, devid: devidFor(fv), piece: p.count };
  });

export const normalise = (ps: readonly { fv: number; devid: 1 | 2; piece: number }[]): Piece[] => {
  const m = new Map<number, Piece>();
  for (const p of ps) {
    const cur = m.get(p.fv);
    if (cur) cur.piece += p.piece;
    else m.set(p.fv, { fv: p.fv, devid: p.devid, piece: p.piece });
  }
  return [...m.values()].filter((p) => p.piece !== 0).sort((a, b) => a.fv - b.fv);
};
