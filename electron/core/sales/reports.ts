import type { ShiftReport } from '../../../shared/api/sales';
import { DocType } from '../../../shared/api/fiscal';
import { Dec, fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { ProviderRegistry } from './payments/registry';
import type { ShiftRow } from './shifts';

const OPEN_DOC = 'not exists (select 1 from fiscal_status st where st.document_id = d.id)';

/**
 * X/Z figures of a shift, read from what was really issued: the documents of the shift's sales and returns
 * (fiscal_document / fiscal_tax), the settled payments of those sales, and the shift's cash movements.
 * A cancelled document (status A) counts apart and not in the totals: cancelling undoes the sale, so its
 * money is assumed handed back.
 */
export function createReports(
  ctx: CoreContext,
  providers: ProviderRegistry,
  operatorName: (id: number) => string,
) {
  const s = ctx.db.sqlite;
  const docsOf = s.prepare(
    `select d.id, d.doc_type, d.doc_no, d.gross_total, (${OPEN_DOC.replace('not exists', 'exists')}) as cancelled
     from fiscal_document d
     where d.id in (select document_id from sale where shift_id = ? and document_id is not null
                    union select document_id from sale_return where shift_id = ? and document_id is not null)
     order by d.id`,
  );
  const taxOf = s.prepare(
    `select d.doc_type, t.region, t.code, t.pct, t.exemption_code, t.base, t.tax, t.gross
     from fiscal_tax t join fiscal_document d on d.id = t.document_id where t.document_id = ?`,
  );
  const paymentsOf = s.prepare(
    `select p.method, p.amount from sale_payment p join sale sa on sa.id = p.sale_id
     join fiscal_document d on d.id = sa.document_id
     where sa.shift_id = ? and p.status = 'settled' and ${OPEN_DOC}`,
  );
  const returnsOf = s.prepare(
    `select r.method, r.amount, r.status from sale_return r join fiscal_document d on d.id = r.document_id
     where r.shift_id = ? and ${OPEN_DOC}`,
  );
  const movementsOf = s.prepare('select kind, via, amount from shift_cash_movement where shift_id = ?');

  const isCash = (method: string): boolean => providers.find(method)?.fiscalMethod === 'cash';
  /** Cash collected by the CI-5 stays in the machine; any other cash goes to the drawer. */
  const inMachine = (method: string): boolean => method === 'cash-machine';
  const nameOf = (method: string): string => providers.find(method)?.name ?? method;
  const add = (m: Map<string, Dec>, k: string, v: string): void =>
    void m.set(k, (m.get(k) ?? new Dec(0)).plus(v));

  /** `machineNow`: the CI-5's total now (its own count), null without a machine. */
  function build(
    shift: ShiftRow,
    kind: 'X' | 'Z',
    counted: string | null,
    machineNow: string | null,
    zNumber: number | null,
  ): ShiftReport {
    const docs = docsOf.all(shift.id, shift.id) as Array<{
      id: number;
      doc_type: string;
      doc_no: string;
      gross_total: string;
      cancelled: 0 | 1;
    }>;
    const byType = new Map<string, { count: number; gross: Dec }>();
    const cancelled = docs.filter((d) => d.cancelled === 1);
    const vat = new Map<
      string,
      {
        region: string;
        code: string;
        pct: string;
        exemptionCode: string | null;
        base: Dec;
        tax: Dec;
        gross: Dec;
        creditBase: Dec;
        creditTax: Dec;
        creditGross: Dec;
      }
    >();
    let salesGross = new Dec(0);
    let returnsGross = new Dec(0);
    for (const d of docs.filter((x) => x.cancelled === 0)) {
      const t = byType.get(d.doc_type) ?? { count: 0, gross: new Dec(0) };
      t.count++;
      t.gross = t.gross.plus(d.gross_total);
      byType.set(d.doc_type, t);
      const credit = d.doc_type === 'NC';
      if (credit) returnsGross = returnsGross.plus(d.gross_total);
      else salesGross = salesGross.plus(d.gross_total);
      for (const r of taxOf.all(d.id) as Array<{
        region: string;
        code: string;
        pct: string;
        exemption_code: string | null;
        base: string;
        tax: string;
        gross: string;
      }>) {
        const key = `${r.region}|${r.code}|${new Dec(r.pct).toString()}|${r.exemption_code ?? ''}`;
        const v = vat.get(key) ?? {
          region: r.region,
          code: r.code,
          pct: new Dec(r.pct).toString(),
          exemptionCode: r.exemption_code,
          base: new Dec(0),
          tax: new Dec(0),
          gross: new Dec(0),
          creditBase: new Dec(0),
          creditTax: new Dec(0),
          creditGross: new Dec(0),
        };
        if (credit) {
          v.creditBase = v.creditBase.plus(r.base);
          v.creditTax = v.creditTax.plus(r.tax);
          v.creditGross = v.creditGross.plus(r.gross);
        } else {
          v.base = v.base.plus(r.base);
          v.tax = v.tax.plus(r.tax);
          v.gross = v.gross.plus(r.gross);
        }
        vat.set(key, v);
      }
    }

    // Every row reads sales, credit notes and the net (sales − NC) in the same three columns, so each row adds
    // up (base + VAT = total) and so does each column (issue 9 E.11: the net total was shown next to the
    // sales-only base and VAT).
    const vatRows: ShiftReport['vat'] = [...vat.values()].map((v) => ({
      region: v.region as ShiftReport['vat'][number]['region'],
      code: v.code,
      pct: v.pct,
      exemptionCode: v.exemptionCode,
      base: fixed(v.base),
      tax: fixed(v.tax),
      gross: fixed(v.gross),
      creditBase: fixed(v.creditBase),
      creditTax: fixed(v.creditTax),
      creditGross: fixed(v.creditGross),
      netBase: fixed(v.base.minus(v.creditBase)),
      netTax: fixed(v.tax.minus(v.creditTax)),
      netGross: fixed(v.gross.minus(v.creditGross)),
    }));

    const methods = new Map<string, { count: number; amount: Dec }>();
    // Pools: d = drawer, m = machine (CI-5).
    const pool = { d: new Map<string, Dec>(), m: new Map<string, Dec>() };
    const poolOf = (machineSide: boolean) => (machineSide ? pool.m : pool.d);
    for (const p of paymentsOf.all(shift.id) as Array<{ method: string; amount: string }>) {
      const m = methods.get(p.method) ?? { count: 0, amount: new Dec(0) };
      m.count++;
      m.amount = m.amount.plus(p.amount);
      methods.set(p.method, m);
      if (isCash(p.method)) add(poolOf(inMachine(p.method)), 'sales', p.amount);
    }
    const refunds = new Map<string, Dec>();
    const returns = returnsOf.all(shift.id) as Array<{ method: string; amount: string; status: string }>;
    for (const r of returns.filter((x) => x.status === 'settled')) {
      add(refunds, r.method, r.amount);
      if (isCash(r.method)) add(poolOf(inMachine(r.method)), 'refund', r.amount);
    }
    for (const m of movementsOf.all(shift.id) as Array<{ kind: string; via: string; amount: string }>) {
      add(poolOf(m.via === 'machine'), m.kind, m.amount);
    }
    const z0 = new Dec(0);
    const get = (side: Map<string, Dec>, k: string): Dec => side.get(k) ?? z0;
    const expectedOf = (side: Map<string, Dec>): Dec =>
      get(side, 'float')
        .plus(get(side, 'sales'))
        .minus(get(side, 'refund'))
        .plus(get(side, 'payin'))
        .minus(get(side, 'payout'));
    const both = (k: string): Dec => get(pool.d, k).plus(get(pool.m, k));
    const drawerExpected = expectedOf(pool.d);
    const machineExpected = expectedOf(pool.m);
    const expected = drawerExpected.plus(machineExpected);
    const machinePresent = shift.machine_at_open !== null || machineNow !== null;
    const machineCounted =
      shift.machine_at_open !== null && machineNow !== null
        ? new Dec(machineNow).minus(shift.machine_at_open)
        : null;
    const docNos = docs.map((d) => d.doc_no);

    return {
      kind,
      shiftId: shift.id,
      zNumber,
      terminalId: shift.terminal_id,
      operator: { id: shift.operator_id, name: operatorName(shift.operator_id) },
      openedAt: shift.opened_at,
      closedAt: kind === 'Z' ? ctx.clock.now().toISOString() : null,
      generatedAt: ctx.clock.now().toISOString(),
      training: ctx.mode === 'training',
      documents: {
        count: docs.length,
        byType: [...byType].map(([type, t]) => ({
          type: DocType.parse(type),
          count: t.count,
          gross: fixed(t.gross),
        })),
        first: docNos[0] ?? null,
        last: docNos.at(-1) ?? null,
      },
      byMethod: [...methods].map(([method, m]) => ({
        method,
        name: nameOf(method),
        count: m.count,
        amount: fixed(m.amount),
      })),
      vat: vatRows,
      vatTotals: sumVat(vatRows),
      returns: {
        count: returns.length,
        gross: fixed(returnsGross),
        byMethod: [...refunds].map(([method, amount]) => ({
          method,
          name: nameOf(method),
          amount: fixed(amount),
        })),
      },
      cancelled: {
        count: cancelled.length,
        gross: fixed(cancelled.reduce((a, d) => a.plus(d.gross_total), new Dec(0))),
        docNos: cancelled.map((d) => d.doc_no),
      },
      totals: {
        salesGross: fixed(salesGross),
        returnsGross: fixed(returnsGross),
        netGross: fixed(salesGross.minus(returnsGross)),
      },
      cash: {
        openingFloat: fixed(both('float')),
        cashSales: fixed(both('sales')),
        cashRefunds: fixed(both('refund')),
        payIns: fixed(both('payin')),
        payOuts: fixed(both('payout')),
        expected: fixed(expected),
        drawer: {
          expected: fixed(drawerExpected),
          counted,
          difference: counted === null ? null : fixed(new Dec(counted).minus(drawerExpected)),
        },
        machine: machinePresent
          ? {
              expected: fixed(machineExpected),
              counted: machineCounted === null ? null : fixed(machineCounted),
              difference: machineCounted === null ? null : fixed(machineCounted.minus(machineExpected)),
            }
          : null,
      },
    };
  }

  return { build };
}

const VAT_COLUMNS = [
  'base',
  'tax',
  'gross',
  'creditBase',
  'creditTax',
  'creditGross',
  'netBase',
  'netTax',
  'netGross',
] as const;

/** Column sums of the VAT table (the "Total" row). */
export function sumVat(rows: ShiftReport['vat']): ShiftReport['vatTotals'] {
  const out = {} as ShiftReport['vatTotals'];
  for (const c of VAT_COLUMNS) out[c] = fixed(rows.reduce((a, r) => a.plus(r[c]), new Dec(0)));
  return out;
}

/**
 * A Z saved before the VAT table carried its credit and net columns (issue 9 E.11): derives them from the saved
 * figures, so reprints and the history show a table that adds up. ASSUMPTION: in those reports `gross` was the
 * sales gross and `netGross` = gross − NC gross, so the NC gross is their difference.
 */
type VatRow = ShiftReport['vat'][number];
/** A Z as saved by an older version: the VAT rows may lack the credit/net columns and the totals row. */
export type SavedReport = Omit<ShiftReport, 'vat' | 'vatTotals'> & {
  vat: Array<Omit<VatRow, 'creditGross' | 'netBase' | 'netTax'> & Partial<VatRow>>;
};

export function upgradeSavedReport(saved: SavedReport): ShiftReport {
  const vat = saved.vat.map((v): VatRow => ({
    ...v,
    creditGross: v.creditGross ?? fixed(new Dec(v.gross).minus(v.netGross)),
    netBase: v.netBase ?? fixed(new Dec(v.base).minus(v.creditBase)),
    netTax: v.netTax ?? fixed(new Dec(v.tax).minus(v.creditTax)),
  }));
  return { ...saved, vat, vatTotals: sumVat(vat) };
}
