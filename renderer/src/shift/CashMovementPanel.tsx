import { useEffect, useState } from 'react';
import type { CashMovementView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { ApprovalCancelled, callWithApproval } from '../app/approval';
import { useClient } from '../app/context';
import { MoneyEntry, parseMoney } from '../app/MoneyEntry';

type Kind = 'payin' | 'payout';
type Via = 'manual' | 'machine';

const REASONS: Record<Kind, string[]> = {
  payin: ['Reforço de trocos', 'Fundo adicional', 'Acerto de caixa'],
  payout: ['Pagamento a fornecedor', 'Despesa da loja', 'Depósito no banco'],
};

interface Props {
  kind: Kind;
  onDone: (m: CashMovementView) => void;
  onCancel: () => void;
}

/**
 * Pay-in / pay-out of the open shift (shifts/cash-movement). Pay-outs need a manager's approval. The CI-5 can
 * pay out (it chooses the notes and coins); pay-ins into the machine go through its deposit, so here they are
 * always by the drawer (the contract refuses machine pay-ins).
 */
export function CashMovementPanel({ kind, onDone, onCancel }: Props) {
  const client = useClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [via, setVia] = useState<Via>('manual');
  const [machine, setMachine] = useState<{ ok: boolean; why: string | null }>({ ok: false, why: null });
  const [busy, setBusy] = useState(false);
  const value = parseMoney(amount || '0');
  const ready = value !== null && Number(value) > 0 && reason.trim().length >= 3 && !busy;

  useEffect(() => {
    if (kind !== 'payout') return;
    let alive = true;
    void client.tryCall('cash/status', {}).then((env) => {
      if (!alive || !env.ok) return;
      const s = env.value;
      const ok = s.kind !== 'none' && s.phase === 'ready';
      setMachine({ ok, why: ok ? null : (s.message ?? t('movement.machineOff')) });
    });
    return () => {
      alive = false;
    };
  }, [client, kind]);

  const submit = async (): Promise<void> => {
    if (!ready || !value) return;
    setBusy(true);
    try {
      onDone(
        await callWithApproval(client, 'shifts/cash-movement', {
          kind,
          amount: value,
          reason: reason.trim(),
          via: kind === 'payout' ? via : 'manual',
        }),
      );
    } catch (e) {
      if (!(e instanceof ApprovalCancelled)) {
        // the client showed the core's message
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="movement" data-no-wedge data-testid={`movement-${kind}`}>
      <h3>{t(`movement.${kind}.title`)}</h3>
      <p className="muted">{t(`movement.${kind}.hint`)}</p>
      <div className="movement-grid">
        <MoneyEntry
          label={t('movement.amount')}
          value={amount}
          onChange={setAmount}
          onEnter={() => void submit()}
          testId="movement-amount"
        />
        <div className="movement-side">
          <label className="field">
            <span className="field-label">{t('movement.reason')}</span>
            <input
              className="input input--lg input--text"
              value={reason}
              maxLength={100}
              placeholder={t('movement.reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void submit()}
            />
          </label>
          <div className="chip-row">
            {REASONS[kind].map((r) => (
              <button
                key={r}
                type="button"
                className={`btn btn--small${reason === r ? ' btn--chosen' : ''}`}
                onClick={() => setReason(r)}
              >
                {r}
              </button>
            ))}
          </div>
          {kind === 'payout' && (
            <>
              <span className="field-label">{t('movement.via')}</span>
              <div className="segmented">
                {(['manual', 'machine'] as const).map((v) => (
                  <button
                    key={v}
                    type="button"
                    className={`segmented-item${via === v ? ' segmented-item--active' : ''}`}
                    aria-pressed={via === v}
                    disabled={v === 'machine' && !machine.ok}
                    onClick={() => setVia(v)}
                  >
                    {t(`movement.via.${v}`)}
                  </button>
                ))}
              </div>
              <p className="muted small">
                {via === 'machine' ? t('movement.machineHint') : (machine.why ?? t('movement.drawerHint'))}
              </p>
            </>
          )}
          {kind === 'payin' && <p className="muted small">{t('movement.payinDrawer')}</p>}
          <div className="dialog-actions">
            <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className={`btn btn--lg ${kind === 'payout' ? 'btn--danger' : 'btn--primary'}`}
              disabled={!ready}
              onClick={() => void submit()}
              data-testid="movement-confirm"
            >
              {t(`movement.${kind}.confirm`, { amount: formatEuro(value ?? '0') })}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
