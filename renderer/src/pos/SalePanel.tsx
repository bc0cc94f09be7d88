import { memo, useEffect, useRef } from 'react';
import type { SaleLineView, SaleView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { dec, formatEuro, formatQty } from '../../../shared/money';
import { fitChars } from '../app/fit-text';

export type LineAction = 'minus' | 'plus' | 'quantity' | 'void' | 'edit';

interface Props {
  sale: SaleView | null;
  selected: number | null;
  onSelect: (lineId: number) => void;
  onLine: (action: LineAction, lineId: number) => void;
  onCustomer: () => void;
  onDocType: () => void;
  onSuspend: () => void;
  onRecall: () => void;
  onVoid: () => void;
  onPay: () => void;
  onDiscount: () => void;
  suspendedCount: number;
}

/** Right side of the selling screen: the sale kept by the core, its customer, document type and total. */
export function SalePanel(p: Props) {
  const { sale, selected } = p;
  const listRef = useRef<HTMLOListElement>(null);
  const lines = sale?.lines ?? [];
  const live = lines.filter((l) => !l.voided);
  const line = live.find((l) => l.id === selected) ?? null;
  const empty = live.length === 0;

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, lines.length]);

  return (
    <section className="cart" aria-label={t('pos.cart')}>
      <header className="cart-head">
        <h2>{t('pos.cart')}</h2>
        <span className="cart-count">{t('pos.itemCount', { n: sale?.totals.articleCount ?? 0 })}</span>
        <div className="cart-head-actions">
          <button type="button" className="btn btn--small" disabled={empty} onClick={p.onSuspend}>
            {t('sale.suspend')}
          </button>
          <button
            type="button"
            className="btn btn--small"
            onClick={p.onRecall}
            disabled={p.suspendedCount === 0}
          >
            {t('sale.recall')}
            {p.suspendedCount > 0 && <span className="badge">{p.suspendedCount}</span>}
          </button>
        </div>
      </header>
      <div className="sale-meta">
        <button type="button" className="sale-meta-item" onClick={p.onCustomer} data-testid="customer">
          <span className="sale-meta-label">{t('sale.customer')}</span>
          <span className="sale-meta-value">
            {sale?.customer ? `${sale.customer.name} · ${sale.customer.nif}` : t('sale.finalConsumer')}
          </span>
        </button>
        <button
          type="button"
          className={`sale-meta-item${sale && !sale.decision.ready ? ' sale-meta-item--blocked' : ''}`}
          onClick={p.onDocType}
          disabled={!sale}
          data-testid="doc-type"
        >
          <span className="sale-meta-label">{t('sale.document')}</span>
          <span className="sale-meta-value">
            <span className="doc-chip">{sale?.decision.type ?? 'FS'}</span>
            {t(`doctype.${sale?.decision.type ?? 'FS'}`)}
          </span>
          {sale && (
            <span className="sale-meta-reason">{sale.decision.blockedReason ?? sale.decision.reason}</span>
          )}
        </button>
      </div>
      {empty ? (
        <div className="cart-empty">
          <div className="cart-empty-icon" aria-hidden="true">
            ▥
          </div>
          <p>{t('pos.emptyCart')}</p>
        </div>
      ) : (
        <ol className="cart-lines" ref={listRef} role="listbox" aria-label={t('pos.lines')}>
          {lines.map((l) => (
            <CartLine
              key={l.id}
              line={l}
              selected={l.id === selected}
              onSelect={p.onSelect}
              onLine={p.onLine}
            />
          ))}
        </ol>
      )}
      <div className="cart-line-actions cart-line-actions--5" aria-label={t('pos.lineActions')}>
        <button
          type="button"
          className="btn btn--square"
          aria-label={t('pos.minusOne')}
          disabled={!line || dec(line.quantity).lte(1) || line.unit !== 'UN'}
          onClick={() => line && p.onLine('minus', line.id)}
        >
          −
        </button>
        <button
          type="button"
          className="btn btn--square"
          aria-label={t('pos.plusOne')}
          disabled={!line || line.unit !== 'UN'}
          onClick={() => line && p.onLine('plus', line.id)}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!line}
          onClick={() => line && p.onLine('quantity', line.id)}
        >
          {t('pos.quantity')}
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!line}
          title={t('lineEdit.title')}
          onClick={() => line && p.onLine('edit', line.id)}
          data-testid="line-edit"
        >
          {t('lineEdit.button')}
        </button>
        <button
          type="button"
          className="btn btn--danger-ghost"
          disabled={!line}
          onClick={() => line && p.onLine('void', line.id)}
        >
          {t('sale.voidLine')}
        </button>
      </div>
      <div className="cart-total" data-testid="cart-total">
        <div className="cart-total-label">
          <span>{t('pos.total')}</span>
          <button
            type="button"
            className={`cart-discount-btn${sale && !dec(sale.globalDiscountPct).isZero() ? ' cart-discount-btn--on' : ''}`}
            disabled={empty}
            onClick={p.onDiscount}
            data-testid="global-discount-btn"
          >
            {sale && !dec(sale.globalDiscountPct).isZero()
              ? t('discount.globalActive', { pct: formatQty(sale.globalDiscountPct) })
              : t('discount.global')}
          </button>
        </div>
        <div className="cart-total-amounts">
          {sale && !dec(sale.totals.discount).isZero() && (
            <small>{t('sale.discountTotal', { amount: formatEuro(sale.totals.discount) })}</small>
          )}
          <strong style={fitChars(formatEuro(sale?.totals.gross ?? '0'))}>
            {formatEuro(sale?.totals.gross ?? '0')}
          </strong>
        </div>
      </div>
      <div className="cart-actions">
        <button type="button" className="btn btn--ghost btn--lg" disabled={empty} onClick={p.onVoid}>
          {t('pos.voidSale')}
        </button>
        <button type="button" className="btn btn--pay btn--xl" disabled={empty} onClick={p.onPay}>
          {sale?.decision.type === 'FT' ? t('invoiceLater.payButton') : t('pos.pay')}
        </button>
      </div>
    </section>
  );
}

interface CartLineProps {
  line: SaleLineView;
  selected: boolean;
  onSelect: (lineId: number) => void;
  onLine: (action: LineAction, lineId: number) => void;
}

/**
 * One line of the sale. A memo: every scan's answer is the whole sale again (new objects), and rendering every
 * line again held the new one back (pos.scan_to_line).
 */
const CartLine = memo(
  function CartLine({ line: l, selected, onSelect, onLine }: CartLineProps) {
    return (
      <li
        role="option"
        aria-selected={selected}
        aria-disabled={l.voided}
        className={`cart-line${selected ? ' cart-line--selected' : ''}${l.voided ? ' cart-line--voided' : ''}`}
        onClick={() => !l.voided && onSelect(l.id)}
        onDoubleClick={() => !l.voided && onLine('edit', l.id)}
        data-testid={l.voided ? 'cart-line-voided' : 'cart-line'}
      >
        <span className="cart-line-name">{l.description}</span>
        <span className="cart-line-total">{formatEuro(l.gross)}</span>
        <span className="cart-line-detail">
          {formatQty(l.quantity)}
          {l.unit !== 'UN' ? ` ${t(`unit.${l.unit}`)}` : ''} × {formatEuro(l.unitPrice)}
          {l.priceOverridden && <span className="tag">{t('sale.priceChanged')}</span>}
          {!dec(l.discountPct).isZero() && (
            <span className="tag">{t('sale.lineDiscount', { pct: formatQty(l.discountPct) })}</span>
          )}
          {l.voided && <span className="tag tag--void">{t('sale.voided')}</span>}
        </span>
        {l.note && (
          <span className="cart-line-note" data-testid="line-note">
            {l.note}
          </span>
        )}
      </li>
    );
  },
  (a, b) =>
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    a.onLine === b.onLine &&
    // The line as the core sent it, compared whole: whatever field the line shows, a change renders it.
    JSON.stringify(a.line) === JSON.stringify(b.line),
);
