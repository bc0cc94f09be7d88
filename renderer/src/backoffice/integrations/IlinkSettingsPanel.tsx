import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { IlinkConfigView, IlinkConfigureInput } from '../../../../shared/api/ilink';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { pushToast } from '../../app/toasts';

type ConfigureInput = z.infer<typeof IlinkConfigureInput>;
type AuthChoice = 'keep' | 'oauth2' | 'legacy';
type Send = IlinkConfigView['send'];

interface Form {
  baseUrl: string;
  auth: AuthChoice;
  clientId: string;
  clientSecret: string;
  token: string;
  publicKey: string;
  nif: string;
  send: Send;
  receive: boolean;
}

function formOf(c: IlinkConfigView): Form {
  return {
    baseUrl: c.baseUrl ?? '',
    auth: 'keep',
    clientId: c.clientId ?? '',
    clientSecret: '',
    token: '',
    publicKey: c.publicKey ?? '',
    nif: c.nif ?? '',
    send: c.send,
    receive: c.receive,
  };
}

/** The secrets only travel when the manager types new ones ("keep" leaves the sealed ones as they are). */
function inputOf(f: Form): ConfigureInput {
  const input: ConfigureInput = {
    baseUrl: f.baseUrl.trim() ? f.baseUrl.trim() : null,
    send: f.send,
    receive: f.receive,
  };
  if (f.auth === 'oauth2')
    input.auth = { mode: 'oauth2', clientId: f.clientId.trim(), clientSecret: f.clientSecret };
  if (f.auth === 'legacy')
    input.auth = { mode: 'legacy', token: f.token, publicKey: f.publicKey.trim(), nif: f.nif.trim() };
  return input;
}

/**
 * Gestão › Integrações › iLink: address, credentials (OAuth2, or the platform token + public key + NIF), "Ativar
 * envio" (automatic, manual, off), "Ativar receção" and "Testar ligação". The core never sends a secret back
 * (ilink/config has none), so the secret fields always start empty and say that one is stored.
 */
export function IlinkSettingsPanel() {
  const client = useClient();
  const [view, setView] = useState<IlinkConfigView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    let alive = true;
    void client.tryCall('ilink/config', {}).then((env) => {
      if (alive && env.ok) {
        setView(env.value);
        setForm(formOf(env.value));
      }
    });
    return () => {
      alive = false;
    };
  }, [client]);

  if (!form || !view) return <p className="muted">{t('app.loading')}</p>;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const text = (
    k: 'baseUrl' | 'clientId' | 'clientSecret' | 'token' | 'publicKey' | 'nif',
    label: string,
    secret = false,
  ) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type={secret ? 'password' : 'text'}
        autoComplete="off"
        value={form[k]}
        onChange={(e) => set(k, e.target.value)}
        aria-label={label}
        data-no-wedge
      />
    </label>
  );

  const save = async () => {
    setBusy(true);
    setTest(null);
    const env = await client.tryCall('ilink/configure', inputOf(form));
    setBusy(false);
    if (!env.ok) {
      pushToast('error', env.error.message, env.error.code);
      return;
    }
    pushToast(
      'success',
      env.value.queued > 0 ? t('ilink.savedQueued', { count: String(env.value.queued) }) : t('ilink.saved'),
    );
    const fresh = await client.tryCall('ilink/config', {});
    if (fresh.ok) {
      setView(fresh.value);
      setForm(formOf(fresh.value));
    }
  };

  const testConnection = async () => {
    setBusy(true);
    setTest(null);
    const env = await client.tryCall('ilink/test-connection', {});
    setBusy(false);
    setTest(env.ok ? env.value : { ok: false, message: env.error.message });
  };

  const current =
    view.mode === 'oauth2'
      ? t('ilink.current', { value: `OAuth2 — ${view.clientId ?? ''}` })
      : view.mode === 'legacy'
        ? t('ilink.current', { value: `${t('ilink.authLegacy')} — NIF ${view.nif ?? ''}` })
        : t('ilink.currentNone');

  return (
    <section className="card" data-testid="ilink-settings">
      <header className="card-head">
        <h3 className="card-title">{t('ilink.title')}</h3>
      </header>
      <form
        className="ilink-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {text('baseUrl', t('ilink.baseUrl'))}
        <p className="muted small">{t('ilink.baseUrlHint')}</p>
        <label className="field">
          <span className="field-label">{t('ilink.auth')}</span>
          <select
            className="input"
            value={form.auth}
            onChange={(e) => set('auth', e.target.value as AuthChoice)}
            aria-label={t('ilink.auth')}
          >
            <option value="keep">{t('ilink.authKeep')}</option>
            <option value="oauth2">{t('ilink.authOauth2')}</option>
            <option value="legacy">{t('ilink.authLegacy')}</option>
          </select>
        </label>
        <p className="muted small" data-testid="ilink-current-auth">
          {current}
          {view.mode !== null && <> · {t('ilink.secretStored')}</>}
        </p>
        {form.auth === 'oauth2' && (
          <>
            {text('clientId', t('ilink.clientId'))}
            {text('clientSecret', t('ilink.clientSecret'), true)}
          </>
        )}
        {form.auth === 'legacy' && (
          <>
            {text('token', t('ilink.token'), true)}
            {text('publicKey', t('ilink.publicKey'))}
            {text('nif', t('ilink.nif'))}
          </>
        )}
        <label className="field">
          <span className="field-label">{t('ilink.send')}</span>
          <select
            className="input"
            value={form.send}
            onChange={(e) => set('send', e.target.value as Send)}
            aria-label={t('ilink.send')}
          >
            <option value="auto">{t('ilink.sendAuto')}</option>
            <option value="manual">{t('ilink.sendManual')}</option>
            <option value="off">{t('ilink.sendOff')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={form.receive} onChange={(e) => set('receive', e.target.checked)} />{' '}
          {t('ilink.receive')}
        </label>
        <div className="btn-row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('ilink.save')}
          </button>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy}
            onClick={() => void testConnection()}
          >
            {busy ? t('ilink.testing') : t('ilink.test')}
          </button>
        </div>
        {test && (
          <p role="status" data-testid="ilink-test-result" className={test.ok ? 'ok' : 'num--credit'}>
            {test.ok ? '✓' : '✗'} {test.message}
          </p>
        )}
      </form>
    </section>
  );
}
