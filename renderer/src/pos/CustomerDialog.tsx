import { useEffect, useState } from 'react';
import type { SaleCustomer } from '../../../shared/api/sales';
import { nifLooksLikeBusiness } from '../../../shared/fiscal/nif';
import { checkTaxId } from '../../../shared/fiscal/tax-id';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { CustomerSearch, cleanHit, type CustomerHit } from './CustomerSearch';

interface Props {
  current: SaleCustomer | null;
  onSave: (customer: {
    id?: number;
    nif: string;
    name?: string;
    address?: string;
    postalCode?: string;
    city?: string;
    country?: string;
    isBusiness: boolean;
  }) => void;
  onFinalConsumer: () => void;
  onCancel: () => void;
}

/** Customer NIF (validated as it is typed) and, when needed, name and address. */
export function CustomerDialog({ current, onSave, onFinalConsumer, onCancel }: Props) {
  const client = useClient();
  const [nif, setNif] = useState(current?.nif === '999999990' ? '' : (current?.nif ?? ''));
  const [name, setName] = useState(current?.name === 'Consumidor final' ? '' : (current?.name ?? ''));
  const [address, setAddress] = useState(current?.address ?? '');
  const [postalCode, setPostalCode] = useState(current?.postalCode ?? '');
  const [city, setCity] = useState(current?.city ?? '');
  const [business, setBusiness] = useState<boolean | null>(current?.isBusiness ?? null);
  const [known, setKnown] = useState<string | null>(null);
  const [picked, setPicked] = useState<CustomerHit | null>(null);

  const pick = (hit: CustomerHit): void => {
    setPicked(hit);
    setNif(hit.nif);
    setKnown(hit.name);
    setName(hit.name);
    setAddress(hit.address);
    setPostalCode(hit.postalCode);
    setCity(hit.city);
    setBusiness(null);
  };

  const typed = nif.trim();
  // shared/fiscal/tax-id.ts: the very check the core applies (PT NIF, or an EU VAT id with its country prefix).
  // A customer picked from the list keeps its country (a non-EU customer's id is free text).
  const pickedCountry = picked && picked.nif === nif ? picked.country : undefined;
  const check = typed ? checkTaxId(typed, pickedCountry) : null;
  const valid = check?.ok === true;
  const complete = check !== null && check.ok === false && check.reason !== 'incomplete';
  const isBusiness = business ?? (valid ? check.foreign || nifLooksLikeBusiness(check.taxId) : false);

  // A known customer: fill in what the terminal already has for this NIF.
  const validNif = valid ? check.taxId : null;
  useEffect(() => {
    if (!validNif) return;
    let alive = true;
    void client.tryCall('sales/find-customer', { query: validNif, limit: 1 }).then((env) => {
      const hit = env.ok ? env.value.find((c) => c.nif === validNif) : undefined;
      if (!alive || !hit) return;
      setKnown(hit.name);
      setName((n) => n || hit.name);
      const clean = cleanHit(hit);
      setAddress((a) => a || clean.address);
      setPostalCode((p) => p || clean.postalCode);
      setCity((c) => c || clean.city);
    });
    return () => {
      alive = false;
    };
  }, [client, validNif]);

  const save = (): void => {
    if (!valid) return;
    onSave({
      ...(picked && picked.nif === check.taxId ? { id: picked.id } : {}),
      nif: check.taxId,
      country: check.country,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(postalCode.trim() ? { postalCode: postalCode.trim() } : {}),
      ...(city.trim() ? { city: city.trim() } : {}),
      isBusiness,
    });
  };

  return (
    <Dialog
      title={t('customer.title')}
      size="wide"
      columns={3}
      onClose={onCancel}
      onSubmit={save}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--secondary btn--lg" onClick={onFinalConsumer}>
            {t('sale.finalConsumer')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg" disabled={!valid}>
            {t('customer.save')}
          </button>
        </>
      }
    >
      <CustomerSearch onPick={pick} />
      <label className="field">
        <span className="field-label">{t('customer.nif')}</span>
        <input
          className={`input input--lg${complete && !valid ? ' input--invalid' : ''}${valid ? ' input--valid' : ''}`}
          inputMode="text"
          autoCapitalize="characters"
          autoFocus
          value={nif}
          maxLength={30}
          onChange={(e) => {
            setNif(e.target.value);
            setKnown(null);
            setBusiness(null);
          }}
          aria-invalid={complete && !valid}
          aria-describedby="nif-help"
        />
        <span
          id="nif-help"
          className={`field-help${complete && !valid ? ' field-help--error' : ''}${valid ? ' field-help--ok' : ''}`}
          role="status"
          data-testid="nif-help"
        >
          {!check
            ? t('customer.nifHint')
            : check.ok
              ? known
                ? t('customer.nifKnown', { name: known })
                : check.foreign
                  ? t('customer.vatValid', { country: check.country })
                  : t('customer.nifValid')
              : check.message}
        </span>
      </label>
      <div className="field-row">
        <label className="field field--grow">
          <span className="field-label">{t('customer.name')}</span>
          <input className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={isBusiness} onChange={(e) => setBusiness(e.target.checked)} />
          {t('customer.business')}
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('customer.address')}</span>
        <input
          className="input"
          value={address}
          maxLength={210}
          onChange={(e) => setAddress(e.target.value)}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('customer.postalCode')}</span>
          <input
            className="input"
            value={postalCode}
            maxLength={20}
            placeholder="0000-000"
            onChange={(e) => setPostalCode(e.target.value)}
          />
        </label>
        <label className="field field--grow">
          <span className="field-label">{t('customer.city')}</span>
          <input className="input" value={city} maxLength={50} onChange={(e) => setCity(e.target.value)} />
        </label>
      </div>
      <p className="muted small">{t('customer.addressHint')}</p>
    </Dialog>
  );
}
