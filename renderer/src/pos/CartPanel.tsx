import { useEffect, useRef } from 'react';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';
import { cartTotal, itemCount, lineTotal, type Cart, type CartAction } from './cart';

interface Props {
  cart: Cart;
  dispatch: (a: CartAction) => void;
  onEditQuantity: (key: string) => void;
  onVoid: () => void;
  onPay?: () => void;
}

export function CartPanel({ cart, dispatch, onEditQuantity, onVoid, onPay }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const selected = cart.lines.find((l) => l.key === cart.selected) ?? null;
  const total = cartTotal(cart.lines);

  // Keep the line just scanned or selected in view.
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [cart.selected, cart.lines.length]);

  return (
    <section className="cart" aria-label={t('pos.cart')}>
      <header className="cart-head">
        <h2>{t('pos.cart')}</h2>
        <span className="cart-count">{t('pos.itemCount', { n: itemCount(cart.lines) })}</span>
      </header>
      {cart.lines.length === 0 ? (
        <div className="cart-empty">
          <div className="cart-empty-icon" aria-hidden="true">
            ▥
          </div>
          <p>{t('pos.emptyCart')}</p>
        </div>
      ) : (
        <ol className="cart-lines" ref={listRef} role="listbox" aria-label={t('pos.lines')}>
          {cart.lines.map((l) => (
            <li
              key={l.key}
              role="option"
              aria-selected={l.key === cart.selected}
              className={`cart-line${l.key === cart.selected ? ' cart-line--selected' : ''}`}
              onClick={() => dispatch({ type: 'select', key: l.key })}
              data-testid="cart-line"
            >
              <span className="cart-line-name">{l.article.name}</span>
              <span className="cart-line-total">{formatEuro(lineTotal(l))}</span>
              <span className="cart-line-detail">
                {formatQty(l.quantity)}
                {l.article.unit !== 'UN' ? ` ${t(`unit.${l.article.unit}`)}` : ''} × {formatEuro(l.unitPrice)}
                {l.fromLabel && <span className="tag">{t('pos.fromLabel')}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="cart-line-actions" aria-label={t('pos.lineActions')}>
        <button
          type="button"
          className="btn btn--square"
          aria-label={t('pos.minusOne')}
          disabled={!selected || selected.fromLabel}
          onClick={() => selected && dispatch({ type: 'step', key: selected.key, delta: -1 })}
        >
          −
        </button>
        <button
          type="button"
          className="btn btn--square"
          aria-label={t('pos.plusOne')}
          disabled={!selected || selected.fromLabel || selected.article.unit !== 'UN'}
          onClick={() => selected && dispatch({ type: 'step', key: selected.key, delta: 1 })}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!selected || selected.fromLabel}
          onClick={() => selected && onEditQuantity(selected.key)}
        >
          {t('pos.quantity')}
        </button>
        <button
          type="button"
          className="btn btn--danger-ghost"
          disabled={!selected}
          onClick={() => selected && dispatch({ type: 'remove', key: selected.key })}
        >
          {t('pos.removeLine')}
        </button>
      </div>
      <div className="cart-total" data-testid="cart-total">
        <span>{t('pos.total')}</span>
        <strong>{formatEuro(total)}</strong>
      </div>
      <div className="cart-actions">
        <button
          type="button"
          className="btn btn--ghost btn--lg"
          disabled={cart.lines.length === 0}
          onClick={onVoid}
        >
          {t('pos.voidSale')}
        </button>
        <button
          type="button"
          className="btn btn--pay btn--xl"
          disabled={cart.lines.length === 0 || !onPay}
          onClick={onPay}
          title={onPay ? undefined : t('pos.payUnavailable')}
        >
          {t('pos.pay')}
        </button>
      </div>
    </section>
  );
}
