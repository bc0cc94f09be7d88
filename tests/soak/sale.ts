import type { PayResult, SaleView } from '../../shared/api/sales';
import { Customer, whileTaking } from './customer';
import { withDb, saleFacts } from './db-view';
import { cents, euros, exactPieces, roundedUpPieces } from './money';
import type { SimControl } from './sim-control';
import { CAIXA, MANAGER, MANAGER_PIN, Refused, type Till } from './till';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type Method = 'ci5' | 'manual' | 'card';
export type FaultKind = 'jam' | 'door' | 'power' | 'network' | 'heartbeat' | 'shortage' | 'never-pays';

/** Everything drawn from the seeded RNG for one sale, up front, so a seed always makes the same choices. */
export interface SalePlan {
  barcodes: string[];
  method: Method;
  /** CI-5: pay the exact amount or round up to 5 € (change). */
  exact: boolean;
  batches: 1 | 2;
  fault: FaultKind | null;
  devid: 1 | 2;
  /** ms after the sale starts at which the server is SIGKILLed, or null. */
  killAfterMs: number | null;
  /** Method a cashier falls back to when the first one did not take the money. */
  fallback: 'manual' | 'card';
  /** How long the customer takes to find their money (ms): the window in which a kill meets a pending payment. */
  dawdleMs: number;
}

/** What the harness saw of one sale; the figures compare it with the database and the machine. */
export interface SaleTrack {
  index: number;
  plan: SalePlan;
  saleId: number | null;
  /** Document numbers the client was given for this sale (API answer, event, or asked after a restart). */
  docNos: Set<string>;
  ackedBeforeKill: boolean;
  killed: boolean;
  /** Simulator recycler total (cents) when the sale started and when it was settled. */
  machineBefore: number;
  machineAfter: number;
  /** Stock changed behind the POS's back by the harness (shortage scenario), cents, to discount. */
  adjustCents: number;
  customer: Customer | null;
  usedCi5: boolean;
  ci5Unavailable: boolean;
  /** The sale could not be brought to an end within the bounded attempts. */
  unresolved: boolean;
  fault: { kind: FaultKind; incoherent: string[] } | null;
  notes: string[];
}

export function newTrack(index: number, plan: SalePlan): SaleTrack {
  return {
    index,
    plan,
    saleId: null,
    docNos: new Set(),
    ackedBeforeKill: false,
    killed: false,
    machineBefore: 0,
    machineAfter: 0,
    adjustCents: 0,
    customer: null,
    usedCi5: false,
    ci5Unavailable: false,
    unresolved: false,
    fault: null,
    notes: [],
  };
}

export interface SaleCtx {
  till: Till;
  sim: SimControl;
  dataDir: string;
}

export function ack(t: SaleTrack, docNo: string): void {
  t.docNos.add(docNo);
  if (!t.killed) t.ackedBeforeKill = true;
}

function ackFrom(t: SaleTrack, r: PayResult): boolean {
  if (r.completed) {
    ack(t, r.completed.document.docNo);
    return true;
  }
  return false;
}

/** Scans the plan's articles into a new sale (sales/current must be empty). */
export async function scanAll(c: SaleCtx, t: SaleTrack): Promise<SaleView> {
  let view: SaleView | null = null;
  for (const barcode of t.plan.barcodes) {
    view = await c.till.api('sales/scan', { barcode });
    t.saleId ??= view.id;
  }
  return view!;
}

/** Asks the POS, like a cashier after a restart: is there a document for this sale? (read from the file). */
export function lookUp(c: SaleCtx, t: SaleTrack): ReturnType<typeof saleFacts> {
  if (t.saleId === null) return null;
  return withDb(c.dataDir, (db) => saleFacts(db, t.saleId!));
}

/**
 * Is the method offered? A cashier waits a moment for a machine that is coming back, but not again and again
 * for one that stayed down for the last sale (keeps a run against a POS that lost the CI-5 within budget).
 */
async function available(c: SaleCtx, method: string, waitMs: number): Promise<string | null> {
  const until = Date.now() + (c.till.ci5KnownDown ? 0 : waitMs);
  let reason = 'indisponível';
  for (;;) {
    const ms = await c.till.api('sales/payment-methods', {});
    const m = ms.find((x) => x.id === method);
    if (m?.available) {
      c.till.ci5KnownDown = false;
      return null;
    }
    reason = m?.unavailableReason ?? reason;
    if (Date.now() >= until) {
      c.till.ci5KnownDown = true;
      return reason;
    }
    await sleep(400);
  }
}

export async function payManual(c: SaleCtx, t: SaleTrack, remaining: string): Promise<void> {
  const tendered = euros(Math.ceil(cents(remaining) / 500) * 500 || 500);
  const r = await c.till.api('sales/pay-start', { method: 'cash-manual', tendered });
  ackFrom(t, r);
}

export async function payCard(c: SaleCtx, t: SaleTrack): Promise<void> {
  const r = await c.till.api('sales/pay-start', { method: 'card' });
  if (ackFrom(t, r) || !r.payment) return;
  const done = await c.till.api('sales/pay-confirm', {
    paymentId: r.payment.id,
    approvedAmount: r.payment.requested,
  });
  ackFrom(t, done);
}

export type MachineResult = 'done' | 'not-paid' | 'unavailable' | 'stuck';

/** Starts a CI-5 payment for what is due; the customer object is left on the track (it outlives a crash). */
export async function startMachine(
  c: SaleCtx,
  t: SaleTrack,
  opts: { waitReadyMs?: number; pieces?: (due: number) => number[] } = {},
): Promise<{ paymentId: number; due: number } | null> {
  const reason = await available(c, 'cash-machine', opts.waitReadyMs ?? 3000);
  if (reason !== null) {
    t.ci5Unavailable = true;
    t.notes.push(`CI-5 indisponível: ${reason}`);
    return null;
  }
  const r = await c.till.try('sales/pay-start', { method: 'cash-machine' });
  if (r.kind === 'refused') {
    t.ci5Unavailable = true;
    t.notes.push(`CI-5 recusado: ${r.code} ${r.message}`);
    return null;
  }
  if (ackFrom(t, r.value) || !r.value.payment) return null;
  t.usedCi5 = true;
  const due = cents(r.value.payment.requested);
  const pieces = opts.pieces ? opts.pieces(due) : t.plan.exact ? exactPieces(due) : roundedUpPieces(due);
  t.customer = new Customer(c.sim, pieces, t.plan.batches);
  return { paymentId: r.value.payment.id, due };
}

/**
 * Waits (bounded) for a CI-5 payment to end, as the cashier's screen does, while the customer takes the change.
 * 'done' = the sale was completed; 'not-paid' = the payment ended failed/cancelled; 'stuck' = still pending.
 */
export async function waitMachine(
  c: SaleCtx,
  t: SaleTrack,
  paymentId: number,
  ms = 40_000,
): Promise<MachineResult> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const doc = t.saleId !== null ? c.till.client.completed.get(t.saleId) : undefined;
    if (doc) {
      ack(t, doc);
      await t.customer?.takeIfOffered();
      return 'done';
    }
    await t.customer?.takeIfOffered();
    const view = await c.till.api('sales/current', {});
    if (!view || view.id !== t.saleId) return 'done';
    const p = view.payments.find((x) => x.id === paymentId);
    if (p && (p.status === 'failed' || p.status === 'cancelled')) {
      // Returned cash waits at the exit.
      for (let i = 0; i < 10 && !(await t.customer?.takeIfOffered()); i++) await sleep(100);
      t.notes.push(`pagamento CI-5 ${paymentId} ${p.status}: ${p.message ?? ''}`);
      return 'not-paid';
    }
    await sleep(150);
  }
  return 'stuck';
}

/** A complete CI-5 payment without faults. */
export async function payMachine(c: SaleCtx, t: SaleTrack): Promise<MachineResult> {
  const started = await startMachine(c, t);
  if (!started) return 'unavailable';
  if (await t.customer!.machineWaiting()) {
    await sleep(t.plan.dawdleMs);
    await t.customer!.insertSome();
    await sleep(50 + t.plan.dawdleMs / 2);
    await t.customer!.insertRest();
  }
  return waitMachine(c, t, started.paymentId);
}

/**
 * Brings the sale in `sales/current` to an end from whatever state it is in (after a restart, a fault, or a
 * payment that did not take the money): confirms a waiting card, waits for a CI-5 payment, re-issues a paid
 * sale, or pays what remains with the cashier's fallback. Bounded; returns false when it could not.
 */
export async function finish(c: SaleCtx, t: SaleTrack, prefer: Method): Promise<boolean> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const view = await c.till.api('sales/current', {});
    if (!view) {
      const f = lookUp(c, t);
      if (f?.docNo) {
        if (!t.docNos.has(f.docNo)) {
          // Ask the POS for it, as the cashier would on the documents screen.
          const doc = await c.till.api('fiscal/get-document', { id: f.documentId! });
          ack(t, doc.docNo);
        }
        return true;
      }
      return t.saleId === null || f?.status === 'abandoned';
    }
    if (t.saleId === null) t.saleId = view.id;
    if (view.id !== t.saleId) {
      t.notes.push(`venda ${view.id} em curso em vez de ${t.saleId}`);
      return false;
    }
    if (view.lines.every((l) => l.voided)) {
      await c.till.api('sales/scan', { barcode: t.plan.barcodes[0] });
      continue;
    }
    const waiting = view.payments.find((p) => p.status === 'awaiting-confirmation');
    if (waiting) {
      ackFrom(
        t,
        await c.till.api('sales/pay-confirm', { paymentId: waiting.id, approvedAmount: waiting.requested }),
      );
      continue;
    }
    const unknown = view.payments.find((p) => p.status === 'unknown');
    if (unknown) {
      await settleUnknown(c, t, unknown.id);
      continue;
    }
    const pending = view.payments.find((p) => p.status === 'pending');
    if (pending) {
      if (pending.method === 'cash-machine') {
        const r = await waitMachine(c, t, pending.id, 20_000);
        if (r === 'stuck') {
          t.notes.push(`pagamento CI-5 ${pending.id} pendente >20 s: cancelado`);
          await c.till.try('sales/pay-cancel', { paymentId: pending.id });
        }
      } else await sleep(500);
      continue;
    }
    if (view.status === 'paid') {
      const r = await c.till.try('sales/retry-issue', { saleId: view.id });
      if (r.kind === 'ok') ackFrom(t, r.value);
      else {
        t.notes.push(`retry-issue: ${r.code} ${r.message}`);
        return false;
      }
      continue;
    }
    const method = attempt === 0 ? prefer : t.plan.fallback;
    try {
      if (method === 'ci5') {
        const r = await payMachine(c, t);
        if (r === 'unavailable') await payManual(c, t, view.remaining);
      } else if (method === 'card') await payCard(c, t);
      else await payManual(c, t, view.remaining);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      t.notes.push(e.message);
    }
  }
  return false;
}

/**
 * A CI-5 payment of unknown outcome (the POS died while the machine held the sale): as at the counter, the
 * cashier waits while the POS checks with the machine (the customer may still be inserting); when it stays
 * unknown the cashier stops the sale in the machine (`sales/pay-cancel`: the machine gives the cash back);
 * when the machine already kept money the manager decides from the review list and returns it through the
 * machine. The sale is then paid again by the fallback, so nothing is charged twice.
 */
export async function settleUnknown(c: SaleCtx, t: SaleTrack, paymentId: number): Promise<void> {
  if ((await waitMachine(c, t, paymentId, 15_000)) !== 'stuck') return;
  await whileTaking(c.sim, stopUnknown(c, t, paymentId));
}

async function stopUnknown(c: SaleCtx, t: SaleTrack, paymentId: number): Promise<void> {
  const cancel = await c.till.try('sales/pay-cancel', { paymentId });
  if (cancel.kind === 'ok') {
    t.notes.push(`pagamento CI-5 ${paymentId} por verificar >15 s: venda parada na máquina`);
    if ((await waitMachine(c, t, paymentId, 15_000)) !== 'stuck') return;
  }
  const entry = await managerReturn(c, paymentId);
  t.notes.push(`pagamento CI-5 ${paymentId} por verificar: ${entry ?? 'sem entrada na revisão'}`);
  await waitMachine(c, t, paymentId, 15_000);
}

/** The manager's decision on the review list for that payment: return the kept cash through the machine. */
async function managerReturn(c: SaleCtx, paymentId: number): Promise<string | null> {
  if (!(await c.till.client.login(MANAGER.id, MANAGER_PIN))) return 'login do gerente falhou';
  try {
    const list = await c.till.try('cash/review-list', {});
    if (list.kind !== 'ok') return `review-list: ${list.code}`;
    const entry = list.value.find((e) => e.resolution?.paymentId === paymentId);
    if (!entry) return null;
    const r = await c.till.try('cash/review-resolve', { id: entry.id, action: 'return', note: 'soak' });
    if (r.kind === 'ok') return `gerente devolveu ${entry.resolution?.kept ?? '?'} €`;
    return `review-resolve: ${r.code} ${r.message}`;
  } finally {
    await c.till.client.login(CAIXA.id, CAIXA.pin);
  }
}
