import { useEffect } from 'react';
import type { Session } from '../../../shared/api/auth';
import { useClient } from '../app/context';
import { forgetSession } from '../app/session';
import { clearStaleToasts } from '../app/toasts';
import { navigate, routeParts, useHashRoute } from '../app/use-hash-route';
import { BackOffice } from '../backoffice/BackOffice';
import { CashReviewBanner } from '../cash/CashReviewBanner';
import { PosArea } from '../pos/PosArea';
import { ReturnsScreen } from '../returns/ReturnsScreen';
import { ShiftScreen } from '../shift/ShiftScreen';
import { Header, type Area } from './Header';

/** The logged-in screens: header + the area chosen by the hash route. */
export function Shell({ session }: { session: Session }) {
  const client = useClient();
  const route = useHashRoute();
  const [first, second] = routeParts(route);
  // A contabilista has no till: whatever the route, only the back office (the core refuses the rest anyway).
  const backOfficeOnly = session.operator.role === 'contabilista';
  const area: Area = backOfficeOnly
    ? 'gestao'
    : first === 'gestao' || first === 'devolucoes' || first === 'turno'
      ? first
      : 'venda';
  // Another screen: the errors of the last one no longer apply.
  useEffect(() => clearStaleToasts(), [route]);

  const logout = async (): Promise<void> => {
    await client.tryCall('auth/logout', {});
    client.setSession(null);
    forgetSession('logout');
    navigate('/');
  };

  return (
    <>
      <Header session={session} area={area} onLogout={() => void logout()} />
      <CashReviewBanner role={session.operator.role} />
      <div className="app-main">
        {area === 'venda' && <PosArea />}
        {area === 'devolucoes' && <ReturnsScreen />}
        {area === 'turno' && <ShiftScreen />}
        {area === 'gestao' && <BackOffice section={second} role={session.operator.role} />}
      </div>
    </>
  );
}
