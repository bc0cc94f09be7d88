import type { z } from 'zod';
import {
  SalesReportInput,
  type SalesDimension,
  type SalesReport,
  type SalesRow,
  type SalesTotals,
} from '../../../../shared/api/sales-reports';
import { Dec, toCents } from '../../../../shared/money';
import type { Db } from '../../db/open';
import { createWarehouses } from '../../stock/warehouses';
import {
  articleFacts,
  articleGroups,
  documentGroups,
  operatorNames,
  salesDocCount,
  vatGroups,
  type PeriodFilter,
} from './queries';

export type SalesQuery = z.output<typeof SalesReportInput>;

const TITLE: Record<SalesDimension, string> = {
  period: 'Vendas por período',
  article: 'Vendas por artigo',
  family: 'Vendas por família',
  operator: 'Vendas por operador',
  terminal: 'Vendas por terminal',
  hour: 'Vendas por hora',
  vat: 'Resumo do IVA por taxa e isenção',
  top: 'Artigos mais vendidos',
};

/** "AAAA-MM-DD" ± n days (calendar arithmetic in UTC: no time zone moves a date). */
function addDays(day: string, n: number): string {
  const d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n));
  return d.toISOString().slice(0, 10);
}
const span = (p: PeriodFilter): number =>
  (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 864e5 + 1;

/** The period of the same length that ends the day before `p` starts. */
export function previousPeriod(p: PeriodFilter): PeriodFilter {
  return { from: addDays(p.from, -span(p)), to: addDays(p.from, -1) };
}

const ptDay = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const ptMonth = (m: string): string => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
const milliQty = (milli: number): string => new Dec(milli).dividedBy(1000).toFixed();

function blank(key: string, label: string): SalesRow {
  return {
    key,
    label,
    documents: 0,
    quantity: null,
    netCents: 0,
    taxCents: 0,
    grossCents: 0,
    costCents: null,
    marginCents: null,
    rate: null,
    exemption: null,
  };
}

/**
 * Article rows with their cost: quantity × the stock's average cost now (the selling warehouse's), rounded to the
 * cent per article. ASSUMPTION: the margin uses today's average cost, not the cost at the moment of each sale
 * (the ledger has that per movement, but reading it for a year of lines would cost the report its speed);
 * articles without a known cost (services, goods never bought with a cost) have no margin.
 */
function articleRows(ro: Db, p: PeriodFilter, terminalId: string, documents: number) {
  const facts = articleFacts(ro, createWarehouses(ro, terminalId).defaultId());
  return articleGroups(ro, p, { known: (id) => facts.has(id), documents }).map((g) => {
    const a = g.articleId === null ? undefined : facts.get(g.articleId);
    const cost = a?.avg_cost ? toCents(new Dec(g.milli).dividedBy(1000).times(a.avg_cost)) : null;
    return {
      family: a?.family || 'Sem família',
      row: {
        ...blank(
          g.articleId === null ? `code:${g.productCode}` : String(g.articleId),
          a ? `${a.code} ${a.name}` : `${g.productCode} ${g.description}`,
        ),
        documents: g.documents,
        quantity: milliQty(g.milli),
        netCents: g.net,
        taxCents: g.tax,
        grossCents: g.gross,
        costCents: cost,
        marginCents: cost === null ? null : g.net - cost,
      },
      milli: g.milli,
    };
  });
}

/** Σ over rows; cost and margin over the rows that have a cost (null when none has). */
function totalsOf(rows: readonly SalesRow[], documents?: number): SalesTotals {
  const costed = rows.filter((r) => r.costCents !== null);
  return {
    documents: documents ?? rows.reduce((n, r) => n + r.documents, 0),
    netCents: rows.reduce((n, r) => n + r.netCents, 0),
    taxCents: rows.reduce((n, r) => n + r.taxCents, 0),
    grossCents: rows.reduce((n, r) => n + r.grossCents, 0),
    costCents: costed.length ? costed.reduce((n, r) => n + r.costCents!, 0) : null,
    marginCents: costed.length ? costed.reduce((n, r) => n + r.marginCents!, 0) : null,
  };
}

/** The rows of one period and its distinct document count. */
function rowsFor(
  ro: Db,
  q: SalesQuery,
  p: PeriodFilter,
  terminalId: string,
): { rows: SalesRow[]; documents?: number } {
  switch (q.by) {
    case 'period':
    case 'operator':
    case 'terminal':
    case 'hour': {
      const names = q.by === 'operator' ? operatorNames(ro) : null;
      const rows = documentGroups(ro, p, q.by, q.granularity).map((g) => ({
        ...blank(
          g.key,
          q.by === 'period'
            ? q.granularity === 'month'
              ? ptMonth(g.key)
              : ptDay(g.key)
            : q.by === 'operator'
              ? (names!.get(Number(g.key)) ?? 'Sem operador')
              : q.by === 'hour'
                ? `${g.key}h`
                : g.key,
        ),
        documents: g.documents,
        netCents: g.net,
        taxCents: g.tax,
        grossCents: g.gross,
      }));
      return { rows };
    }
    case 'vat': {
      const rows = vatGroups(ro, p).map((g) => ({
        ...blank(
          `${g.code}:${g.pct}:${g.exemption ?? ''}`,
          g.exemption ? `Isento (${g.exemption})` : `IVA ${g.pct.replace('.', ',')} %`,
        ),
        documents: g.documents,
        netCents: g.base,
        taxCents: g.tax,
        grossCents: g.base + g.tax,
        rate: g.exemption ? null : g.pct,
        exemption: g.exemption,
      }));
      // A document with two rates is one document: the total counts documents, not rate rows.
      const documents = salesDocCount(ro, p);
      return { rows, documents };
    }
    case 'article':
    case 'top': {
      const documents = salesDocCount(ro, p);
      const rows = articleRows(ro, p, terminalId, documents)
        .map((a) => a.row)
        .sort((a, b) => b.grossCents - a.grossCents || a.label.localeCompare(b.label, 'pt'));
      return { rows: q.by === 'top' ? rows.slice(0, q.limit) : rows, documents };
    }
    case 'family': {
      const documents = salesDocCount(ro, p);
      const fam = new Map<string, SalesRow & { milli: number }>();
      for (const a of articleRows(ro, p, terminalId, documents)) {
        const f = fam.get(a.family) ?? { ...blank(a.family, a.family), milli: 0 };
        f.documents += a.row.documents; // ASSUMPTION: a document with two families counts in both
        f.milli += a.milli;
        f.netCents += a.row.netCents;
        f.taxCents += a.row.taxCents;
        f.grossCents += a.row.grossCents;
        if (a.row.costCents !== null) {
          f.costCents = (f.costCents ?? 0) + a.row.costCents;
          f.marginCents = (f.marginCents ?? 0) + a.row.marginCents!;
        }
        fam.set(a.family, f);
      }
      const rows = [...fam.values()]
        .map(({ milli, ...r }) => ({ ...r, quantity: milliQty(milli) }))
        .sort((a, b) => b.grossCents - a.grossCents || a.label.localeCompare(b.label, 'pt'));
      return { rows, documents };
    }
  }
}

/** One sales report (and its comparison period), read through the READ-ONLY connection `ro`. */
export function salesReport(ro: Db, input: SalesReportInput, terminalId: string): SalesReport {
  const q = SalesReportInput.parse(input);
  const p = { from: q.from, to: q.to };
  const cur = rowsFor(ro, q, p, terminalId);
  const prev = q.compare ? previousPeriod(p) : null;
  const before = prev ? rowsFor(ro, q, prev, terminalId) : null;
  return {
    by: q.by,
    title: TITLE[q.by],
    from: q.from,
    to: q.to,
    rows: cur.rows,
    totals: totalsOf(cur.rows, cur.documents),
    previous:
      prev && before ? { ...prev, rows: before.rows, totals: totalsOf(before.rows, before.documents) } : null,
  };
}
