import { useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient, useSystemInfo } from '../app/context';
import { CashSimulatorPanel } from './CashSimulatorPanel';
import { MoneyEntry, parseMoney } from '../app/MoneyEntry';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { pushToast } from '../app/toasts';

/** Opening the shift: the operator counts the float; it may be deposited into the CI-5. */
export function ShiftOpen({ onOpened }: { onOpened: (s: ShiftView) => void }) {
  const client = useClient();
  const [float, setFloat] = useState('');
  const [deposit, setDeposit] = useState(false);
  const [busy, setBusy] = useState(false);
  const value = parseMoney(float || '0');

  const open = async (): Promise<void> => {
    if (!value || busy) return;
    setBusy(true);
    try {
      onOpened(await client.call('shifts/open', { openingFloat: value, depositToMachine: deposit }));
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="shift-open" data-no-wedge>
      <div className="shift-open-card">
        <h2>{t('shift.openTitle')}</h2>
        <p className="muted">{t('shift.openHint')}</p>
        <MoneyEntry
          label={t('shift.float')}
          value={float}
          onChange={setFloat}
          onEnter={() => void open()}
          testId="float"
        />
        <label className="check check--lg">
          <input type="checkbox" checked={deposit} onChange={(e) => setDeposit(e.target.checked)} />
          {t('shift.depositToMachine')}
        </label>
        <button
          type="button"
          className="btn btn--primary btn--xl btn--block"
          disabled={!value || busy}
          onClick={() => void open()}
        >
          {t('shift.open', { amount: formatEuro(value ?? '0') })}
        </button>
      </div>
    </div>
  );
}

/** The float being deposited into the CI-5: the machine counts what is inserted until the operator ends it. */
export function FloatDeposit({ onDone }: { onDone: (s: ShiftView) => void }) {
  const client = useClient();
  const info = useSystemInfo();
  const [inserted, setInserted] = useState('0.00');
  const [busy, setBusy] = useState(false);
  useEffect(
    () =>
      client.on('cash/amount-inserted', (e) => {
        if (e.operation === 'float') setInserted(e.inserted);
      }),
    [client],
  );
  /** The machine counted something else than the declared float: the cashier inserts more or takes its count. */
  const [differs, setDiffers] = useState<{ message: string; counted: string | null } | null>(null);
  const finish = async (cancel: boolean, acceptCount = false): Promise<void> => {
    setBusy(true);
    try {
      const env = await client.tryCall('shifts/finish-float-deposit', { cancel, acceptCount });
      if (env.ok) onDone(env.value.shift);
      else if (env.error.details?.floatDifference === true)
        setDiffers({
          message: env.error.message,
          counted: typeof env.error.details.counted === 'string' ? env.error.details.counted : null,
        });
      else pushToast('error', env.error.message, env.error.code);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="shift-open" data-no-wedge>
      <div className="shift-open-card">
        <h2>{t('shift.depositTitle')}</h2>
        <p className="muted">{t('shift.depositHint')}</p>
        <div className="after-sale-change">
          <span>{t('pay.inserted')}</span>
          <strong data-testid="float-inserted">{formatEuro(inserted)}</strong>
        </div>
        {info?.mode === 'training' && <CashSimulatorPanel compact />}
        {differs && (
          <ConfirmDialog
            title={t('shift.floatDiffTitle')}
            message={differs.message}
            confirmLabel={
              differs.counted === null
                ? t('shift.depositFinish')
                : t('shift.floatDiffAccept', { amount: formatEuro(differs.counted) })
            }
            cancelLabel={t('shift.floatDiffKeep')}
            onConfirm={() => {
              setDiffers(null);
              void finish(false, true);
            }}
            onCancel={() => setDiffers(null)}
          />
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn--ghost btn--lg"
            disabled={busy}
            onClick={() => void finish(true)}
          >
            {t('shift.depositCancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={busy}
            onClick={() => void finish(false)}
          >
            {t('shift.depositFinish')}
          </button>
        </div>
      </div>
    </div>
  );
}
