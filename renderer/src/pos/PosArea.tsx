import { useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { SaleScreen } from './SaleScreen';
import { FloatDeposit, ShiftOpen } from './ShiftOpen';

/** The "Venda" area: selling needs an open shift (and a finished float deposit when the CI-5 takes it). */
export function PosArea() {
  const client = useClient();
  const [shift, setShift] = useState<ShiftView | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void client.tryCall('shifts/current', {}).then((env) => {
        if (alive) setShift(env.ok ? env.value : null);
      });
    };
    load();
    const off = client.on('shifts/changed', load);
    return () => {
      alive = false;
      off();
    };
  }, [client]);

  if (shift === undefined) return <div className="splash">{t('app.loading')}</div>;
  if (!shift) return <ShiftOpen onOpened={setShift} />;
  if (shift.floatDepositInProgress) return <FloatDeposit onDone={setShift} />;
  return <SaleScreen />;
}
