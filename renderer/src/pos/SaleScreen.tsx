import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import type { CompletedSale, SaleLineView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { dec } from '../../../shared/money';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useClient } from '../app/context';
import { clearStaleToasts, pushToast } from '../app/toasts';
import { AfterSale } from './AfterSale';
import { CatalogPane, type ScanFeedback } from './CatalogPane';
import { CustomerDialog } from './CustomerDialog';
import { DocTypeDialog } from './DocTypeDialog';
import { GlobalDiscountDialog } from './GlobalDiscountDialog';
import { InvoiceLaterDialog } from './InvoiceLaterDialog';
import { LineEditDialog } from './LineEditDialog';
import { PaymentPanel } from './PaymentPanel';
import { QuantityDialog } from './QuantityDialog';
import { SalePanel, type LineAction } from './SalePanel';
import { SuspendDialog, SuspendedDialog } from './SuspendedDialog';
import { useSale } from './use-sale';
import { useBarcodeWedge } from './use-barcode-wedge';

type Dialog =
  | { kind: 'weigh'; article: Article }
  | { kind: 'quantity'; line: SaleLineView }
  | { kind: 'edit'; line: SaleLineView }
  | { kind: 'customer' | 'doctype' | 'suspend' | 'recall' | 'void' | 'discount' | 'invoice-later' }
  | null;

/** The cashier's screen with the sale kept by the core (sales/*): sell → pay → after-sale → next. */
export function SaleScreen() {
  const client = useClient();
  const { sale, run, set, reload, whenIdle } = useSale();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [paying, setPaying] = useState(false);
  // The payment screen and the sale screen are two screens: a toast of one does not follow onto the other.
  useEffect(() => clearStaleToasts(), [paying]);
  const [completed, setCompleted] = useState<CompletedSale | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [lastScan, setLastScan] = useState<ScanFeedback | null>(null);
  const [suspended, setSuspended] = useState(0);
  // Sales completed on this screen: the kept selling screen reads its favourites and stock again after each.
  const [completedSales, setCompletedSales] = useState(0);

  const refreshSuspended = useCallback(async () => {
    const env = await client.tryCall('sales/list-suspended', {});
    if (env.ok) setSuspended(env.value.length);
  }, [client]);
  useEffect(() => {
    let alive = true;
    void client.tryCall('sales/list-suspended', {}).then((env) => {
      if (alive && env.ok) setSuspended(env.value.length);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  // A sale left in payment (reload, crash) reopens on the payment screen.
  const inPayment = paying || sale?.status === 'paying' || sale?.status === 'paid';
  const lines = sale?.lines.filter((l) => !l.voided) ?? [];
  // The line just added (scan, tap) becomes the selected one.
  const lastLineId = lines.at(-1)?.id ?? null;
  const [seenLast, setSeenLast] = useState(lastLineId);
  if (seenLast !== lastLineId) {
    setSeenLast(lastLineId);
    setSelected(lastLineId);
  }

  const leaveAfterSale = useCallback(() => {
    setCompleted(null);
    setPaying(false);
    setSelected(null);
  }, []);
  const startNext = useCallback(() => {
    leaveAfterSale();
    void reload();
  }, [leaveAfterSale, reload]);

  // Read by the scan when it starts (not a dependency: the catalogue side keeps one scan callback).
  const completedRef = useRef(completed);
  const linesRef = useRef(lines);
  useLayoutEffect(() => {
    completedRef.current = completed;
    linesRef.current = lines;
  });
  const scan = useCallback(
    async (code: string) => {
      // Scanning on the after-sale screen starts the next sale: the scan's answer is that sale, so fetching
      // the (empty) current sale first would only hold the line back by a round-trip (pos.scan_to_line). The
      // after-sale screen gives way when the answer is there: the line and the selling screen in one render
      // and one frame, and the answer does not wait behind a frame that only showed the empty screen.
      const leaving = completedRef.current !== null;
      const ok = await run('sales/scan', { barcode: code });
      if (leaving) leaveAfterSale();
      setLastScan({ code, ok });
    },
    [run, leaveAfterSale],
  );

  const pick = useCallback(
    (a: Article): void => {
      if (a.unit === 'UN') void run('sales/add-line', { articleId: a.id });
      else setDialog({ kind: 'weigh', article: a });
    },
    [run],
  );
  // Stable, so the catalogue side (a memo: its tiles) is not rendered again for every line the core answers.
  const onScan = useCallback((code: string) => void scan(code), [scan]);

  // Stable (the lines are a memo each, SalePanel): reads the lines on screen when a line's button is used.
  const onLine = useCallback(
    (action: LineAction, lineId: number): void => {
      const line = linesRef.current.find((l) => l.id === lineId);
      if (!line) return;
      if (action === 'plus' || action === 'minus') {
        const q = dec(line.quantity).plus(action === 'plus' ? 1 : -1);
        if (q.gt(0)) void run('sales/set-quantity', { lineId, quantity: q.toString() });
      } else if (action === 'void') void run('sales/void-line', { lineId });
      else setDialog({ kind: action, line });
    },
    [run],
  );

  const onCompleted = useCallback(
    (c: CompletedSale) => {
      // The sale is done: an error from the way there (a refused scan, a NIF) is no longer true.
      clearStaleToasts();
      setCompleted(c);
      setCompletedSales((n) => n + 1);
      setDialog(null);
      setPaying(false);
      set(null);
    },
    [set],
  );

  const paymentScreen = !completed && sale && inPayment ? sale : null;
  // The selling screen stays mounted and laid out, invisible, under the payment and after-sale screens (one grid
  // cell, pos.css): the next customer's first scan then only adds its line and shows the screen, instead of
  // waiting on the main thread while the whole screen is built and laid out again (7-17 ms measured, on the
  // first scan after every sale: pos.scan_after_sale).
  const sellingHidden = completed !== null || paymentScreen !== null;

  return (
    <div className="pos-screens">
      {completed && (
        <div className="pos pos--after">
          <AfterSale completed={completed} onNext={startNext} />
          <WedgeToNextSale onScan={onScan} />
        </div>
      )}
      {paymentScreen && (
        <div className="pos pos--paying">
          <PaymentPanel
            sale={paymentScreen}
            onSale={set}
            onCompleted={onCompleted}
            onBack={() => setPaying(false)}
            onVoided={() => {
              setPaying(false);
              set(null);
            }}
          />
        </div>
      )}
      <div className="pos" data-covered={sellingHidden || undefined} aria-hidden={sellingHidden || undefined}>
        <CatalogPane
          onPick={pick}
          onScan={onScan}
          wedgeEnabled={dialog === null && !sellingHidden}
          lastScan={lastScan}
          generation={completedSales}
        />
        <SalePanel
          sale={sale ?? null}
          selected={selected}
          onSelect={setSelected}
          onLine={onLine}
          onCustomer={() => setDialog({ kind: 'customer' })}
          onDocType={() => setDialog({ kind: 'doctype' })}
          onSuspend={() => setDialog({ kind: 'suspend' })}
          onRecall={() => setDialog({ kind: 'recall' })}
          onVoid={() => setDialog({ kind: 'void' })}
          onPay={() => {
            // A scan whose Enter came just before this tap must be in the sale that is paid.
            void whenIdle().then((current) => {
              if (!current) return;
              if (!current.decision.ready) {
                pushToast('warning', current.decision.blockedReason ?? t('sale.notReady'));
                setDialog({ kind: 'doctype' });
              } else if (current.decision.type === 'FT') {
                // An FT is not paid now (issue 11 item 2): issued at once, with or without an MB reference.
                setDialog({ kind: 'invoice-later' });
              } else setPaying(true);
            });
          }}
          onDiscount={() => setDialog({ kind: 'discount' })}
          suspendedCount={suspended}
        />
        {dialog?.kind === 'weigh' && (
          <QuantityDialog
            title={t('pos.weighTitle', { name: dialog.article.name })}
            unitLabel={t(`unit.${dialog.article.unit}`)}
            decimals={3}
            unitPrice={dialog.article.price}
            onCancel={() => setDialog(null)}
            onConfirm={(quantity) => {
              setDialog(null);
              void run('sales/add-line', { articleId: dialog.article.id, quantity });
            }}
          />
        )}
        {dialog?.kind === 'quantity' && (
          <QuantityDialog
            title={t('pos.quantityTitle', { name: dialog.line.description })}
            unitLabel={t(`unit.${dialog.line.unit}`)}
            decimals={dialog.line.unit === 'UN' ? 0 : 3}
            initial={dialog.line.quantity}
            unitPrice={dialog.line.unitPrice}
            onCancel={() => setDialog(null)}
            onConfirm={(quantity) => {
              setDialog(null);
              void run('sales/set-quantity', { lineId: dialog.line.id, quantity });
            }}
          />
        )}
        {dialog?.kind === 'edit' && (
          <LineEditDialog
            line={dialog.line}
            onCancel={() => setDialog(null)}
            onSave={(changes) => {
              setDialog(null);
              if (Object.keys(changes).length > 0)
                void run('sales/update-line', { lineId: dialog.line.id, ...changes });
            }}
          />
        )}
        {dialog?.kind === 'discount' && sale && (
          <GlobalDiscountDialog
            sale={sale}
            onCancel={() => setDialog(null)}
            onSave={(pct) => {
              setDialog(null);
              void run('sales/set-discount', { pct });
            }}
          />
        )}
        {dialog?.kind === 'customer' && (
          <CustomerDialog
            current={sale?.customer ?? null}
            onCancel={() => setDialog(null)}
            onFinalConsumer={() => {
              setDialog(null);
              void run('sales/set-customer', { customer: null });
            }}
            onSave={(customer) => {
              setDialog(null);
              void run('sales/set-customer', { customer });
            }}
          />
        )}
        {dialog?.kind === 'doctype' && sale && (
          <DocTypeDialog
            decision={sale.decision}
            orderReference={sale.orderReference}
            onOrderReference={(orderReference) => void run('sales/set-order-reference', { orderReference })}
            onCancel={() => setDialog(null)}
            onChoose={(type) => {
              setDialog(null);
              void run('sales/set-document-type', { type });
            }}
          />
        )}
        {dialog?.kind === 'invoice-later' && sale && (
          <InvoiceLaterDialog
            sale={sale}
            onCancel={() => setDialog(null)}
            onIssued={(r) => {
              setDialog(null);
              if (r.completed) onCompleted(r.completed);
              else set(r.sale);
            }}
          />
        )}
        {dialog?.kind === 'suspend' && (
          <SuspendDialog
            onCancel={() => setDialog(null)}
            onSuspend={(label) => {
              setDialog(null);
              void client.call('sales/suspend', label ? { label } : {}).then(
                () => {
                  pushToast('info', t('sale.suspended'));
                  set(null);
                  void refreshSuspended();
                },
                () => undefined,
              );
            }}
          />
        )}
        {dialog?.kind === 'recall' && (
          <SuspendedDialog
            onCancel={() => setDialog(null)}
            onRecall={(saleId) => {
              setDialog(null);
              void run('sales/recall', { saleId }).then(() => refreshSuspended());
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
              setDialog(null);
              void client.call('sales/abandon', {}).then(
                () => set(null),
                () => undefined,
              );
            }}
          />
        )}
      </div>
    </div>
  );
}

/** On the after-sale screen, scanning the next article starts the next sale. */
function WedgeToNextSale({ onScan }: { onScan: (code: string) => void }) {
  useBarcodeWedge(onScan, true);
  return null;
}
