import { useCallback, useReducer, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useClient } from '../app/context';
import { CartPanel } from './CartPanel';
import { CatalogPane, type ScanFeedback } from './CatalogPane';
import { QuantityDialog } from './QuantityDialog';
import { cartReducer, emptyCart } from './cart';

type Dialog =
  { kind: 'weigh'; article: Article } | { kind: 'quantity'; key: string } | { kind: 'void' } | null;

/**
 * Selling on a local cart: used only while the terminal's core has no sales module (checkout needs it).
 * With the sales module, SaleScreen keeps the sale in the core instead.
 */
export function LocalPosScreen() {
  const client = useClient();
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastScan, setLastScan] = useState<ScanFeedback | null>(null);

  const scan = useCallback(
    async (code: string) => {
      try {
        const hit = await client.call('catalog/by-barcode', { barcode: code });
        dispatch({ type: 'add', article: hit.article, label: { quantity: hit.quantity, price: hit.price } });
        setLastScan({ code, ok: true });
      } catch {
        // The client already showed the core's message (e.g. "Código de barras … não existe no catálogo.").
        setLastScan({ code, ok: false });
      }
    },
    [client],
  );

  const pick = (a: Article): void => {
    if (a.unit === 'UN') dispatch({ type: 'add', article: a });
    else setDialog({ kind: 'weigh', article: a });
  };

  const editing = dialog?.kind === 'quantity' ? cart.lines.find((l) => l.key === dialog.key) : undefined;

  return (
    <div className="pos">
      <CatalogPane
        onPick={pick}
        onScan={(c) => void scan(c)}
        wedgeEnabled={dialog === null}
        lastScan={lastScan}
      />
      <CartPanel
        cart={cart}
        dispatch={dispatch}
        onEditQuantity={(key) => setDialog({ kind: 'quantity', key })}
        onVoid={() => setDialog({ kind: 'void' })}
      />
      {dialog?.kind === 'weigh' && (
        <QuantityDialog
          title={t('pos.weighTitle', { name: dialog.article.name })}
          unitLabel={t(`unit.${dialog.article.unit}`)}
          decimals={3}
          unitPrice={dialog.article.price}
          onCancel={() => setDialog(null)}
          onConfirm={(quantity) => {
            dispatch({ type: 'add', article: dialog.article, quantity });
            setDialog(null);
          }}
        />
      )}
      {editing && (
        <QuantityDialog
          title={t('pos.quantityTitle', { name: editing.article.name })}
          unitLabel={t(`unit.${editing.article.unit}`)}
          decimals={editing.article.unit === 'UN' ? 0 : 3}
          initial={editing.quantity}
          unitPrice={editing.unitPrice}
          onCancel={() => setDialog(null)}
          onConfirm={(quantity) => {
            dispatch({ type: 'set-quantity', key: editing.key, quantity });
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'void' && (
        <ConfirmDialog
          title={t('pos.voidSale')}
          message={t('pos.voidConfirm')}
          confirmLabel={t('pos.voidSale')}
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            dispatch({ type: 'clear' });
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
