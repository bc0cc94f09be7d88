import { useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { LocalPosScreen } from './LocalPosScreen';
import { SaleScreen } from './SaleScreen';
import { FloatDeposit, ShiftOpen } from './ShiftOpen';

type State = { kind: 'loading' } | { kind: 'no-sales-module' } | { kind: 'ready'; shift: ShiftView | null };

/**
 * The "Venda" area: selling needs an open shift. If this core has no sales module yet (it answers the
 * shift call with an internal error), the screen still sells on a local cart without checkout.
 */
export function PosArea() {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void client.tryCall('shifts/current', {}).then((env) => {
        if (!alive) return;
        if (env.ok) setState({ kind: 'ready', shift: env.value });
        else if (env.error.code === 'INTERNAL' || env.error.code === 'UNKNOWN_CHANNEL')
          setState({ kind: 'no-sales-module' });
        else setState({ kind: 'ready', shift: null });
      });
    };
    load();
    const off = client.on('shifts/changed', load);
    return () => {
      alive = false;
      off();
    };
  }, [client]);

  if (state.kind === 'loading') return <div className="splash">{t('app.loading')}</div>;
  if (state.kind === 'no-sales-module') return <LocalPosScreen />;
  if (!state.shift) return <ShiftOpen onOpened={(shift) => setState({ kind: 'ready', shift })} />;
  if (state.shift.floatDepositInProgress)
    return <FloatDeposit onDone={(shift) => setState({ kind: 'ready', shift })} />;
  return <SaleScreen />;
}
