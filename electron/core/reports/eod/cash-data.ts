import { z } from 'zod';
import { toCents } from '../../../../shared/money';
import type { EodSource } from './types';

/** What the cash section reads, once (the charts read the same rows). */
export function readCash(src: EodSource) {
  const { ro, from, to, terminalId } = src;
  const { k } = ro;
  const payments = ro.all(
    k
      .selectFrom('sale_payment as p')
      .innerJoin('sale as s', 's.id', 'p.sale_id')
      .leftJoin('fiscal_document as d', 'd.id', 's.document_id')
      .select([
        'p.id',
        'p.sale_id',
        'p.method',
        'p.status',
        'p.amount',
        'p.requested',
        'p.started_at',
        'p.finished_at',
        'd.doc_no',
        's.document_id',
      ])
      .where('s.terminal_id', '=', terminalId)
      .where('p.started_at', '>=', from)
      .where('p.started_at', '<', to),
  );
  const journal = ro.all(
    k
      .selectFrom('cash_journal')
      .selectAll()
      .where('device', '<>', 'manual')
      .where('kind', '<>', 'baseline')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('id'),
  );
  const returns = ro.all(
    k
      .selectFrom('sale_return as r')
      .leftJoin('fiscal_document as d', 'd.id', 'r.document_id')
      .select(['r.id', 'r.method', 'r.amount', 'r.status', 'r.at', 'r.document_id', 'd.doc_no'])
      .where('r.at', '>=', from)
      .where('r.at', '<', to)
      .where((eb) => eb.or([eb('d.terminal_id', '=', terminalId), eb('r.document_id', 'is', null)])),
  );
  // Shifts that touch the day: closed during it, or still open (opened before its end).
  const shifts = ro.all(
    k
      .selectFrom('shift')
      .selectAll()
      .where('terminal_id', '=', terminalId)
      .where((eb) =>
        eb.or([
          eb.and([eb('closed_at', '>=', from), eb('closed_at', '<', to)]),
          eb.and([eb('status', '=', 'open'), eb('opened_at', '<', to)]),
        ]),
      )
      .orderBy('id'),
  );
  const movements = ro.all(
    k
      .selectFrom('shift_cash_movement as m')
      .innerJoin('shift as s', 's.id', 'm.shift_id')
      .select(['m.id', 'm.shift_id', 'm.kind', 'm.amount', 'm.via', 'm.reason', 'm.at'])
      .where('s.terminal_id', '=', terminalId)
      .where('m.at', '>=', from)
      .where('m.at', '<', to)
      .orderBy('m.id'),
  );
  return { payments, journal, returns, shifts, movements };
}
export type CashData = ReturnType<typeof readCash>;

/** The figures of a saved Z this section needs (stored JSON: checked, never trusted). */
const SavedZ = z.object({
  zNumber: z.number().int().nullable(),
  cash: z.object({
    drawer: z.object({ expected: z.string(), counted: z.string().nullable() }),
    machine: z.object({ expected: z.string(), counted: z.string().nullable() }).nullable(),
  }),
});
export type SavedZ = z.infer<typeof SavedZ>;

export function savedZ(json: string | null): SavedZ | null {
  if (!json) return null;
  const r = SavedZ.safeParse(JSON.parse(json));
  return r.success ? r.data : null;
}

export const cents = (v: string | null | undefined): number => (v ? toCents(v) : 0);

/** `venda S pagamento P` (electron/core/sales/payments/cash-machine.ts cashReference). */
export function paymentOfReference(reference: string | null): number | null {
  const m = reference ? /^venda \d+ pagamento (\d+)$/.exec(reference) : null;
  return m ? Number(m[1]) : null;
}
