import { useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  PaypayConfigureInput,
  type PaypayConfigView,
  type PaypayTerminalView,
} from '../../../../shared/api/paypay';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';

type Terminal = z.infer<typeof PaypayTerminalView>;

/** What the manager types: strings and booleans; `toInput` turns them into the contract's input. */
interface Values {
  [k: string]: string | boolean;
  baseUrl: string;
  platformCode: string;
  privateKey: string;
  nif: string;
  mbType: string;
  validityDays: string;
  mbwayEnabled: boolean;
  terminalUuid: string;
  webhookEnabled: boolean;
  webhookPort: string;
  webhookHost: string;
}

const valuesOf = (c: PaypayConfigView): Values => ({
  baseUrl: c.baseUrl ?? '',
  platformCode: c.platformCode ?? '',
  // Never sent back by the core: empty means "keep the stored one".
  privateKey: '',
  nif: c.nif ?? '',
  mbType: c.mbType,
  validityDays: String(c.validityDays),
  mbwayEnabled: c.mbwayEnabled,
  terminalUuid: c.terminalUuid ?? '',
  webhookEnabled: c.webhookEnabled,
  webhookPort: c.webhookPort === null ? '' : String(c.webhookPort),
  webhookHost: c.webhookHost,
});

const toInput = (v: Values): unknown => ({
  baseUrl: v.baseUrl,
  platformCode: v.platformCode,
  ...(v.privateKey ? { privateKey: v.privateKey } : {}),
  nif: v.nif,
  mbType: v.mbType,
  validityDays: v.validityDays,
  mbwayEnabled: v.mbwayEnabled,
  terminalUuid: v.terminalUuid || null,
  webhookEnabled: v.webhookEnabled,
  webhookPort: v.webhookPort.trim() === '' ? null : v.webhookPort,
  webhookHost: v.webhookHost,
});

/**
 * Gestão › Integrações › PayPay (issue 11 item 6, paypay-office): credentials (the private key is never shown
 * back), "Testar ligação" (GET /entities/{NIF}), reference defaults, MB WAY on/off, the Cloud terminal
 * (GET /terminals, remote-capable only) and the optional webhook listener. The form checks what is typed with the
 * contract's schema; the core checks it again and refuses, on a training terminal, any address that is not this
 * computer's.
 */
export function PaypaySettingsPanel() {
  const client = useClient();
  const [view, setView] = useState<PaypayConfigView | null>(null);
  useEffect(() => {
    let alive = true;
    void client.tryCall('paypay/config', {}).then((env) => {
      if (alive && env.ok) setView(env.value);
    });
    return () => {
      alive = false;
    };
  }, [client]);
  if (!view) return <p className="muted">{t('app.loading')}</p>;
  return <PaypayForm view={view} onSaved={setView} />;
}

function PaypayForm({ view, onSaved }: { view: PaypayConfigView; onSaved: (v: PaypayConfigView) => void }) {
  const client = useClient();
  const form = useZodForm({
    schema: PaypayConfigureInput,
    initial: valuesOf(view),
    toInput,
    idPrefix: 'paypay',
  });
  const [terminals, setTerminals] = useState<{ list: Terminal[]; standalone: number } | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = form.submit(async (input) => {
    setTest(null);
    const env = await client.tryCall('paypay/configure', input);
    if (!env.ok) {
      const field = (env.error.details as { field?: unknown } | undefined)?.field;
      form.setServerError(typeof field === 'string' ? field : undefined, env.error.message);
      pushToast('error', env.error.message, env.error.code);
      return;
    }
    pushToast('success', t('paypay.saved'));
    onSaved(env.value);
    form.reset(valuesOf(env.value));
  });

  const testConnection = async () => {
    setBusy(true);
    setTest(null);
    const env = await client.tryCall('paypay/test-connection', {});
    setBusy(false);
    setTest(env.ok ? env.value : { ok: false, message: env.error.message });
  };

  const loadTerminals = async () => {
    setBusy(true);
    const env = await client.tryCall('paypay/terminals', {});
    setBusy(false);
    if (env.ok) setTerminals({ list: env.value.terminals, standalone: env.value.standalone });
    else pushToast('error', env.error.message, env.error.code);
  };

  // issue 11 item 4: a chosen terminal is shown by its name (the list is asked of PayPay once, quietly).
  const chosen = view.terminalUuid;
  useEffect(() => {
    if (!chosen) return;
    let alive = true;
    void client.tryCall('paypay/terminals', {}).then((env) => {
      if (alive && env.ok) setTerminals({ list: env.value.terminals, standalone: env.value.standalone });
    });
    return () => {
      alive = false;
    };
  }, [client, chosen]);

  const text = (name: 'baseUrl' | 'platformCode' | 'nif' | 'webhookHost', label: string, hint?: string) => (
    <Field label={label} htmlFor={form.bind(name).id} error={form.error(name)} hint={hint} grow>
      <input {...form.bind(name)} className={inputClass(form.error(name))} autoComplete="off" data-no-wedge />
    </Field>
  );
  const current = form.values.terminalUuid;
  const options = terminals?.list ?? [];
  const knownCurrent = current && !options.some((x) => x.uuid === current);

  return (
    <section className="card" data-testid="paypay-settings">
      <header className="card-head">
        <h3 className="card-title">{t('paypay.title')}</h3>
      </header>
      {!view.configured && <p className="muted">{t('paypay.notConfigured')}</p>}
      <form
        className="ilink-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {text('baseUrl', t('paypay.baseUrl'), t('paypay.baseUrlHint'))}
        <FieldRow>
          {text('platformCode', t('paypay.platformCode'))}
          <Field
            label={t('paypay.privateKey')}
            htmlFor={form.bind('privateKey').id}
            error={form.error('privateKey')}
            hint={view.privateKeyStored ? t('paypay.privateKeyStored') : t('paypay.privateKeyNone')}
            grow
          >
            <input
              {...form.bind('privateKey')}
              type="password"
              className={inputClass(form.error('privateKey'))}
              autoComplete="new-password"
              data-no-wedge
            />
          </Field>
        </FieldRow>
        {text('nif', t('paypay.nif'))}
        <FieldRow>
          <Field
            label={t('paypay.mbType')}
            htmlFor={form.bind('mbType').id}
            error={form.error('mbType')}
            grow
          >
            <select {...form.bind('mbType')} className="input">
              <option value="NORMAL">{t('paypay.mbTypeNormal')}</option>
              <option value="REALTIME">{t('paypay.mbTypeRealtime')}</option>
            </select>
          </Field>
          <Field
            label={t('paypay.validityDays')}
            htmlFor={form.bind('validityDays').id}
            error={form.error('validityDays')}
          >
            <input
              {...form.bind('validityDays')}
              inputMode="numeric"
              className={inputClass(form.error('validityDays'), 'input--short')}
              data-no-wedge
            />
          </Field>
        </FieldRow>
        <label className="check">
          <input type="checkbox" {...form.bindCheck('mbwayEnabled')} /> {t('paypay.mbway')}
        </label>
        <Field
          label={t('paypay.terminal')}
          htmlFor={form.bind('terminalUuid').id}
          error={form.error('terminalUuid')}
        >
          <div className="btn-row">
            <select {...form.bind('terminalUuid')} className="input">
              <option value="">{t('paypay.terminalNone')}</option>
              {knownCurrent && <option value={current}>{current}</option>}
              {options.map((x) => (
                <option key={x.uuid} value={x.uuid}>
                  {x.name} ({x.terminalId})
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn--secondary"
              disabled={busy}
              data-testid="paypay-terminals-refresh"
              onClick={() => void loadTerminals()}
            >
              {t('paypay.terminalLoad')}
            </button>
          </div>
        </Field>
        {terminals && terminals.standalone > 0 && (
          <p className="muted small">{t('paypay.terminalStandalone', { count: terminals.standalone })}</p>
        )}
        <label className="check">
          <input type="checkbox" {...form.bindCheck('webhookEnabled')} /> {t('paypay.webhook')}
        </label>
        {form.values.webhookEnabled && (
          <FieldRow>
            <Field
              label={t('paypay.webhookPort')}
              htmlFor={form.bind('webhookPort').id}
              error={form.error('webhookPort')}
            >
              <input
                {...form.bind('webhookPort')}
                inputMode="numeric"
                className={inputClass(form.error('webhookPort'), 'input--short')}
                data-no-wedge
              />
            </Field>
            {text(
              'webhookHost',
              t('paypay.webhookHost'),
              view.training ? t('paypay.webhookHostHint') : undefined,
            )}
          </FieldRow>
        )}
        {view.webhookUrl && (
          <p className="muted small" data-testid="paypay-webhook-url">
            {t('paypay.webhookUrl', { url: view.webhookUrl })}
          </p>
        )}
        {form.formError && (
          <p className="notice notice--error" role="alert">
            {form.formError}
          </p>
        )}
        <div className="btn-row">
          <button type="submit" className="btn btn--primary" disabled={form.submitting}>
            {t('paypay.save')}
          </button>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy || !view.configured}
            onClick={() => void testConnection()}
          >
            {busy ? t('paypay.testing') : t('paypay.test')}
          </button>
        </div>
        {test && (
          <p role="status" data-testid="paypay-test-result" className={test.ok ? 'ok' : 'num--credit'}>
            {test.ok ? '✓' : '✗'} {test.message}
          </p>
        )}
      </form>
    </section>
  );
}
