import { useState } from 'react';
import type { SaleLineView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';
import { dec, fixed, formatEuro, formatQty } from '../../../shared/money';
import { MoneyEntry, parseMoney, toTyped } from '../app/MoneyEntry';
import { PercentEntry, parsePercent } from '../app/PercentEntry';

export type LineEditTab = 'discount' | 'price' | 'note';
export interface LineChanges {
  discountPct?: string;
  unitPrice?: string;
  note?: string;
}

interface Props {
  line: SaleLineView;
  initialTab?: LineEditTab;
  onSave: (changes: LineChanges) => void;
  onCancel: () => void;
}

const TABS: LineEditTab[] = ['discount', 'price', 'note'];
const typedPct = (v: string): string => (dec(v).isZero() ? '' : formatQty(dec(v)));

/**
 * Changes one line: discount %, price override, note. Only what changed is sent (sales/update-line); a price
 * override or a discount above the shop's limit comes back as MANAGER_APPROVAL_REQUIRED and the caller asks
 * for the manager's PIN.
 */
export function LineEditDialog({ line, initialTab = 'discount', onSave, onCancel }: Props) {
  const [tab, setTab] = useState<LineEditTab>(initialTab);
  const [pct, setPct] = useState(typedPct(line.discountPct));
  const [price, setPrice] = useState(toTyped(fixed(line.unitPrice, 2)));
  const [note, setNote] = useState(line.note ?? '');

  const pctValue = parsePercent(pct);
  const priceValue = parseMoney(price || '0');
  const valid = pctValue !== null && priceValue !== null;
  const changes: LineChanges = {};
  if (pctValue !== null && !dec(pctValue).eq(line.discountPct)) changes.discountPct = pctValue;
  if (priceValue !== null && !dec(priceValue).eq(line.unitPrice)) changes.unitPrice = priceValue;
  if (note.trim() !== (line.note ?? '')) changes.note = note.trim();

  const before = dec(line.quantity).times(priceValue ?? line.unitPrice);
  const after = before.times(
    dec(100)
      .minus(pctValue ?? 0)
      .div(100),
  );
  const save = (): void => {
    if (valid) onSave(changes);
  };

  return (
    <Dialog
      title={t('lineEdit.title')}
      heading={
        <>
          {t('lineEdit.title')}
          <span className="dialog-subtitle">{line.description}</span>
        </>
      }
      size="edit"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary btn--lg" disabled={!valid} onClick={save}>
            {t('lineEdit.apply')}
          </button>
        </>
      }
    >
      <div className="segmented" role="tablist" aria-label={t('lineEdit.title')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={`segmented-item${tab === k ? ' segmented-item--active' : ''}`}
            onClick={() => setTab(k)}
          >
            {t(`lineEdit.tab.${k}`)}
            {k === 'discount' && pctValue !== null && !dec(pctValue).isZero() && (
              <span className="badge">{formatQty(dec(pctValue))} %</span>
            )}
            {k === 'price' && changes.unitPrice !== undefined && <span className="badge">•</span>}
            {k === 'note' && note.trim() && <span className="badge">•</span>}
          </button>
        ))}
      </div>
      <div className="line-edit-body">
        {tab === 'discount' && (
          <PercentEntry value={pct} onChange={setPct} onEnter={save} testId="line-discount" />
        )}
        {tab === 'price' && (
          <div className="line-edit-price">
            <MoneyEntry
              label={t('lineEdit.unitPrice')}
              value={price}
              onChange={setPrice}
              onEnter={save}
              testId="line-price"
            />
            {line.catalogPrice !== null && (
              <div className="line-edit-catalog">
                <span className="muted">
                  {t('lineEdit.catalogPrice', { price: formatEuro(line.catalogPrice) })}
                </span>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={dec(line.catalogPrice).eq(priceValue ?? -1)}
                  onClick={() => setPrice(toTyped(fixed(line.catalogPrice ?? '0', 2)))}
                >
                  {t('lineEdit.resetPrice')}
                </button>
              </div>
            )}
          </div>
        )}
        {tab === 'note' && (
          <form
            className="line-edit-note"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <label className="field">
              <span className="field-label">{t('lineEdit.note')}</span>
              <input
                className="input input--lg input--text"
                value={note}
                maxLength={200}
                autoFocus
                placeholder={t('lineEdit.notePlaceholder')}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
            <p className="muted small">{t('lineEdit.noteHint')}</p>
            {note && (
              <button type="button" className="btn btn--small" onClick={() => setNote('')}>
                {t('lineEdit.clearNote')}
              </button>
            )}
          </form>
        )}
      </div>
      <div className="line-edit-summary" data-testid="line-edit-preview">
        <span>
          {formatQty(line.quantity)} × {formatEuro(priceValue ?? line.unitPrice)}
          {pctValue !== null && !dec(pctValue).isZero() && ` − ${formatQty(dec(pctValue))} %`}
        </span>
        <strong>{formatEuro(fixed(after, 2))}</strong>
      </div>
      <p className="muted small">{t('lineEdit.approvalHint')}</p>
    </Dialog>
  );
}
