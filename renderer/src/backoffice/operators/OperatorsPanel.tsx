import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../../shared/api/auth';
import type { OperatorView } from '../../../../shared/api/operators';
import { t } from '../../../../shared/i18n';
import { useClient, useStore } from '../../app/context';
import { sessionStore } from '../../app/session';
import { DataTable, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';
import { LimitsCard } from './LimitsCard';
import { OperatorDialog } from './OperatorDialog';
import { PinDialog } from './PinDialog';

type Open =
  | { kind: 'edit'; operator: OperatorView | null }
  | { kind: 'reset'; operator: OperatorView }
  | { kind: 'change' }
  | null;

/**
 * Gestão › Operadores (issue 12 item 6): who may use the terminal and with which role, their PINs (never shown),
 * and the limits above which a caixa needs a gerente. The gerente changes; the contabilista reads; every operator
 * changes their own PIN here. The core enforces each of these on every call.
 */
export function OperatorsPanel({ role }: { role: Role }) {
  const client = useClient();
  const session = useStore(sessionStore);
  const me = session.status === 'active' ? session.session.operator : null;
  const manager = role === 'gerente';
  const [rows, setRows] = useState<OperatorView[] | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const reload = useCallback(() => {
    void client.tryCall('operators/list', {}).then((env) => setRows(env.ok ? env.value : []));
  }, [client]);
  useEffect(reload, [reload]);

  const setActive = async (o: OperatorView, active: boolean) => {
    const env = await client.tryCall('operators/set-active', { id: o.id, active });
    if (!env.ok) pushToast('error', env.error.message);
    reload();
  };

  const columns: Column<OperatorView>[] = [
    { id: 'name', header: t('operators.name'), cell: (o) => o.name, value: (o) => o.name },
    {
      id: 'role',
      header: t('operators.role'),
      cell: (o) => <span className={`role-chip role-chip--${o.role}`}>{t(`role.${o.role}`)}</span>,
      value: (o) => t(`role.${o.role}`),
    },
    {
      id: 'active',
      header: t('operators.state'),
      cell: (o) => (o.active ? t('operators.active') : t('operators.inactive')),
      value: (o) => (o.active ? 1 : 0),
    },
    {
      id: 'pin',
      header: t('operators.pinChangedAt'),
      cell: (o) => (o.pinChangedAt ? formatDateTime(o.pinChangedAt) : '—'),
      value: (o) => o.pinChangedAt,
    },
    {
      id: 'actions',
      header: '',
      align: 'right',
      cell: (o) =>
        manager && (
          <span className="nowrap">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setOpen({ kind: 'edit', operator: o })}
            >
              {t('operators.editShort')}
            </button>
            {o.id !== me?.id && (
              <button
                type="button"
                className="btn btn--small"
                onClick={() => setOpen({ kind: 'reset', operator: o })}
              >
                {t('operators.resetPin')}
              </button>
            )}
            {o.id !== me?.id && (
              <button type="button" className="btn btn--small" onClick={() => void setActive(o, !o.active)}>
                {o.active ? t('operators.deactivate') : t('operators.activate')}
              </button>
            )}
          </span>
        ),
    },
  ];

  return (
    <div className="bo-cards">
      <section className="card card--fill card--span" data-testid="operators-panel">
        <header className="card-head">
          <h3 className="card-title">{t('backoffice.operators')}</h3>
          <span className="card-head-tools">
            <button type="button" className="btn btn--small" onClick={() => setOpen({ kind: 'change' })}>
              {t('operators.changePin')}
            </button>
            {manager && (
              <button
                type="button"
                className="btn btn--small btn--primary"
                onClick={() => setOpen({ kind: 'edit', operator: null })}
              >
                {t('operators.new')}
              </button>
            )}
          </span>
        </header>
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(o) => o.id}
          filterable
          initialSort={{ column: 'name' }}
          emptyText={t('operators.none')}
          testId="operators-table"
          rowTestId="operator-row"
        />
      </section>
      <LimitsCard manager={manager} />
      {open?.kind === 'edit' && (
        <OperatorDialog
          operator={open.operator}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            reload();
          }}
        />
      )}
      {open?.kind === 'reset' && (
        <PinDialog mode="reset" operator={open.operator} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'change' && me && (
        <PinDialog mode="change" operator={me} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
