import { useEffect, useState } from 'react';
import type { CashMovementView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { ApprovalCancelled, callWithApproval } from '../app/approval';
import { useClient, useSystemInfo } from '../app/context';
import { MoneyEntry, parseMoney } from '../app/MoneyEntry';

import { CashSimulatorPanel } from '../pos/CashSimulatorPanel';

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
 * Pay-in / pay-out of the open shift (shifts/cash-movement). Pay-outs need a manager's approval. Either can go
 * through the CI-5: it pays out in notes and coins, and a pay-in is a deposit that the operator feeds until the
 * machine has counted the amount (or ends early / cancels with shifts/finish-machine-payin).
 */
export function CashMovementPanel({ kind, onDone, onCancel }: Props) {
  const client = useClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [via, setVia] = useState<Via>('manual');
  const [machine, setMachine] = useState<{ ok: boolean; why: string | null }>({ ok: false, why: null });
  const [busy, setBusy] = useState(false);
  const [feeding, setFeeding] = useState<string | null>(null);
  const info = useSystemInfo();
  const value = parseMoney(amount || '0');
  const ready = value !== null && Number(value) > 0 && reason.trim().length >= 3 && !busy;

  useEffect(() => {
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

  useEffect(
    () =>
      client.on('cash/amount-inserted', (e) => {
        if (e.operation === 'deposit') setFeeding(e.inserted);
      }),
    [client],
  );

  const submit = async (): Promise<void> => {
    if (!ready || !value) return;
    setBusy(true);
    if (via === 'machine' && kind === 'payin') setFeeding('0.00');
    try {
      onDone(
        await callWithApproval(client, 'shifts/cash-movement', {
          kind,
          amount: value,
          reason: reason.trim(),
          via,
        }),
      );
    } catch (e) {
      if (!(e instanceof ApprovalCancelled)) {
        // the client showed the core's message
      }
    } finally {
      setBusy(false);
      setFeeding(null);
    }
  };

  // The pending shifts/cash-movement call resolves (or fails with CONFLICT on cancel) when this ends.
  const finishFeeding = (cancel: boolean): void => {
    void client.tryCall('shifts/finish-machine-payin', { cancel });
  };

  if (feeding !== null) {
    return (
      <div className="movement" data-no-wedge data-testid="movement-payin-machine">
        <h3>{t('movement.payin.title')}</h3>
        <p className="muted">{t('movement.feedHint', { amount: formatEuro(value ?? '0') })}</p>
        <div className="after-sale-change">
          <span>{t('pay.inserted')}</span>
          <strong data-testid="movement-inserted">{formatEuro(feeding)}</strong>
        </div>
        {info?.mode === 'training' && <CashSimulatorPanel compact />}
        <div className="dialog-actions">
          <button type="button" className="btn btn--ghost btn--lg" onClick={() => finishFeeding(true)}>
            {t('movement.feedCancel')}
          </button>
          <button type="button" className="btn btn--primary btn--lg" onClick={() => finishFeeding(false)}>
            {t('movement.feedFinish')}
          </button>
        </div>
      </div>
    );
  }

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
            {via === 'machine'
              ? t(kind === 'payin' ? 'movement.machinePayinHint' : 'movement.machineHint')
              : (machine.why ?? t('movement.drawerHint'))}
          </p>
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
