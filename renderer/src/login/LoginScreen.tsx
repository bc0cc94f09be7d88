import { useCallback, useEffect, useState } from 'react';
import { WrongPinDetails, type OperatorSummary } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { useClient, useSystemInfo } from '../app/context';
import { rememberSession } from '../app/session';
import { useCountdown } from '../app/use-countdown';
import { navigate } from '../app/use-hash-route';
import { formatLongDate, formatTime, useNow } from '../app/use-now';
import { OperatorTiles } from './OperatorTiles';
import { PinEntry } from './PinEntry';

interface Props {
  /** Why we are here again (shown once). */
  reason?: 'expired' | 'logout';
}

export function LoginScreen({ reason }: Props) {
  const client = useClient();
  const info = useSystemInfo();
  const now = useNow();
  const [operators, setOperators] = useState<OperatorSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<OperatorSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // A lockout counts down on screen (the core says how long); the keypad waits for it.
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const lockedFor = useCountdown(lockedUntil);

  const load = useCallback(async () => {
    const env = await client.tryCall('auth/list-operators', {});
    if (env.ok) {
      setOperators(env.value);
      setLoadError(null);
    } else setLoadError(env.error.message);
  }, [client]);

  useEffect(() => {
    let alive = true;
    const run = async (): Promise<void> => {
      const env = await client.tryCall('auth/list-operators', {});
      if (!alive) return;
      if (env.ok) setOperators(env.value);
      else setLoadError(env.error.message);
    };
    void run();
    return () => {
      alive = false;
    };
  }, [client]);

  const login = async (pin: string): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    // tryCall: a wrong PIN is shown next to the keypad, not as a toast.
    const env = await client.tryCall('auth/login', { operatorId: chosen.id, pin });
    setBusy(false);
    if (env.ok) {
      client.setSession(env.value.token);
      rememberSession(env.value, { announce: true }); // the other tabs follow this login
      navigate('/venda');
      return;
    }
    const details = WrongPinDetails.safeParse(env.error.details ?? {});
    const d = details.success ? details.data : {};
    if (d.seconds) {
      setLockedUntil(Date.now() + d.seconds * 1000);
      setError(null);
    } else if (d.attemptsLeft === 1) setError(t('login.lastAttempt', { message: env.error.message }));
    else setError(env.error.message);
    setAttempt((n) => n + 1);
  };
  const locked = lockedFor > 0;

  return (
    <main className="login">
      <aside className="login-brand">
        <div className="brand-mark brand-mark--large" aria-hidden="true">
          B
        </div>
        <h1 className="login-app">{t('app.name')}</h1>
        <p className="login-company">{info?.company.name ?? '\u00a0'}</p>
        <div className="login-clock">
          <div className="login-time">{formatTime(now)}</div>
          <div className="login-date">{formatLongDate(now)}</div>
        </div>
        {info && (
          <p className="login-terminal">
            {t('login.terminal', { id: info.terminalId, version: info.version })}
          </p>
        )}
      </aside>
      <section className="login-panel">
        {reason === 'expired' && !chosen && (
          <p className="notice notice--info">{t('login.sessionExpired')}</p>
        )}
        {chosen ? (
          <PinEntry
            operator={chosen}
            busy={busy}
            locked={locked}
            error={locked ? t('login.lockedFor', { seconds: lockedFor }) : error}
            attempt={attempt}
            onSubmit={(pin) => void login(pin)}
            onBack={() => {
              setChosen(null);
              setError(null);
              setLockedUntil(null);
            }}
          />
        ) : (
          <>
            <h2 className="login-title">{t('login.chooseOperator')}</h2>
            {operators && <OperatorTiles operators={operators} onChoose={setChosen} />}
            {!operators && !loadError && <p className="muted">{t('app.loading')}</p>}
            {loadError && (
              <div className="notice notice--error" role="alert">
                <p>{loadError}</p>
                <button type="button" className="btn btn--secondary" onClick={() => void load()}>
                  {t('common.retry')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </main>
  );
}
