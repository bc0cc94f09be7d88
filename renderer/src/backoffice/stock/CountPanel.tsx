import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { Role } from '../../../../shared/api/auth';
import { t } from '../../../../shared/i18n';
import { formatQty } from '../../../../shared/money';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useClient } from '../../app/context';
import { formatDateTime } from '../../app/use-now';
import { pushToast } from '../../app/toasts';
import { DataTable, Field, FieldRow, inputClass, type Column } from '../../app/kit';

type Count = Output<'stock/count-view'>;
type CountLine = Count['lines'][number];
type CountHead = Output<'stock/count-list'>[number];
type Warehouse = Output<'stock/warehouses'>['warehouses'][number];

const BARCODE = /^\d{8,14}$/;
const signed = (v: string): string => (v.startsWith('-') || v === '0' ? formatQty(v) : `+${formatQty(v)}`);

const LINE_COLUMNS: Column<CountLine>[] = [
  {
    id: 'code',
    header: t('stockUi.code'),
    cell: (l) => <span className="mono">{l.code}</span>,
    value: (l) => l.code,
  },
  { id: 'name', header: t('stockUi.article'), cell: (l) => l.name, value: (l) => l.name },
  {
    id: 'expected',
    header: t('countUi.expected'),
    cell: (l) => formatQty(l.expected),
    value: (l) => Number(l.expected),
    csv: (l) => l.expected,
    align: 'right',
  },
  {
    id: 'during',
    header: t('countUi.during'),
    cell: (l) => (l.during === '0' ? '' : signed(l.during)),
    value: (l) => Number(l.during),
    csv: (l) => l.during,
    align: 'right',
  },
  {
    id: 'counted',
    header: t('countUi.counted'),
    cell: (l) => (l.counted === null ? '—' : formatQty(l.counted)),
    value: (l) => (l.counted === null ? null : Number(l.counted)),
    csv: (l) => l.counted ?? '',
    align: 'right',
  },
  {
    id: 'difference',
    header: t('countUi.difference'),
    cell: (l) =>
      l.difference === null ? (
        ''
      ) : l.difference === '0' ? (
        '0'
      ) : (
        <strong className="badge badge--alert" data-testid="count-difference">
          {signed(l.difference)}
        </strong>
      ),
    value: (l) => (l.difference === null ? null : Number(l.difference)),
    csv: (l) => l.difference ?? '',
    align: 'right',
  },
];

/**
 * Gestão › Inventário (issue 13 item 5), usable on a tablet in the browser (1024×768): the gerente starts a count
 * for a warehouse (or a family), the expected quantities frozen then; anyone counts by scanning a barcode (the
 * scanner types into the code box and ends with Enter) or typing a code, then the quantity + Enter; differences
 * account for what moved during the count (the core's rule); confirming posts them as adjustments.
 */
export function CountPanel({ role }: { role: Role }) {
  const client = useClient();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [heads, setHeads] = useState<CountHead[] | null>(null);
  const [count, setCount] = useState<Count | null>(null);
  const [reload, setReload] = useState(0);
  const manager = role === 'gerente';

  useEffect(() => {
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (env.ok) setWarehouses(env.value.warehouses.filter((w) => w.active));
    });
    void client.tryCall('stock/count-list', {}).then((env) => setHeads(env.ok ? env.value : []));
  }, [client, reload]);

  const open = useCallback(
    async (id: string) => {
      const env = await client.tryCall('stock/count-view', { id });
      if (env.ok) setCount(env.value);
      else pushToast('error', env.error.message);
    },
    [client],
  );
  const close = (): void => {
    setCount(null);
    setReload((n) => n + 1);
  };
  const whName = (id: number): string => warehouses.find((w) => w.id === id)?.code ?? String(id);

  if (count)
    return (
      <CountSheet
        count={count}
        manager={manager}
        warehouse={whName(count.warehouseId)}
        onChange={setCount}
        onClose={close}
      />
    );

  const HEAD_COLUMNS: Column<CountHead>[] = [
    {
      id: 'startedAt',
      header: t('stockUi.when'),
      cell: (c) => formatDateTime(c.startedAt),
      value: (c) => c.startedAt,
    },
    {
      id: 'warehouse',
      header: t('stockUi.warehouse'),
      cell: (c) => whName(c.warehouseId),
      value: (c) => whName(c.warehouseId),
    },
    { id: 'family', header: t('countUi.family'), cell: (c) => c.family ?? '—', value: (c) => c.family ?? '' },
    {
      id: 'status',
      header: t('guidesUi.status'),
      cell: (c) => t(`countUi.status.${c.status}`),
      value: (c) => c.status,
    },
  ];
  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('countUi.title')}</h3>
      </header>
      {manager && <StartCount warehouses={warehouses} onStarted={setCount} />}
      <DataTable
        rows={heads}
        columns={HEAD_COLUMNS}
        rowKey={(c) => c.id}
        onRowClick={(c) => void open(c.id)}
        emptyText={t('countUi.none')}
        csvName="contagens"
        testId="count-list"
        rowTestId="count-head"
      />
    </section>
  );
}

function StartCount(p: { warehouses: Warehouse[]; onStarted: (c: Count) => void }) {
  const client = useClient();
  const [warehouse, setWarehouse] = useState('');
  const [family, setFamily] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = warehouse || String(p.warehouses[0]?.id ?? '');
  const start = async (): Promise<void> => {
    if (!chosen || busy) return;
    setBusy(true);
    try {
      const env = await client.tryCall('stock/count-start', {
        warehouseId: Number(chosen),
        ...(family.trim() ? { family: family.trim() } : {}),
      });
      if (env.ok) p.onStarted(env.value);
      else pushToast('error', env.error.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FieldRow>
      <Field label={t('stockUi.warehouse')} htmlFor="count-warehouse">
        <select
          id="count-warehouse"
          className={inputClass(undefined)}
          value={chosen}
          onChange={(e) => setWarehouse(e.target.value)}
        >
          {p.warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.code} — {w.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('countUi.family')} htmlFor="count-family">
        <input
          id="count-family"
          className={inputClass(undefined)}
          value={family}
          onChange={(e) => setFamily(e.target.value)}
        />
      </Field>
      <button
        type="button"
        className="btn btn--primary"
        onClick={() => void start()}
        disabled={busy || !chosen}
        data-testid="count-start"
      >
        {t('countUi.start')}
      </button>
    </FieldRow>
  );
}

function CountSheet(p: {
  count: Count;
  manager: boolean;
  warehouse: string;
  onChange: (c: Count) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const { count } = p;
  const [code, setCode] = useState('');
  const [line, setLine] = useState<CountLine | null>(null);
  const [qty, setQty] = useState('');
  const [ask, setAsk] = useState<'confirm' | 'cancel' | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const isOpen = count.status === 'open';

  const choose = (l: CountLine): void => {
    setLine(l);
    setQty(l.counted?.replace('.', ',') ?? '');
  };
  // Once the quantity box is enabled for the chosen line: the counter types the quantity straight away.
  useEffect(() => {
    if (line) qtyRef.current?.focus();
  }, [line]);
  const find = async (): Promise<void> => {
    const term = code.trim();
    if (!term) return;
    let l = count.lines.find((x) => x.code.toLowerCase() === term.toLowerCase());
    if (!l && BARCODE.test(term)) {
      const env = await client.tryCall('catalog/by-barcode', { barcode: term });
      if (env.ok) l = count.lines.find((x) => x.articleId === env.value.article.id);
    }
    if (!l) {
      pushToast('error', t('countUi.notInCount', { code: term }));
      return;
    }
    setCode('');
    choose(l);
  };
  const record = async (): Promise<void> => {
    if (!line) return;
    const counted = qty.trim().replace(',', '.');
    const env = await client.tryCall('stock/count-record', {
      id: count.id,
      articleId: line.articleId,
      counted,
    });
    if (!env.ok) {
      pushToast('error', env.error.message);
      return;
    }
    p.onChange({ ...count, lines: count.lines.map((x) => (x.articleId === line.articleId ? env.value : x)) });
    setLine(null);
    setQty('');
    codeRef.current?.focus();
  };
  const finish = async (kind: 'confirm' | 'cancel'): Promise<void> => {
    setAsk(null);
    if (kind === 'confirm') {
      const env = await client.tryCall('stock/count-confirm', { id: count.id });
      if (!env.ok) return void pushToast('error', env.error.message);
      pushToast('success', t('countUi.confirmed', { moves: String(env.value.movements.length) }));
    } else {
      const env = await client.tryCall('stock/count-cancel', { id: count.id });
      if (!env.ok) return void pushToast('error', env.error.message);
      pushToast('info', t('countUi.cancelled'));
    }
    p.onClose();
  };
  const differing = count.lines.filter((l) => l.difference !== null && l.difference !== '0').length;
  const rows = onlyDiff
    ? count.lines.filter((l) => l.difference !== null && l.difference !== '0')
    : count.lines;

  return (
    <section className="card card--fill count-sheet" data-testid="count-sheet">
      <header className="card-head">
        <h3 className="card-title">
          {t('countUi.open', { warehouse: p.warehouse, since: formatDateTime(count.startedAt) })}
          {count.family ? ` · ${count.family}` : ''}
        </h3>
        <div className="card-head-end">
          <button type="button" className="btn" onClick={p.onClose}>
            {t('countUi.back')}
          </button>
          {isOpen && p.manager && (
            <>
              <button
                type="button"
                className="btn"
                onClick={() => setAsk('cancel')}
                data-testid="count-cancel"
              >
                {t('countUi.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => setAsk('confirm')}
                data-testid="count-confirm"
              >
                {t('countUi.confirm')}
              </button>
            </>
          )}
        </div>
      </header>
      {isOpen && (
        <FieldRow>
          <Field label={t('countUi.scan')} htmlFor="count-code" hint={t('countUi.scanHint')} grow>
            <input
              id="count-code"
              ref={codeRef}
              className={inputClass(undefined)}
              value={code}
              autoFocus
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                void find();
              }}
            />
          </Field>
          <Field
            label={line ? `${t('countUi.counted')}: ${line.code} ${line.name}` : t('countUi.counted')}
            htmlFor="count-qty"
            grow
          >
            <input
              id="count-qty"
              ref={qtyRef}
              className={inputClass(undefined)}
              inputMode="decimal"
              value={qty}
              disabled={!line}
              onChange={(e) => setQty(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                void record();
              }}
            />
          </Field>
          <button
            type="button"
            className="btn btn--primary"
            disabled={!line || !qty.trim()}
            onClick={() => void record()}
            data-testid="count-record"
          >
            {t('countUi.record')}
          </button>
        </FieldRow>
      )}
      <label className="check">
        <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />{' '}
        {t('countUi.onlyDifferences')}
      </label>
      <DataTable
        rows={rows}
        columns={LINE_COLUMNS}
        rowKey={(l) => l.articleId}
        filterable
        pageSize={30}
        onRowClick={isOpen ? choose : undefined}
        emptyText={t('countUi.none')}
        csvName={`contagem-${p.warehouse}`}
        testId="count-lines"
        rowTestId="count-line"
      />
      {ask && (
        <ConfirmDialog
          title={ask === 'confirm' ? t('countUi.confirm') : t('countUi.cancel')}
          message={
            ask === 'confirm'
              ? t('countUi.confirmText', { lines: String(differing) })
              : t('countUi.cancelText')
          }
          danger={ask === 'cancel'}
          onConfirm={() => void finish(ask)}
          onCancel={() => setAsk(null)}
        />
      )}
    </section>
  );
}
