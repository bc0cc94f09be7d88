import { useEffect } from 'react';
import { t } from '../../../shared/i18n';
import type { PosClient } from '../api/client';
import { CURRENT_KEY, currentToken, forgetSession, rememberSession, sessionStore } from './session';
import { pushToast } from './toasts';

/** Says it when the cashier can see it: a toast in a hidden tab would be gone before anyone looked. */
function tellWhenVisible(text: string): void {
  if (!document.hidden) {
    pushToast('info', text);
    return;
  }
  const onVisible = (): void => {
    if (document.hidden) return;
    document.removeEventListener('visibilitychange', onVisible);
    pushToast('info', text);
  };
  document.addEventListener('visibilitychange', onVisible);
}

/**
 * Every tab of this browser follows the newest login (issue 15 item 10; see session.ts): when another tab logs
 * in, this one — if it showed a session — takes that session over (the core confirms it with auth/whoami), its
 * screens start afresh for that operator, and it says so. When the session ends in another tab, this one goes
 * back to the PIN screen. A tab at the PIN screen stays there: it acts for nobody.
 */
export function useTabFollow(client: PosClient): void {
  useEffect(() => {
    let seq = 0;
    const follow = async (token: string): Promise<void> => {
      const mine = ++seq;
      client.setSession(token);
      const env = await client.tryCall('auth/whoami', {});
      if (mine !== seq) return; // a newer login meanwhile
      if (env.ok) {
        rememberSession(env.value);
        tellWhenVisible(t('session.followed', { name: env.value.operator.name }));
      } else {
        client.setSession(null);
        forgetSession('expired');
      }
    };
    const onStorage = (e: StorageEvent): void => {
      if (e.key !== CURRENT_KEY && e.key !== null) return;
      const s = sessionStore.get();
      if (s.status !== 'active') return;
      const token = currentToken();
      if (token === s.session.token) return;
      if (token) void follow(token);
      else {
        seq++;
        client.setSession(null);
        forgetSession('logout');
        tellWhenVisible(t('session.endedElsewhere'));
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [client]);
}
