import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import type { Output } from '../../../../shared/api';
import {
  AtDocCode,
  GuideDraft,
  type GuideInvoiceLines,
  type GuideSummary,
} from '../../../../shared/api/guides';
import { Id } from '../../../../shared/api/common';
import { t } from '../../../../shared/i18n';
import { formatQty } from '../../../../shared/money';
import { useClient, useStore } from '../../app/context';
import { sessionStore } from '../../app/session';
import { Dialog } from '../../app/Dialog';
import { formatDateTime } from '../../app/use-now';
import { DataTable, Field, FieldRow, inputClass, useZodForm, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { InvoiceForm } from '../../invoicing/InvoiceForm';
import { SearchPicker } from '../ArticlePicker';

type Warehouse = Output<'stock/warehouses'>['warehouses'][number];
/** An article of the origin warehouse's stock, as the guide's picker lists it. */
interface AtHand {
  id: number;
  code: string;
  name: string;
  quantity: string;
  unit: string;
}
interface Line {
  articleId: number;
  label: string;
  quantity: string;
}

const AtCodeInput = z.object({ id: Id, code: AtDocCode }).strict();

/**
 * Gestão › Transferências/Guias (issue 13 item 9): the GT/GR list (guides/list) with its AT code, a new GT of own
 * goods between two warehouses (guides/issue: signed, and the stock moves with it), and the AT code typed after
 * communicating the guide on the AT portal (guides/set-at-code).
 */
export function GuidesPanel() {
  const client = useClient();
  const [rows, setRows] = useState<GuideSummary[] | null>(null);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [creating, setCreating] = useState(false);
  const [coding, setCoding] = useState<GuideSummary | null>(null);
  const [invoicing, setInvoicing] = useState<GuideSummary | null>(null);
  // Invoicing is the gerente's (guides/invoice-lines, invoicing/issue-invoice): the contabilista only reads.
  const session = useStore(sessionStore);
  const canInvoice = session.status === 'active' && session.session.operator.role === 'gerente';
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void client.tryCall('guides/list', {}).then((env) => setRows(env.ok ? env.value : []));
    void client.tryCall('stock/warehouses', {}).then((env) => env.ok && setWarehouses(env.value.warehouses));
  }, [client, reload]);
  const code = (id: number | null): string => warehouses.find((w) => w.id === id)?.code ?? '';

  const columns: Column<GuideSummary>[] = [
    {
      id: 'doc',
      header: t('guidesUi.number'),
      cell: (g) => <span className="mono">{g.docNo}</span>,
      value: (g) => g.docNo,
    },
    {
      id: 'start',
      header: t('guidesUi.start'),
      cell: (g) => formatDateTime(g.startTime),
      value: (g) => g.startTime,
    },
    {
      id: 'to',
      header: t('guidesUi.destination'),
      cell: (g) =>
        g.ownGoods ? `${code(g.fromWarehouseId ?? 1)} → ${code(g.toWarehouseId)}` : g.customerName,
      value: (g) =>
        g.ownGoods ? `${code(g.fromWarehouseId ?? 1)} → ${code(g.toWarehouseId)}` : g.customerName,
    },
    {
      id: 'at',
      header: t('guidesUi.atCode'),
      cell: (g) => g.atCode ?? t('guidesUi.atPending'),
      value: (g) => g.atCode ?? '',
    },
    {
      id: 'status',
      header: t('guidesUi.status'),
      cell: (g) =>
        g.status === 'A'
          ? t('guidesUi.cancelled')
          : g.status === 'F'
            ? t('guideInvoiceUi.invoiced', { invoice: g.invoice ?? '' })
            : t('guidesUi.normal'),
      value: (g) => (g.status === 'F' ? `F ${g.invoice ?? ''}` : g.status),
    },
    {
      id: 'invoice',
      header: '',
      // Issue 13 item 7: a guide delivered to a customer, not cancelled nor invoiced yet, is invoiced later.
      cell: (g) =>
        canInvoice && invoiceable(g) ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={(e) => {
              e.stopPropagation();
              setInvoicing(g);
            }}
            data-testid="guide-invoice"
          >
            {t('guideInvoiceUi.invoice')}
          </button>
        ) : null,
      value: () => '',
    },
  ];

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('guidesUi.title')}</h3>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => setCreating(true)}
          data-testid="guide-new"
        >
          {t('guidesUi.new')}
        </button>
      </header>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(g) => g.id}
        filterable
        pageSize={50}
        onRowClick={(g) => g.status !== 'A' && setCoding(g)}
        emptyText={t('guidesUi.none')}
        csvName="guias"
        testId="guides-list"
        rowTestId="guide-row"
      />
      {creating && (
        <NewTransfer
          warehouses={warehouses}
          onClose={() => setCreating(false)}
          onIssued={() => {
            setCreating(false);
            setReload((n) => n + 1);
          }}
        />
      )}
      {invoicing && rows && (
        <InvoiceGuidesDialog
          guide={invoicing}
          others={rows.filter(
            (g) => invoiceable(g) && g.customerId === invoicing.customerId && g.id !== invoicing.id,
          )}
          onClose={() => setInvoicing(null)}
          onIssued={() => {
            setInvoicing(null);
            setReload((n) => n + 1);
          }}
        />
      )}
      {coding && (
        <AtCodeDialog
          guide={coding}
          onClose={() => setCoding(null)}
          onSaved={() => {
            setCoding(null);
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

const invoiceable = (g: GuideSummary): boolean => g.status === 'N' && !g.ownGoods;

/**
 * "Faturar guia": the FT form (InvoiceForm) prefilled by the core with every line of the guide and its customer
 * (guides/invoice-lines); other uninvoiced guides of that customer may join the same FT. The core issues it and
 * checks it all again in the signing transaction (fiscal/guide-invoicing.ts).
 */
function InvoiceGuidesDialog(p: {
  guide: GuideSummary;
  others: GuideSummary[];
  onClose: () => void;
  onIssued: () => void;
}) {
  const client = useClient();
  const [ids, setIds] = useState<number[]>([p.guide.id]);
  // Keyed by the guides it was asked for: a change of the selection shows nothing until its answer.
  const key = ids.join(',');
  const [prefill, setPrefill] = useState<{ key: string; lines: GuideInvoiceLines } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.tryCall('guides/invoice-lines', { ids: key.split(',').map(Number) }).then((env) => {
      if (env.ok) {
        setPrefill({ key, lines: env.value });
        setError(null);
      } else setError(env.error.message);
    });
  }, [client, key]);
  const all = [p.guide, ...p.others];
  const docNos = all.filter((g) => ids.includes(g.id)).map((g) => g.docNo);
  return (
    <Dialog
      title={t('guideInvoiceUi.title', { docNos: docNos.join(', ') })}
      onClose={p.onClose}
      size="wide"
      testId="guide-invoice-dialog"
      actions={
        <button type="button" className="btn" onClick={p.onClose}>
          {t('guideInvoiceUi.close')}
        </button>
      }
    >
      <p className="muted small">{t('guideInvoiceUi.hint')}</p>
      {p.others.length > 0 && (
        <fieldset className="plain-list" data-testid="guide-invoice-join">
          <legend>{t('guideInvoiceUi.join', { customer: p.guide.customerName })}</legend>
          {p.others.map((g) => (
            <label key={g.id} className="check">
              <input
                type="checkbox"
                checked={ids.includes(g.id)}
                onChange={(e) =>
                  setIds((xs) => (e.target.checked ? [...xs, g.id] : xs.filter((x) => x !== g.id)))
                }
              />{' '}
              <span className="mono">{g.docNo}</span>
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {prefill?.key === key && (
        <InvoiceForm
          key={key}
          fromGuides={prefill.lines}
          onIssued={(r) => {
            pushToast('success', t('guideInvoiceUi.issued', { docNo: r.docNo }));
            p.onIssued();
          }}
        />
      )}
    </Dialog>
  );
}

function NewTransfer(p: { warehouses: Warehouse[]; onClose: () => void; onIssued: () => void }) {
  const client = useClient();
  const active = p.warehouses.filter((w) => w.active);
  const [lines, setLines] = useState<Line[]>([]);
  const [pickedIn, setPickedIn] = useState<{ from: string; article: AtHand } | null>(null);
  const [quantity, setQuantity] = useState('');
  const form = useZodForm({
    schema: GuideDraft,
    idPrefix: 'gt',
    initial: {
      fromWarehouseId: String(active[0]?.id ?? ''),
      toWarehouseId: String(active[1]?.id ?? ''),
      vehicle: '',
      startTime: '',
    },
    toInput: (v) => ({
      type: 'GT',
      ownGoods: true,
      fromWarehouseId: Number(v.fromWarehouseId),
      toWarehouseId: Number(v.toWarehouseId),
      lines: lines.map((l) => ({ articleId: l.articleId, quantity: l.quantity })),
      ...(v.vehicle.trim() ? { vehicle: v.vehicle } : {}),
      ...(v.startTime ? { startTime: v.startTime.length === 16 ? `${v.startTime}:00` : v.startTime } : {}),
    }),
  });
  const from = form.values.fromWarehouseId;
  // The origin warehouse's stock, searched a page at a time (stock/levels-page), not every line of it loaded.
  const search = useCallback(
    (query: string, limit: number): Promise<AtHand[]> =>
      from
        ? client
            .tryCall('stock/levels-page', { warehouseId: Number(from), query, limit, sort: 'code' })
            .then((env) =>
              env.ok
                ? env.value.rows.map((r) => ({
                    id: r.articleId,
                    code: r.code,
                    name: r.name,
                    quantity: r.quantity,
                    unit: r.unit,
                  }))
                : [],
            )
        : Promise.resolve([]),
    [client, from],
  );
  // An article picked in one warehouse is not the stock of another: the pick holds while the origin does.
  const picked = pickedIn?.from === from ? pickedIn.article : null;
  const add = (): void => {
    if (!picked || !/^\d+([.,]\d{1,3})?$/.test(quantity)) return;
    setLines((ls) => [
      ...ls.filter((l) => l.articleId !== picked.id),
      { articleId: picked.id, label: `${picked.code} ${picked.name}`, quantity: quantity.replace(',', '.') },
    ]);
    setPickedIn(null);
    setQuantity('');
  };
  const issue = form.submit(async (input) => {
    await client.call('guides/issue', input);
    p.onIssued();
  });

  return (
    <Dialog
      title={t('guidesUi.newTitle')}
      onClose={p.onClose}
      size="edit"
      testId="guide-form"
      onSubmit={() => void issue()}
      actions={
        <>
          <button type="button" className="btn" onClick={p.onClose}>
            {t('guidesUi.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={form.submitting || lines.length === 0}
            data-testid="guide-issue"
          >
            {t('guidesUi.issue')}
          </button>
        </>
      }
    >
      <FieldRow>
        <Field label={t('guidesUi.from')} htmlFor="gt-fromWarehouseId">
          <select className={inputClass(undefined)} {...form.bind('fromWarehouseId')}>
            {active.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} — {w.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('guidesUi.to')} htmlFor="gt-toWarehouseId" error={form.error('toWarehouseId')}>
          <select className={inputClass(undefined)} {...form.bind('toWarehouseId')}>
            {active.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} — {w.name}
              </option>
            ))}
          </select>
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('guidesUi.vehicle')} htmlFor="gt-vehicle" error={form.error('vehicle')}>
          <input
            className={inputClass(form.error('vehicle'))}
            {...form.bind('vehicle')}
            placeholder="AA-00-BB"
          />
        </Field>
        <Field
          label={t('guidesUi.startTime')}
          htmlFor="gt-startTime"
          hint={t('guidesUi.startHint')}
          error={form.error('startTime')}
        >
          <input
            type="datetime-local"
            className={inputClass(form.error('startTime'))}
            {...form.bind('startTime')}
          />
        </Field>
      </FieldRow>
      <FieldRow>
        <SearchPicker
          testId="guide-article"
          label={t('guidesUi.article')}
          search={search}
          note={(a) => `${formatQty(a.quantity)} ${a.unit}`}
          onPick={(article) => setPickedIn({ from, article })}
        />
        <Field label={t('guidesUi.quantity')} htmlFor="gt-qty">
          <input
            id="gt-qty"
            className={inputClass(undefined)}
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </Field>
        <button type="button" className="btn" onClick={add} disabled={!picked} data-testid="guide-add-line">
          {t('guidesUi.addLine')}
        </button>
      </FieldRow>
      {picked && (
        <p className="muted" data-testid="guide-picked">
          {t('guidesUi.picked', {
            article: `${picked.code} ${picked.name}`,
            atHand: `${formatQty(picked.quantity)} ${picked.unit}`,
          })}
        </p>
      )}
      <ul className="plain-list" data-testid="guide-lines">
        {lines.map((l) => (
          <li key={l.articleId}>
            {l.label}: {formatQty(l.quantity)}{' '}
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setLines((ls) => ls.filter((x) => x.articleId !== l.articleId))}
            >
              {t('guidesUi.removeLine')}
            </button>
          </li>
        ))}
      </ul>
      {lines.length === 0 && <p className="muted small">{t('guidesUi.noLines')}</p>}
      {form.formError && <p className="field-help field-help--error">{form.formError}</p>}
    </Dialog>
  );
}

function AtCodeDialog(p: { guide: GuideSummary; onClose: () => void; onSaved: () => void }) {
  const client = useClient();
  const form = useZodForm({
    schema: AtCodeInput,
    idPrefix: 'atc',
    initial: { code: p.guide.atCode ?? '' },
    toInput: (v) => ({ id: p.guide.id, code: v.code }),
  });
  const save = form.submit(async (input) => {
    await client.call('guides/set-at-code', input);
    p.onSaved();
  });
  return (
    <Dialog
      title={t('guidesUi.atTitle', { docNo: p.guide.docNo })}
      onClose={p.onClose}
      size="narrow"
      testId="guide-at-code"
      onSubmit={() => void save()}
      actions={
        <>
          <button type="button" className="btn" onClick={p.onClose}>
            {t('guidesUi.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={form.submitting}>
            {t('guidesUi.save')}
          </button>
        </>
      }
    >
      <Field
        label={t('guidesUi.atCode')}
        htmlFor="atc-code"
        hint={t('guidesUi.atHint')}
        error={form.error('code')}
      >
        <input className={inputClass(form.error('code'))} {...form.bind('code')} autoFocus />
      </Field>
    </Dialog>
  );
}
