import type { Session } from '../../../shared/api/auth';
import { createStore } from './store';

/**
 * The operator session. The token lives in sessionStorage so a reload (F5, a crashed tab) keeps the
 * cashier logged in, while closing the window ends it; the core still checks it on every call.
 */
const KEY = 'balcao.session';

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; reason?: 'expired' | 'logout' }
  | { status: 'active'; session: Session };

export const sessionStore = createStore<SessionState>({ status: 'checking' });

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberSession(session: Session): void {
  try {
    window.sessionStorage.setItem(KEY, session.token);
  } catch {
    // Private mode or storage disabled: the session simply won't survive a reload.
  }
  sessionStore.set({ status: 'active', session });
}

export function forgetSession(reason?: 'expired' | 'logout'): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // see rememberSession
  }
  sessionStore.set(reason ? { status: 'anonymous', reason } : { status: 'anonymous' });
}
