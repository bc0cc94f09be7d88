import type { EodLine, EodRef } from '../../../../shared/api/eod';
import { cents, paymentOfReference, readCash, savedZ, type CashData } from './cash-data';
import {
  euros,
  factLine,
  LIGHT_LABEL,
  moneyLine,
  section,
  type EodSectionPort,
  type EodSource,
} from './types';

const MACHINE = 'cash-machine';
const DRAWER = 'cash-manual';
const net = (r: { in_cents: number; out_cents: number }): number => r.in_cents - r.out_cents;
const done = (r: { status: string }): boolean => r.status !== 'pending';
/** A pay-out the manager made to give back what an interrupted payment left (electron/core/cash/review.ts). */
const REVIEW_RETURN = /^Devolução ao cliente da operação \d+/;

/**
 * Why a journal entry moved the machine's cash without a document or a shift movement behind it (what the Z's
 * machine expectation cannot know), or null when it is not such an entry.
 */
function machineOnly(j: CashData['journal'][number], payments: CashData['payments']): string | null {
  const n = net(j);
  if (j.kind === 'collect') return `recolha de ${euros(-n)} (diário n.º ${j.id}) ainda por contar no cofre`;
  if (j.kind === 'replenish') return `reposição de ${euros(n)} (diário n.º ${j.id})`;
  if ((j.kind === 'payout' || j.kind === 'cashout') && REVIEW_RETURN.test(j.reference ?? ''))
    return `${euros(-n)} devolvidos ao cliente pelo gerente (diário n.º ${j.id})`;
  const pid = paymentOfReference(j.reference);
  const pay = pid === null ? undefined : payments.find((p) => p.id === pid);
  if (j.kind === 'sale' && pay && pay.status !== 'settled' && n !== 0)
    return `${euros(n)} guardados por um pagamento interrompido (venda ${pay.sale_id}, diário n.º ${j.id}) ${pay.status === 'unknown' ? 'em revisão' : 'resolvido pelo gerente'}`;
  return null;
}

/**
 * (2) Cash, three ways. Each comparison is one line (expected ⇄ actual, integer cents) whose explanation names the
 * operations behind any difference and whose `explainedCents` is what they account for; the rest is unexplained.
 *   a. CI-5 sales: cash payments on the day's sales (sale_payment, machine) ⇄ the CI-5 journal's sale entries;
 *   b. CI-5 refunds and pay-outs ⇄ the journal's payout/cashout entries; c. CI-5 pay-ins ⇄ deposit/float entries;
 *   d. per shift, the journal ⇄ the machine's own inventory counts at open and close (shift.machine_at_open, Z);
 *   e. per shift, documents and movements ⇄ the machine's counts (Z), explained by replenish/collect/reviews;
 *   f. per shift, the drawer expected from documents ⇄ the drawer count declared at close (blind count).
 */
export function cashSection(read: (src: EodSource) => CashData = readCash): EodSectionPort {
  const port = { id: 'cash' as const, title: 'Numerário' };
  return {
    ...port,
    build(src) {
      const data = read(src);
      const { payments, journal, returns, shifts, movements } = data;
      const lines: EodLine[] = [];
      const byPayment = new Map<number, typeof journal>();
      const unmatched: typeof journal = [];
      for (const r of journal.filter((j) => j.kind === 'sale')) {
        const p = paymentOfReference(r.reference);
        if (p === null) unmatched.push(r);
        else byPayment.set(p, [...(byPayment.get(p) ?? []), r]);
      }

      // a. sales through the CI-5.
      {
        let expected = 0;
        let actual = 0;
        let explained = 0;
        const notes: string[] = [];
        const refs: EodRef[] = [];
        for (const p of payments.filter((x) => x.method === MACHINE)) {
          const e = p.status === 'settled' ? cents(p.amount) : 0;
          const rows = byPayment.get(p.id) ?? [];
          byPayment.delete(p.id);
          const a = rows.filter(done).reduce((t, r) => t + net(r), 0);
          expected += e;
          actual += a;
          if (a === e) continue;
          const d = a - e;
          const sale = `venda ${p.sale_id}${p.doc_no ? ` (${p.doc_no})` : ''}`;
          refs.push({ kind: 'sale', id: p.sale_id, label: sale });
          for (const r of rows) refs.push({ kind: 'journal', id: r.id, label: `diário n.º ${r.id}` });
          const acked = rows.find((r) => r.acked_at !== null);
          if (p.status === 'unknown' || rows.some((r) => r.status === 'pending')) {
            explained += d;
            notes.push(
              `${sale}: a máquina guardou ${euros(a)} de um pagamento interrompido, em revisão (aguarda a decisão do gerente) — explicada`,
            );
          } else if (acked && p.status === 'cancelled') {
            // The manager gave the kept cash back (its pay-out is in b.).
            explained += d;
            notes.push(
              `${sale}: ${euros(d)} guardados por um pagamento interrompido, devolvidos pelo gerente — explicada`,
            );
          } else {
            notes.push(`${sale}: diário ${euros(a)}, documento ${euros(e)}: ${euros(d)} por explicar`);
          }
        }
        for (const [pid, rows] of byPayment)
          unmatched.push(
            ...rows.map((r) => ({ ...r, reference: `${r.reference} (pagamento ${pid} de outro dia)` })),
          );
        for (const r of unmatched.filter(done)) {
          actual += net(r);
          if (net(r) === 0) continue;
          refs.push({ kind: 'journal', id: r.id, label: `diário n.º ${r.id}` });
          notes.push(
            `diário n.º ${r.id} (${r.reference ?? 'sem referência'}): ${euros(net(r))} sem pagamento do dia — por explicar`,
          );
        }
        lines.push(
          moneyLine({
            key: 'machine-sales',
            item: 'CI-5 — vendas: pagamentos dos documentos ⇄ diário da máquina',
            expected,
            actual,
            explained,
            explanation: notes.join('; '),
            refs,
          }),
        );

        // b. refunds and pay-outs through the CI-5.
        const refunds = returns.filter((r) => r.method === MACHINE && r.status === 'settled');
        const payouts = movements.filter((m) => m.via === 'machine' && m.kind === 'payout');
        const e =
          refunds.reduce((t, r) => t + cents(r.amount), 0) + payouts.reduce((t, m) => t + cents(m.amount), 0);
        const outs = journal.filter((j) => (j.kind === 'payout' || j.kind === 'cashout') && done(j));
        const a = outs.reduce((t, j) => t - net(j), 0);
        const returnedByManager = outs
          .filter((j) => REVIEW_RETURN.test(j.reference ?? ''))
          .reduce((t, j) => t - net(j), 0);
        lines.push(
          moneyLine({
            key: 'machine-payouts',
            item: 'CI-5 — devoluções e saídas: notas de crédito e saídas do turno ⇄ diário da máquina',
            expected: e,
            actual: a,
            explained: returnedByManager,
            explanation:
              a - e === 0
                ? ''
                : returnedByManager === a - e
                  ? `${euros(returnedByManager)} devolvidos pelo gerente de pagamentos interrompidos — explicada`
                  : `Saídas do diário ${euros(a)}, documentos e movimentos ${euros(e)}: ${euros(a - e - returnedByManager)} por explicar`,
            refs: [
              ...refunds.map((r) => ({
                kind: 'document' as const,
                id: r.document_id ?? r.id,
                label: r.doc_no ?? `devolução ${r.id}`,
              })),
              ...outs.map((j) => ({ kind: 'journal' as const, id: j.id, label: `diário n.º ${j.id}` })),
            ],
          }),
        );

        // c. pay-ins (and the float deposited) through the CI-5.
        const ins = movements.filter(
          (m) => m.via === 'machine' && (m.kind === 'payin' || m.kind === 'float'),
        );
        const deposits = journal.filter((j) => (j.kind === 'deposit' || j.kind === 'float') && done(j));
        const ei = ins.reduce((t, m) => t + cents(m.amount), 0);
        const ai = deposits.reduce((t, j) => t + net(j), 0);
        lines.push(
          moneyLine({
            key: 'machine-payins',
            item: 'CI-5 — entradas e fundo: movimentos do turno ⇄ diário da máquina',
            expected: ei,
            actual: ai,
            explanation:
              ai === ei ? '' : `Entradas do diário ${euros(ai)}, movimentos ${euros(ei)}: por explicar`,
            refs: deposits.map((j) => ({ kind: 'journal' as const, id: j.id, label: `diário n.º ${j.id}` })),
          }),
        );
      }

      // d–f. per shift.
      for (const s of shifts) {
        const label = `turno ${s.id}${s.z_number !== null ? ` (Z ${s.z_number})` : ''}`;
        const shiftRef: EodRef = { kind: 'shift', id: s.id, label };
        if (s.status === 'open') {
          lines.push(
            factLine({
              key: `shift-open:${s.id}`,
              item: `Turno ${s.id} ainda aberto`,
              light: 'explicadas',
              explanation: 'As contagens da gaveta e da máquina fazem-se no fecho do turno (Z): por fazer.',
              refs: [shiftRef],
            }),
          );
          continue;
        }
        const z = savedZ(s.z_report);
        if (!z) continue;
        const end = s.closed_at ?? src.now;
        const inShift = journal.filter((j) => j.created_at >= s.opened_at && j.created_at < end && done(j));
        if (z.cash.machine && s.machine_at_open !== null && z.cash.machine.counted !== null) {
          const counted = cents(z.cash.machine.counted);
          const jn = inShift.reduce((t, j) => t + net(j), 0);
          lines.push(
            moneyLine({
              key: `machine-count:${s.id}`,
              item: `CI-5 — ${label}: diário da máquina ⇄ contagens da máquina (abertura ${euros(cents(s.machine_at_open))}, fecho ${euros(cents(s.machine_at_open) + counted)})`,
              expected: jn,
              actual: counted,
              explanation:
                counted === jn
                  ? ''
                  : `A contagem da máquina difere do seu diário em ${euros(counted - jn)}: por explicar (dinheiro retirado ou posto fora de uma operação registada).`,
              refs: [shiftRef],
            }),
          );
          // e. documents ⇄ counts: what moved in the machine outside sales, refunds and shift movements.
          const expected = cents(z.cash.machine.expected);
          const why: string[] = [];
          let explained = 0;
          const refs: EodRef[] = [shiftRef];
          for (const j of inShift) {
            const why1 = machineOnly(j, payments);
            if (!why1) continue;
            explained += net(j);
            why.push(why1);
            refs.push({ kind: 'journal', id: j.id, label: `diário n.º ${j.id}` });
          }
          const diff = counted - expected;
          lines.push(
            moneyLine({
              key: `machine-docs:${s.id}`,
              item: `CI-5 — ${label}: documentos e movimentos ⇄ contagem da máquina`,
              expected,
              actual: counted,
              explained,
              explanation:
                diff === 0
                  ? why.length
                    ? `Sem diferença (${why.join('; ')}).`
                    : ''
                  : `${why.join('; ')}${why.length ? '; ' : ''}${diff === explained ? 'explicada' : `${euros(diff - explained)} por explicar`}`,
              refs,
            }),
          );
        }
        if (z.cash.drawer.counted !== null) {
          const expected = cents(z.cash.drawer.expected);
          const counted = cents(z.cash.drawer.counted);
          const opens = movements.filter((m) => m.shift_id === s.id && m.kind === 'drawer-open');
          lines.push(
            moneyLine({
              key: `drawer:${s.id}`,
              item: `Gaveta — ${label}: esperado pelos documentos ⇄ contado no fecho`,
              expected,
              actual: counted,
              explanation:
                counted === expected
                  ? ''
                  : `Contagem declarada no fecho do ${label} ${counted < expected ? 'em falta' : 'a mais'} ${euros(Math.abs(counted - expected))}: por explicar${opens.length ? ` (a gaveta foi aberta sem venda ${opens.length} vez${opens.length === 1 ? '' : 'es'}: ${opens.map((o) => o.reason).join('; ')})` : ''}.`,
              refs: [shiftRef],
            }),
          );
        }
      }

      const sum = (xs: readonly { amount: string }[]): number => xs.reduce((t, x) => t + cents(x.amount), 0);
      const settled = payments.filter((p) => p.status === 'settled');
      const facts = [
        {
          label: 'Vendas em numerário (máquina)',
          value: euros(sum(settled.filter((p) => p.method === MACHINE))),
        },
        {
          label: 'Vendas em numerário (gaveta)',
          value: euros(sum(settled.filter((p) => p.method === DRAWER))),
        },
        {
          label: 'Devoluções em numerário',
          value: euros(
            sum(
              returns.filter((r) => r.status === 'settled' && (r.method === MACHINE || r.method === DRAWER)),
            ),
          ),
        },
        { label: 'Entradas', value: euros(sum(movements.filter((m) => m.kind === 'payin'))) },
        { label: 'Saídas', value: euros(sum(movements.filter((m) => m.kind === 'payout'))) },
        {
          label: 'Reposições (CI-5)',
          value: euros(
            journal.filter((j) => j.kind === 'replenish' && done(j)).reduce((t, j) => t + net(j), 0),
          ),
        },
        {
          label: 'Recolhas (CI-5)',
          value: euros(
            -journal.filter((j) => j.kind === 'collect' && done(j)).reduce((t, j) => t + net(j), 0),
          ),
        },
      ];
      const unexplained = lines.reduce(
        (t, l) => t + Math.abs((l.differenceCents ?? 0) - (l.explainedCents ?? 0)),
        0,
      );
      return section(port, lines, facts, (light) =>
        light === 'certo'
          ? 'Numerário certo: documentos, diário da máquina e contagens coincidem.'
          : `Numerário ${LIGHT_LABEL[light]}${unexplained ? `: ${euros(unexplained)} por explicar` : ''}.`,
      );
    },
  };
}
