import type { Session } from '../../../shared/api/auth';
import { createStore } from './store';

/**
 * The operator session. The token lives in sessionStorage so a reload (F5, a crashed tab) keeps the
 * cashier logged in, while closing the window ends it; the core still checks it on every call.
 *
 * One terminal, one operator on screen (issue 15 item 10): the cart is the terminal's, so two tabs showing two
 * operators would sell one cart under two names. The newest login is written to localStorage as well
 * (`balcao.session.current`); every open tab of this browser follows it (tab-follow.ts) — a tab that still
 * showed Ana switches to Rui with a message, and a reload follows it too. A new tab still starts at the PIN
 * screen: localStorage outlives the browser window, so it is only ever followed by a tab that had a session.
 */
const KEY = 'balcao.session';
export const CURRENT_KEY = 'balcao.session.current';

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

/** The token of the newest login in this browser (any tab), or null after a logout. */
export function currentToken(): string | null {
  try {
    return window.localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

/**
 * `announce`: this tab logged in (the other tabs follow it); false when this tab is itself following another
 * or restoring its own session after a reload.
 */
export function rememberSession(session: Session, opts: { announce?: boolean } = {}): void {
  try {
    window.sessionStorage.setItem(KEY, session.token);
    if (opts.announce) window.localStorage.setItem(CURRENT_KEY, session.token);
  } catch {
    // Private mode or storage disabled: the session simply won't survive a reload.
  }
  sessionStore.set({ status: 'active', session });
}

export function forgetSession(reason?: 'expired' | 'logout'): void {
  const s = sessionStore.get();
  try {
    window.sessionStorage.removeItem(KEY);
    // The session the other tabs follow ended here: they leave it too.
    if (s.status === 'active' && currentToken() === s.session.token)
      window.localStorage.removeItem(CURRENT_KEY);
  } catch {
    // see rememberSession
  }
  sessionStore.set(reason ? { status: 'anonymous', reason } : { status: 'anonymous' });
}
