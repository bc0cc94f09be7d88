import { useEffect, useState } from 'react';
import type { ProductionReadiness } from '../../../../shared/api/company';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { pushToast } from '../../app/toasts';

/**
 * The switch from training to production: the checks that must pass (company, NIF, certificate, signing key,
 * AT codes of the series), the key import, and the switch itself — refused by the core unless all pass; it
 * applies at the next start (the running till keeps training until then).
 */
export function ProductionDialog({ manager, onClose }: { manager: boolean; onClose: () => void }) {
  const client = useClient();
  const [r, setR] = useState<ProductionReadiness | null>(null);
  useEffect(() => {
    void client.tryCall('system/production-check', {}).then((env) => env.ok && setR(env.value));
  }, [client]);
  const importKey = async (file: File | undefined) => {
    if (!file) return;
    const env = await client.tryCall('system/import-production-key', { pem: await file.text() });
    if (!env.ok) return pushToast('error', env.error.message);
    setR(env.value);
  };
  const go = async () => {
    const env = await client.tryCall('system/switch-to-production', { confirm: true });
    if (!env.ok) return pushToast('error', env.error.message);
    setR(env.value);
    pushToast('success', t('production.switched'));
  };
  return (
    <Dialog
      title={t('production.title')}
      onClose={onClose}
      size="wide"
      testId="production-dialog"
      actions={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('common.close')}
          </button>
          {manager && (
            <button
              type="button"
              className="btn btn--lg btn--danger"
              disabled={!r?.ready || r.pending}
              onClick={() => void go()}
            >
              {t('production.switch')}
            </button>
          )}
        </>
      }
    >
      {r?.pending && <p className="notice">{t('production.pending')}</p>}
      <ul className="checklist" data-testid="production-checks">
        {r?.checks.map((c) => (
          <li key={c.id} className={c.ok ? 'ok' : 'num--credit'}>
            {c.ok ? '✓' : '✗'} <strong>{c.label}</strong> — {c.detail}
          </li>
        ))}
      </ul>
      {manager && (
        <label className="field">
          <span className="field-label">{t('production.keyFile')}</span>
          <input
            type="file"
            accept=".pem,.key,text/plain"
            onChange={(e) => void importKey(e.target.files?.[0])}
          />
        </label>
      )}
      <p className="muted small">{t('production.nextStart')}</p>
    </Dialog>
  );
}
