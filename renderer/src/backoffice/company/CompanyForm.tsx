import { useEffect, useState } from 'react';
import { CompanyProfile, LOGO_MAX_BYTES, type CompanyView } from '../../../../shared/api/company';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';

type Values = {
  name: string;
  nif: string;
  address: string;
  postalCode: string;
  city: string;
  shareCapital: string;
  registryOffice: string;
  certificateNumber: string;
  receiptHeader: string;
  receiptFooter: string;
};
/** Decimal comma on screen, point in the contract. */
const toInput = (v: Values) => ({
  ...v,
  shareCapital: v.shareCapital.trim().replace(/\./g, '').replace(',', '.'),
});
const valuesOf = (c: CompanyView): Values => ({
  ...c.profile,
  shareCapital: c.profile.shareCapital?.replace('.', ',') ?? '',
  registryOffice: c.profile.registryOffice ?? '',
});

/**
 * Gestão › Empresa: the company's data, the receipt's header and footer and the logo (issue 12 item 7), checked
 * as typed by the contract's schema (NIF check digit, post code) and again by the core. Read-only but for the
 * gerente.
 */
export function CompanyForm({ manager }: { manager: boolean }) {
  const client = useClient();
  const [view, setView] = useState<CompanyView | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void client.tryCall('company/get', {}).then((env) => env.ok && setView(env.value));
  }, [client]);
  if (!view) return <p className="muted">{t('app.loading')}</p>;
  // Keyed: a saved record remounts the form with what the core stored (no reset while typing).
  return (
    <CompanyFormBody
      key={version}
      manager={manager}
      view={view}
      onChange={(v, saved) => {
        setView(v);
        if (saved) setVersion((n) => n + 1);
      }}
    />
  );
}

function CompanyFormBody({
  manager,
  view,
  onChange,
}: {
  manager: boolean;
  view: CompanyView;
  onChange: (v: CompanyView, saved: boolean) => void;
}) {
  const client = useClient();
  const form = useZodForm({ schema: CompanyProfile, initial: valuesOf(view), toInput, idPrefix: 'co' });
  const show = (v: CompanyView) => onChange(v, false);

  const save = form.submit(async (input) => {
    const env = await client.tryCall('company/save', input);
    if (!env.ok) return form.setServerError(undefined, env.error.message);
    onChange(env.value, true);
    pushToast('success', t('company.saved'));
  });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES) return pushToast('error', t('company.logoTooBig'));
    const mime = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png';
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    const env = await client.tryCall('company/set-logo', { logo: { mime, base64: btoa(bin) } });
    if (!env.ok) return pushToast('error', env.error.message);
    show(env.value);
  };

  const text = (name: keyof Values, label: string, opts: { grow?: boolean; hint?: string } = {}) => (
    <Field label={label} htmlFor={`co-${name}`} error={form.error(name)} grow={opts.grow} hint={opts.hint}>
      <input className={inputClass(form.error(name))} disabled={!manager} {...form.bind(name)} />
    </Field>
  );
  const area = (name: 'receiptHeader' | 'receiptFooter', label: string) => (
    <Field label={label} htmlFor={`co-${name}`} error={form.error(name)} grow hint={t('company.linesHint')}>
      <textarea className={inputClass(form.error(name))} rows={3} disabled={!manager} {...form.bind(name)} />
    </Field>
  );
  return (
    <section className="card card--span" data-testid="company-form">
      <h3 className="card-title">{t('company.record')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FieldRow>
          {text('name', t('company.name'), { grow: true })}
          {text('nif', t('company.nif'))}
        </FieldRow>
        <FieldRow>
          {text('address', t('company.address'), { grow: true })}
          {text('postalCode', t('company.postalCode'), { hint: 'NNNN-NNN' })}
          {text('city', t('company.city'))}
        </FieldRow>
        <FieldRow>
          {text('shareCapital', t('company.shareCapital'), { hint: '€' })}
          {text('registryOffice', t('company.registryOffice'), { grow: true })}
          {text('certificateNumber', t('company.certificate'))}
        </FieldRow>
        <FieldRow>
          {area('receiptHeader', t('company.receiptHeader'))}
          {area('receiptFooter', t('company.receiptFooter'))}
        </FieldRow>
        {form.formError && (
          <p className="field-help field-help--error" role="alert">
            {form.formError}
          </p>
        )}
        {manager && (
          <button
            type="submit"
            className="btn btn--primary"
            disabled={form.submitting}
            data-testid="company-save"
          >
            {t('operators.save')}
          </button>
        )}
      </form>
      <div className="company-logo">
        <span className="field-label">{t('company.logo')}</span>
        {view.logo ? (
          <img
            alt={t('company.logo')}
            src={`data:${view.logo.mime};base64,${view.logo.base64}`}
            style={{ maxHeight: 64, maxWidth: 200 }}
          />
        ) : (
          <span className="muted">{t('company.noLogo')}</span>
        )}
        {manager && (
          <>
            <input
              type="file"
              accept="image/png,image/jpeg"
              aria-label={t('company.logoUpload')}
              onChange={(e) => void upload(e.target.files?.[0])}
            />
            {view.logo && (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() =>
                  void client
                    .tryCall('company/set-logo', { logo: null })
                    .then((env) => env.ok && show(env.value))
                }
              >
                {t('company.logoRemove')}
              </button>
            )}
          </>
        )}
        <span className="field-help">{t('company.logoHint')}</span>
      </div>
    </section>
  );
}
