import { useCallback, useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { LocalPosScreen } from './LocalPosScreen';
import { SaleScreen } from './SaleScreen';
import { ShiftOpen } from './ShiftOpen';

type State = { kind: 'loading' } | { kind: 'no-sales-module' } | { kind: 'ready'; shift: ShiftView | null };

/**
 * The "Venda" area: selling needs an open shift. If this core has no sales module yet (it answers the
 * shift call with an internal error), the screen still sells on a local cart without checkout.
 */
export function PosArea() {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    const env = await client.tryCall('shifts/current', {});
    if (env.ok) setState({ kind: 'ready', shift: env.value });
    else if (env.error.code === 'INTERNAL' || env.error.code === 'UNKNOWN_CHANNEL')
      setState({ kind: 'no-sales-module' });
    else setState({ kind: 'ready', shift: null });
  }, [client]);

  useEffect(() => {
    void load();
    return client.on('shifts/changed', () => void load());
  }, [client, load]);

  if (state.kind === 'loading') return <div className="splash">{t('app.loading')}</div>;
  if (state.kind === 'no-sales-module') return <LocalPosScreen />;
  if (!state.shift) return <ShiftOpen onOpened={(shift) => setState({ kind: 'ready', shift })} />;
  return <SaleScreen />;
}
