import { createPosClient, type PosClient } from '../api/client';
import { detectTransport } from '../api/transports';
import { pushToast } from './toasts';
import { forgetSession, sessionStore } from './session';

/**
 * The one client of this page. Every refused call that UI code did not handle itself (via tryCall)
 * becomes a toast with the core's pt-PT message; an expired session sends the operator back to login.
 */
export function createAppClient(): PosClient {
  const client: PosClient = createPosClient(detectTransport(), (e) => {
    if (e.code === 'UNAUTHENTICATED' && sessionStore.get().status === 'active') {
      client.setSession(null);
      forgetSession('expired');
    }
    pushToast(e.code === 'CORE_NOT_READY' ? 'warning' : 'error', e.message, e.code);
  });
  return client;
}
