import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Unit } from '../../../shared/api/catalog';
import {
  ArticleInput,
  TILL_COLOURS,
  type ArticleDetail,
  type PriceChange,
} from '../../../shared/api/catalog-admin';
import { EXEMPTIONS } from '../../../shared/fiscal/exemptions';
import { t, type MessageKey } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';

/** The form as typed (strings), turned into the shared ArticleInput for validation and saving. */
interface Form {
  code: string;
  name: string;
  shortName: string;
  family: string;
  unit: Unit;
  price: string;
  priceIncludesVat: boolean;
  taxCode: 'NOR' | 'INT' | 'RED' | 'ISE';
  exemptionCode: string;
  productType: 'P' | 'S';
  barcodes: string;
  favourite: boolean;
  tillPosition: string;
  tillColour: string;
  weighed: boolean;
  scaleCode: string;
}

const EMPTY: Form = {
  code: '',
  name: '',
  shortName: '',
  family: '',
  unit: 'UN',
  price: '',
  priceIncludesVat: true,
  taxCode: 'NOR',
  exemptionCode: '',
  productType: 'P',
  barcodes: '',
  favourite: false,
  tillPosition: '',
  tillColour: '',
  weighed: false,
  scaleCode: '',
};

const formOf = (d: ArticleDetail): Form => ({
  code: d.article.code,
  name: d.article.name,
  shortName: d.article.shortName ?? '',
  family: d.article.family,
  unit: d.article.unit,
  price: d.article.price.replace('.', ','),
  priceIncludesVat: true,
  taxCode: d.article.taxCode,
  exemptionCode: d.article.exemptionCode ?? '',
  productType: d.article.productType,
  barcodes: d.barcodes.map((b) => b.barcode).join('\n'),
  favourite: d.article.favourite,
  tillPosition: d.article.tillPosition === null ? '' : String(d.article.tillPosition),
  tillColour: d.article.tillColour ?? '',
  weighed: d.article.weighed,
  scaleCode: d.article.scaleCode ?? '',
});

function inputOf(f: Form, active: boolean): ArticleInput {
  return {
    code: f.code,
    name: f.name,
    shortName: f.shortName,
    family: f.family,
    unit: f.unit,
    // The decimal comma is how the shop types it; the contract takes a point.
    price: f.price.trim().replace(',', '.'),
    priceIncludesVat: f.priceIncludesVat,
    taxCode: f.taxCode,
    exemptionCode: f.taxCode === 'ISE' ? f.exemptionCode || null : null,
    productType: f.productType,
    barcodes: f.barcodes.split(/[\s,;|]+/).filter(Boolean),
    favourite: f.favourite,
    tillPosition: f.favourite && f.tillPosition.trim() ? Number(f.tillPosition) : null,
    tillColour: f.favourite && f.tillColour ? (f.tillColour as (typeof TILL_COLOURS)[number]) : null,
    weighed: f.weighed,
    scaleCode: f.weighed ? f.scaleCode : null,
    active,
  };
}

/** First message per field, from the shared schema (the core runs the same one). */
function fieldErrors(input: ArticleInput): Record<string, string> {
  const r = ArticleInput.safeParse(input);
  const out: Record<string, string> = {};
  if (r.success) return out;
  for (const i of r.error.issues) {
    const k = String(i.path[0] ?? '');
    out[k] ??= i.message;
  }
  return out;
}

interface Props {
  /** null: a new article. */
  id: number | null;
  families: readonly string[];
  onSaved: (d: ArticleDetail) => void;
  onClose: () => void;
}

/** Gestão › Artigos: the article's form, inline above the list (Enter saves, Escape closes). */
export function ArticleEditor({ id, families, onSaved, onClose }: Props) {
  const client = useClient();
  const [detail, setDetail] = useState<ArticleDetail | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field: string; message: string } | null>(null);
  const [history, setHistory] = useState<PriceChange[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    if (id === null) return;
    void Promise.all([
      client.tryCall('catalog/detail', { id }),
      client.tryCall('catalog/price-history', { id }),
    ]).then(([d, h]) => {
      if (!alive) return;
      if (d.ok) {
        setDetail(d.value);
        setForm(formOf(d.value));
      }
      if (h.ok) setHistory(h.value);
    });
    return () => {
      alive = false;
    };
  }, [client, id]);

  const active = detail?.article.active ?? true;
  const input = useMemo(() => inputOf(form, active), [form, active]);
  const errors = useMemo(() => fieldErrors(input), [input]);
  const locked = detail?.usedOnDocuments ?? false;
  const set = <K extends keyof Form>(k: K, v: Form[K]): void => {
    setForm((f) => ({ ...f, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
    if (serverError?.field === k) setServerError(null);
  };
  const errorOf = (k: string): string | undefined =>
    (serverError?.field === k ? serverError.message : undefined) ??
    (submitted || touched[k] ? errors[k] : undefined);

  const save = async (): Promise<void> => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0 || busy) return;
    setBusy(true);
    const env = await client.tryCall('catalog/save', {
      ...(id !== null ? { id } : {}),
      article: input,
    });
    setBusy(false);
    if (!env.ok) {
      const field = (env.error.details as { field?: string } | undefined)?.field ?? '';
      setServerError({ field, message: env.error.message });
      return;
    }
    pushToast('success', t('articles.saved', { code: env.value.article.code }));
    onSaved(env.value);
  };

  const field = (k: keyof Form, label: MessageKey, control: ReactNode, grow = false): ReactNode => (
    <label className={`field${grow ? ' field--grow' : ''}`}>
      <span className="field-label">{t(label)}</span>
      {control}
      {errorOf(k) && (
        <span className="field-help field-help--error" role="alert" data-testid={`error-${k}`}>
          {errorOf(k)}
        </span>
      )}
    </label>
  );
  const text = (k: keyof Form, opts: { maxLength?: number; disabled?: boolean; mono?: boolean } = {}) => (
    <input
      className={`input input--text${opts.mono ? ' mono' : ''}${errorOf(k) ? ' input--invalid' : ''}`}
      value={String(form[k])}
      maxLength={opts.maxLength}
      disabled={opts.disabled}
      onChange={(e) => set(k, e.target.value as never)}
      name={k}
      data-no-wedge
    />
  );

  return (
    <form
      className="card article-editor"
      aria-label={id === null ? t('articles.create') : t('articles.edit', { code: form.code })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      data-no-wedge
    >
      <header className="card-head">
        <h3 className="card-title">
          {id === null ? t('articles.create') : t('articles.edit', { code: detail?.article.code ?? '' })}
        </h3>
        {detail && !detail.article.active && <span className="tag">{t('articles.inactive')}</span>}
      </header>
      {locked && <p className="muted">{t('articles.locked')}</p>}
      <div className="field-row">
        {field('code', 'article.code', text('code', { maxLength: 60, disabled: locked, mono: true }))}
        {field('name', 'article.name', text('name', { maxLength: 200, disabled: locked }), true)}
        {field('shortName', 'articles.shortName', text('shortName', { maxLength: 40 }))}
      </div>
      <div className="field-row">
        {field(
          'family',
          'article.family',
          <>
            <input
              className="input input--text"
              value={form.family}
              list="article-families"
              maxLength={50}
              name="family"
              onChange={(e) => set('family', e.target.value)}
              data-no-wedge
            />
            <datalist id="article-families">
              {families.map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          </>,
        )}
        {field(
          'unit',
          'articles.unit',
          <select
            className="input"
            name="unit"
            value={form.unit}
            onChange={(e) => set('unit', e.target.value as Unit)}
          >
            {(['UN', 'KG', 'L', 'M'] as const).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>,
        )}
        {field(
          'productType',
          'articles.productType',
          <select
            className="input"
            name="productType"
            value={form.productType}
            onChange={(e) => set('productType', e.target.value as 'P' | 'S')}
          >
            <option value="P">{t('articles.type.P')}</option>
            <option value="S">{t('articles.type.S')}</option>
          </select>,
        )}
      </div>
      <div className="field-row">
        {field(
          'price',
          form.priceIncludesVat ? 'articles.priceWithVat' : 'articles.priceWithoutVat',
          <input
            className={`input input--text num${errorOf('price') ? ' input--invalid' : ''}`}
            value={form.price}
            inputMode="decimal"
            name="price"
            onChange={(e) => set('price', e.target.value)}
            data-no-wedge
          />,
        )}
        {field(
          'priceIncludesVat',
          'articles.priceBasis',
          <select
            className="input"
            name="priceIncludesVat"
            value={form.priceIncludesVat ? 'with' : 'without'}
            onChange={(e) => set('priceIncludesVat', e.target.value === 'with')}
          >
            <option value="with">{t('articles.priceWithVat')}</option>
            <option value="without">{t('articles.priceWithoutVat')}</option>
          </select>,
        )}
        {field(
          'taxCode',
          'article.tax',
          <select
            className="input"
            name="taxCode"
            value={form.taxCode}
            onChange={(e) => set('taxCode', e.target.value as Form['taxCode'])}
          >
            {(['NOR', 'INT', 'RED', 'ISE'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`tax.${c}`)}
              </option>
            ))}
          </select>,
        )}
        {form.taxCode === 'ISE' &&
          field(
            'exemptionCode',
            'articles.exemption',
            <select
              className={`input${errorOf('exemptionCode') ? ' input--invalid' : ''}`}
              name="exemptionCode"
              value={form.exemptionCode}
              onChange={(e) => set('exemptionCode', e.target.value)}
            >
              <option value="">{t('articles.exemptionNone')}</option>
              {Object.entries(EXEMPTIONS).map(([code, e]) => (
                <option key={code} value={code}>
                  {code} — {e.mention}
                </option>
              ))}
            </select>,
            true,
          )}
      </div>
      {detail && (
        <p className="muted" data-testid="article-net">
          {t('articles.netInfo', {
            net: detail.netPrice.replace('.', ','),
            pct: detail.taxPct,
            region: detail.taxRegion,
          })}
        </p>
      )}
      <div className="field-row">
        {field(
          'barcodes',
          'articles.barcodes',
          <textarea
            className={`input input--text mono${errorOf('barcodes') ? ' input--invalid' : ''}`}
            rows={2}
            name="barcodes"
            value={form.barcodes}
            onChange={(e) => set('barcodes', e.target.value)}
            data-no-wedge
          />,
          true,
        )}
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              name="weighed"
              checked={form.weighed}
              onChange={(e) => set('weighed', e.target.checked)}
            />
            {t('articles.weighed')}
          </label>
          {form.weighed &&
            field('scaleCode', 'articles.scaleCode', text('scaleCode', { maxLength: 5, mono: true }))}
          {errorOf('weighed') && <span className="field-help field-help--error">{errorOf('weighed')}</span>}
        </div>
      </div>
      <div className="field-row">
        <label className="check">
          <input
            type="checkbox"
            name="favourite"
            checked={form.favourite}
            onChange={(e) => set('favourite', e.target.checked)}
          />
          {t('articles.favourite')}
        </label>
        {form.favourite &&
          field(
            'tillPosition',
            'articles.tillPosition',
            <input
              className={`input input--text num${errorOf('tillPosition') ? ' input--invalid' : ''}`}
              value={form.tillPosition}
              inputMode="numeric"
              name="tillPosition"
              maxLength={3}
              onChange={(e) => set('tillPosition', e.target.value.replace(/\D/g, ''))}
              data-no-wedge
            />,
          )}
        {form.favourite &&
          field(
            'tillColour',
            'articles.tillColour',
            <select
              className="input"
              name="tillColour"
              value={form.tillColour}
              onChange={(e) => set('tillColour', e.target.value)}
            >
              <option value="">{t('articles.colourNone')}</option>
              {TILL_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(`articles.colour.${c}`)}
                </option>
              ))}
            </select>,
          )}
      </div>
      {serverError && !serverError.field && (
        <p className="field-help field-help--error" role="alert" data-testid="article-error">
          {serverError.message}
        </p>
      )}
      {id !== null && (
        <details className="article-history">
          <summary>{t('articles.priceHistory')}</summary>
          {history.length === 0 ? (
            <p className="muted">{t('articles.noPriceChanges')}</p>
          ) : (
            <ul>
              {history.map((h) => (
                <li key={`${h.at}-${h.newPrice}`}>
                  {t('articles.priceChange', {
                    at: new Date(h.at).toLocaleString('pt-PT'),
                    who: h.operator ?? h.via,
                    old: formatEuro(h.oldPrice),
                    new: formatEuro(h.newPrice),
                  })}
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('articles.save')}
        </button>
      </div>
    </form>
  );
}
