import { useEffect, useState } from 'react';
import type { PosClient } from './api/client';
import type { SystemInfo } from '../../shared/api/system';
import { t } from '../../shared/i18n';
import { ClientContext, SystemInfoContext, useStore } from './app/context';
import { currentToken, forgetSession, rememberSession, sessionStore, storedToken } from './app/session';
import { useTabFollow } from './app/tab-follow';
import { pushToast } from './app/toasts';
import { LoginScreen } from './login/LoginScreen';
import { Shell } from './shell/Shell';
import { StatusBar } from './shell/StatusBar';
import { TrainingBanner } from './shell/Header';
import { Toasts } from './shell/Toasts';
import { ApprovalDialog } from './app/ApprovalDialog';

const INFO_RETRY_MS = 2000;

/** Terminal info (company, mode) is public: load it before login and retry until the core answers. */
function useSystemInfoLoader(client: PosClient): SystemInfo | null {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const env = await client.tryCall('system/info', {});
      if (!alive) return;
      if (env.ok) setInfo(env.value);
      else timer = setTimeout(() => void load(), INFO_RETRY_MS);
    };
    void load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client]);
  return info;
}

/** Restores the session kept in sessionStorage (a reload keeps the cashier logged in). */
function useSessionRestore(client: PosClient): void {
  useEffect(() => {
    // A tab that had a session follows the newest login of this browser (another tab may have logged in
    // since; issue 15 item 10). A tab without one starts at the PIN screen.
    const own = storedToken();
    const token = own && (currentToken() ?? own);
    if (!token) {
      forgetSession();
      return;
    }
    client.setSession(token);
    void client.tryCall('auth/whoami', {}).then((env) => {
      if (env.ok) rememberSession(env.value);
      else {
        client.setSession(null);
        forgetSession(env.error.code === 'UNAUTHENTICATED' ? 'expired' : undefined);
      }
    });
  }, [client]);

  useEffect(() => {
    const offEnded = client.on('auth/session-ended', ({ token, reason }) => {
      const s = sessionStore.get();
      if (s.status === 'active' && s.session.token === token) {
        client.setSession(null);
        forgetSession(reason === 'logout' ? 'logout' : 'expired');
      }
    });
    const offStopping = client.on('system/stopping', () => pushToast('warning', t('app.coreStopping')));
    return () => {
      offEnded();
      offStopping();
    };
  }, [client]);
}

export function App({ client }: { client: PosClient }) {
  const info = useSystemInfoLoader(client);
  useSessionRestore(client);
  useTabFollow(client);
  const session = useStore(sessionStore);

  return (
    <ClientContext.Provider value={client}>
      <SystemInfoContext.Provider value={info}>
        <div className="app">
          <TrainingBanner />
          {session.status === 'checking' && <div className="splash">{t('app.loading')}</div>}
          {session.status === 'anonymous' && <LoginScreen reason={session.reason} />}
          {/* keyed: another operator's session starts every screen afresh (no state of the last one) */}
          {session.status === 'active' && <Shell key={session.session.token} session={session.session} />}
          <StatusBar />
          <ApprovalDialog />
          <Toasts />
        </div>
      </SystemInfoContext.Provider>
    </ClientContext.Provider>
  );
}

/** Shown when the page cannot reach the core at all (opened without the served token, bridge missing). */
export function FatalScreen({ message }: { message: string }) {
  return (
    <main className="fatal" role="alert">
      <h1>{t('app.fatal')}</h1>
      <p>{message}</p>
    </main>
  );
}
