import type { Selectable } from 'kysely';
import { Dec, toCents } from '../../../../shared/money';
import type { PaypayPaymentTable } from '../../db/schema';
import { readPaypayConfig, type PaypayConfig } from '../../integrations/paypay/config';
import { localDate } from '../../util/clock';
import type { EodSource } from './types';

export type PaypayEodRow = Selectable<PaypayPaymentTable>;

/** What the Cards and PayPay sections read (read-only connection), once per run. */
export interface PaypayDay {
  /** The saved settings; undefined when PayPay is not configured. */
  readonly config: PaypayConfig | undefined;
  /** Every PayPay payment created before the end of the day (a shop has a few thousand at most). */
  readonly rows: readonly PaypayEodRow[];
  /** Is this ISO instant inside the day? (PayPay's own timestamps carry offsets: compared as instants.) */
  readonly inDay: (iso: string | null) => boolean;
  /** The local day of an instant. */
  readonly dayOf: (iso: string) => string;
  /** Sum per fiscal payment method on the day's documents (FS/FR/RG…, not NC, not cancelled), in cents. */
  readonly onDocuments: ReadonlyMap<string, number>;
  /** Card settled at the till by the external-terminal provider ('card'), on the day's documents, in cents. */
  readonly externalCardCents: number;
  /** The day's receipts (RG, not cancelled) paid by Multibanco reference. */
  readonly mbReceipts: ReadonlyArray<{ id: number; docNo: string; cents: number }>;
}

export function readPaypayDay(src: EodSource): PaypayDay {
  const { ro, day, terminalId, from, to } = src;
  const { k } = ro;
  let config: PaypayConfig | undefined;
  try {
    config = readPaypayConfig(ro);
  } catch {
    // A setting that no longer parses: the section still reads the payments (it says so in a line).
    config = undefined;
  }
  const rows = ro.all(k.selectFrom('paypay_payment').selectAll().where('created_at', '<', to).orderBy('id'));
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const inDay = (iso: string | null): boolean => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= lo && t < hi;
  };
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
  const pays = ro
    .all(
      k
        .selectFrom('fiscal_payment as p')
        .innerJoin('fiscal_document as d', 'd.id', 'p.document_id')
        .select(['d.id', 'd.doc_type', 'd.doc_no', 'p.method', 'p.amount'])
        .where('d.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('d.doc_type', '<>', 'NC'),
    )
    .filter((r) => !cancelled.has(r.id));
  const sums = new Map<string, Dec>();
  for (const p of pays) sums.set(p.method, (sums.get(p.method) ?? new Dec(0)).plus(p.amount));
  const onDocuments = new Map([...sums].map(([m, v]) => [m, toCents(v)] as const));
  const receipts = new Map<number, { id: number; docNo: string; amount: Dec }>();
  for (const p of pays)
    if (p.doc_type === 'RG' && p.method === 'mb_reference') {
      const r = receipts.get(p.id) ?? { id: p.id, docNo: p.doc_no, amount: new Dec(0) };
      r.amount = r.amount.plus(p.amount);
      receipts.set(p.id, r);
    }
  const external = ro
    .all(
      k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .innerJoin('fiscal_document as d', 'd.id', 's.document_id')
        .select(['d.id', 'p.amount'])
        .where('s.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('p.status', '=', 'settled')
        .where('p.method', '=', 'card'),
    )
    .filter((r) => !cancelled.has(r.id))
    .reduce((a, r) => a.plus(r.amount), new Dec(0));
  return {
    config,
    rows,
    inDay,
    dayOf: (iso) => localDate(new Date(iso)),
    onDocuments,
    externalCardCents: toCents(external),
    mbReceipts: [...receipts.values()].map((r) => ({ id: r.id, docNo: r.docNo, cents: toCents(r.amount) })),
  };
}

/** The amount PayPay confirmed (what was paid when known, else what was asked), in cents. */
export const confirmedCents = (r: PaypayEodRow): number => r.paid_cents ?? r.amount_cents;

/** The settlement delays in business days: the settings' or the defaults (ASSUMPTION: MB 1, MB WAY 2, cards 3). */
export const settlementDaysOf = (c: PaypayConfig | undefined) =>
  c?.settlementDays ?? { mb: 1, mbway: 2, card: 3 };
