import type { EodCharts } from '../../../../shared/api/eod';
import { toCents } from '../../../../shared/money';
import type { CashData } from './cash-data';
import type { EodSource } from './types';

const METHOD_NAMES: Record<string, string> = {
  'cash-machine': 'Numerário (máquina)',
  'cash-manual': 'Numerário (gaveta)',
  card: 'Cartão',
  mbway: 'MB WAY',
  'mb-reference': 'Referência MB',
};

/**
 * The chart series of the day, kept in the record (the PDF and the screen draw these numbers, never others):
 * sales by hour and by family from the day's documents (cancelled ones out, NC negative), by payment method from
 * the settled payments, and the cash position (drawer + CI-5) after each movement.
 */
export function chartData(src: EodSource, cash: CashData): EodCharts {
  const { ro, day, terminalId } = src;
  const { k } = ro;
  const cancelled = new Set(
    ro
      .all(
        k
          .selectFrom('fiscal_status as st')
          .innerJoin('fiscal_document as d', 'd.id', 'st.document_id')
          .select('st.document_id')
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day),
      )
      .map((r) => r.document_id),
  );
  const docs = ro
    .all(
      k
        .selectFrom('fiscal_document as d')
        .select(['d.id', 'd.doc_type', 'd.gross_total', 'd.system_entry_date'])
        .where('d.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('d.doc_type', 'in', ['FS', 'FR', 'FT', 'NC', 'ND']),
    )
    .filter((d) => !cancelled.has(d.id));
  const sign = (t: string): number => (t === 'NC' ? -1 : 1);
  const hours = new Map<number, number>();
  for (const d of docs) {
    const h = Number(d.system_entry_date.slice(11, 13));
    hours.set(h, (hours.get(h) ?? 0) + sign(d.doc_type) * toCents(d.gross_total));
  }
  const fam = ro
    .all(
      k
        .selectFrom('fiscal_line as l')
        .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
        .leftJoin('article as a', 'a.id', 'l.article_id')
        .select(['d.id', 'd.doc_type', 'l.gross', 'a.family'])
        .where('d.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('d.doc_type', 'in', ['FS', 'FR', 'FT', 'NC', 'ND']),
    )
    .filter((l) => !cancelled.has(l.id));
  const families = new Map<string, number>();
  for (const l of fam) {
    const f = l.family ?? 'Outros';
    families.set(f, (families.get(f) ?? 0) + sign(l.doc_type) * toCents(l.gross));
  }
  const methods = new Map<string, number>();
  for (const p of cash.payments.filter((x) => x.status === 'settled'))
    methods.set(p.method, (methods.get(p.method) ?? 0) + toCents(p.amount));

  // Cash position: the CI-5's journal entries and the drawer's own cash (manual sales, refunds, movements).
  const events: Array<{ at: string; cents: number }> = [];
  for (const j of cash.journal.filter((x) => x.status !== 'pending'))
    events.push({ at: j.finished_at ?? j.created_at, cents: j.in_cents - j.out_cents });
  for (const p of cash.payments.filter((x) => x.status === 'settled' && x.method === 'cash-manual'))
    events.push({ at: p.finished_at ?? p.started_at, cents: toCents(p.amount) });
  for (const r of cash.returns.filter((x) => x.status === 'settled' && x.method === 'cash-manual'))
    events.push({ at: r.at, cents: -toCents(r.amount) });
  for (const m of cash.movements.filter((x) => x.via === 'manual' && x.kind !== 'drawer-open'))
    events.push({ at: m.at, cents: (m.kind === 'payout' ? -1 : 1) * toCents(m.amount) });
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let pos = 0;
  const cashPosition = events.map((e) => ({ at: e.at, cents: (pos += e.cents) }));

  return {
    byHour: [...hours].sort((a, b) => a[0] - b[0]).map(([hour, cents]) => ({ hour, cents })),
    byMethod: [...methods]
      .sort((a, b) => b[1] - a[1])
      .map(([method, cents]) => ({ method, name: METHOD_NAMES[method] ?? method, cents })),
    byFamily: [...families].sort((a, b) => b[1] - a[1]).map(([family, cents]) => ({ family, cents })),
    cashPosition,
  };
}
