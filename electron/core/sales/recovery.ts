import type { CoreContext } from '../context';
import type { PaymentOutcome } from './payments/provider';
import type { ProviderRegistry } from './payments/registry';

interface RecoveryDeps {
  ctx: CoreContext;
  providers: ProviderRegistry;
  record(paymentId: number, outcome: PaymentOutcome): void;
  issue(saleId: number, operatorId: number | null): unknown;
}

export function createRecovery({ ctx, providers, record, issue }: RecoveryDeps) {
  const { db } = ctx;
  /**
   * Start-up recovery. 1) Payments journaled as pending (intent without outcome): the provider reconciles
   * them with its own journal (CI-5: the cash journal); unknown → failed with an instruction. 2) Paid sales
   * without a document get it issued now (idempotent: the document and the sale commit together).
   */
  async function recover(): Promise<{ reconciled: number; issued: number; failed: number }> {
    let reconciled = 0;
    let issued = 0;
    let failed = 0;
    const pending = db.all(
      db.k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .selectAll('p')
        .where('s.terminal_id', '=', ctx.terminalId)
        .where('p.status', '=', 'pending'),
    );
    for (const p of pending) {
      const provider = providers.find(p.method);
      let outcome: PaymentOutcome | null = null;
      try {
        outcome = provider?.recover
          ? await provider.recover({
              id: p.id,
              saleId: p.sale_id,
              requested: p.requested,
              ref: p.provider_ref,
              startedAt: p.started_at,
            })
          : null;
      } catch (e) {
        ctx.log.warn('payment recovery failed', {
          paymentId: p.id,
          error: e instanceof Error ? e.message : String(e),
        });
      }
      record(
        p.id,
        outcome ?? {
          status: 'failed',
          message:
            'Pagamento interrompido (o programa parou). Confirme com o cliente e repita o pagamento se necessário.',
        },
      );
      ctx.audit('sales.payment-recovered', null, {
        paymentId: p.id,
        saleId: p.sale_id,
        status: outcome?.status ?? 'failed',
      });
      reconciled++;
    }
    const paid = db.all(
      db.k
        .selectFrom('sale')
        .selectAll()
        .where('terminal_id', '=', ctx.terminalId)
        .where('status', '=', 'paid')
        .where('document_id', 'is', null),
    );
    for (const s of paid) {
      try {
        if (issue(s.id, null)) issued++;
        ctx.audit('sales.recovered-issue', null, { saleId: s.id });
      } catch {
        failed++;
      }
    }
    return { reconciled, issued, failed };
  }

  return { recover };
}
