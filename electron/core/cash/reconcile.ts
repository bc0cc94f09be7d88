import type { CashJournal, JournalRow, Piece } from './journal';
import { normalise } from './pieces';
import { formatEuro, fromCents } from '../../../shared/money';

/**
 * Start-up / reconnection reconciliation. The FCC offers no transaction-history query (glory-ci5.md §6.4 q4), so
 * an intent left 'pending' (crash, power cut, lost link) is resolved from the machine's count: the difference
 * between the dispensable inventory and what the journal expects is attributed to the most recent pending
 * intent and flagged for the manager. Without pending intents, a difference becomes an 'adjustment' entry.
 */
export function reconcileWithInventory(
  journal: CashJournal,
  device: string,
  inventory: readonly Piece[],
  pending: readonly JournalRow[],
  seqNo: () => string,
): JournalRow[] {
  const flagged: JournalRow[] = [];
  const inv = normalise(inventory);
  if (!journal.hasBaseline(device)) {
    journal.record(
      { kind: 'baseline', seqNo: seqNo(), device },
      { status: 'done', outcome: 'baseline', cashIn: inv, note: 'Contagem inicial da máquina.' },
    );
    for (const p of pending) {
      journal.complete(p.id, {
        status: 'reconciled',
        outcome: 'reconciled',
        needsAck: true,
        note: 'Operação interrompida antes da primeira contagem: confirme o dinheiro à mão.',
      });
      flagged.push(p);
    }
    return flagged;
  }
  const expected = journal.expected(device);
  const delta = new Map<number, Piece>();
  for (const p of inv) delta.set(p.fv, { ...p });
  for (const e of expected.values()) {
    const cur = delta.get(e.fv) ?? { fv: e.fv, devid: e.devid, piece: 0 };
    cur.piece -= e.piece;
    delta.set(e.fv, cur);
  }
  const cin = normalise([...delta.values()].filter((d) => d.piece > 0));
  const cout = normalise(
    [...delta.values()].filter((d) => d.piece < 0).map((d) => ({ ...d, piece: -d.piece })),
  );
  const sum = (ps: Piece[]) => ps.reduce((t, p) => t + p.fv * p.piece, 0);
  const words = `entraram ${formatEuro(fromCents(sum(cin)))} e saíram ${formatEuro(fromCents(sum(cout)))}`;
  if (pending.length) {
    const last = pending[pending.length - 1];
    for (const p of pending.slice(0, -1)) {
      journal.complete(p.id, {
        status: 'reconciled',
        outcome: 'reconciled',
        needsAck: true,
        note: 'Operação interrompida; sem movimento atribuído (ver a operação seguinte).',
      });
    }
    journal.complete(last.id, {
      status: 'reconciled',
      outcome: 'reconciled',
      cashIn: cin,
      cashOut: cout,
      needsAck: true,
      note: `Operação interrompida (ligação ou energia). Pela contagem da máquina ${words}. Confirme com o cliente/talão.`,
    });
    flagged.push(...pending);
  } else if (cin.length || cout.length) {
    const id = journal.record(
      { kind: 'adjustment', seqNo: seqNo(), device },
      {
        status: 'done',
        outcome: 'adjustment',
        cashIn: cin,
        cashOut: cout,
        needsAck: true,
        note: `Diferença entre a contagem da máquina e o diário: ${words}.`,
      },
    );
    const row = journal.get(id);
    if (row) flagged.push(row);
  }
  return flagged;
}
