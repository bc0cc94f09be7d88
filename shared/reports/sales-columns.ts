import type { SalesDimension, SalesRow } from '../api/sales-reports';
import { eurosLabel } from '../charts/geometry';

/** One column of a sales report table: the same on screen, in the PDF and in the CSV. */
export interface SalesColumn {
  key: 'label' | 'documents' | 'quantity' | 'net' | 'tax' | 'gross' | 'cost' | 'margin';
  header: string;
  align: 'left' | 'right';
  /** pt-PT text of the cell ("1 234,50 €", "12,5"). */
  text(r: SalesRow): string;
  /** Sort value (cents, counts, the label). */
  value(r: SalesRow): number | string;
}

const LABEL: Record<SalesDimension, string> = {
  period: 'Período',
  article: 'Artigo',
  family: 'Família',
  operator: 'Operador',
  terminal: 'Terminal',
  hour: 'Hora',
  vat: 'Taxa / isenção',
  top: 'Artigo',
};

const qty = (q: string | null): string => (q === null ? '' : q.replace('.', ','));
const money = (c: number | null): string => (c === null ? '—' : eurosLabel(c));

/** The columns of a report by `by`: quantity and margin only where they mean something. */
export function salesColumns(by: SalesDimension): SalesColumn[] {
  const lines = by === 'article' || by === 'family' || by === 'top';
  const vat = by === 'vat';
  const cols: SalesColumn[] = [
    { key: 'label', header: LABEL[by], align: 'left', text: (r) => r.label, value: (r) => r.label },
    {
      key: 'documents',
      header: 'Documentos',
      align: 'right',
      text: (r) => String(r.documents),
      value: (r) => r.documents,
    },
  ];
  if (lines)
    cols.push({
      key: 'quantity',
      header: 'Quantidade',
      align: 'right',
      text: (r) => qty(r.quantity),
      value: (r) => Number(r.quantity ?? 0),
    });
  cols.push(
    {
      key: 'net',
      header: vat ? 'Base tributável' : 'Sem IVA',
      align: 'right',
      text: (r) => money(r.netCents),
      value: (r) => r.netCents,
    },
    { key: 'tax', header: 'IVA', align: 'right', text: (r) => money(r.taxCents), value: (r) => r.taxCents },
    {
      key: 'gross',
      header: 'Com IVA',
      align: 'right',
      text: (r) => money(r.grossCents),
      value: (r) => r.grossCents,
    },
  );
  if (lines)
    cols.push(
      {
        key: 'cost',
        header: 'Custo',
        align: 'right',
        text: (r) => money(r.costCents),
        value: (r) => r.costCents ?? -Infinity,
      },
      {
        key: 'margin',
        header: 'Margem',
        align: 'right',
        text: (r) => money(r.marginCents),
        value: (r) => r.marginCents ?? -Infinity,
      },
    );
  return cols;
}
