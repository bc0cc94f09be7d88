import { useCallback, useEffect, useState } from 'react';
import type { BackupView } from '../../../../shared/api/company';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { DataTable, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';

/**
 * Gestão › Empresa › Cópias de segurança: "Criar cópia" (online backup, verified) and "Restaurar" (the gerente,
 * after a confirmation; it happens at the next start, never under the open database).
 */
export function BackupsCard({ manager }: { manager: boolean }) {
  const client = useClient();
  const [rows, setRows] = useState<BackupView[] | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BackupView | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => {
    void client.tryCall('backups/list', {}).then((env) => {
      setRows(env.ok ? env.value.backups : []);
      if (env.ok) setPending(env.value.restorePending);
    });
  }, [client]);
  useEffect(reload, [reload]);
  const create = async () => {
    setBusy(true);
    const env = await client.tryCall('backups/create', {});
    setBusy(false);
    if (!env.ok) return pushToast('error', env.error.message);
    pushToast('success', t('backups.created', { file: env.value.file, n: env.value.documents }));
    reload();
  };
  const restore = async (b: BackupView) => {
    setConfirm(null);
    const env = await client.tryCall('backups/restore', { file: b.file, confirm: true });
    if (!env.ok) return pushToast('error', env.error.message);
    pushToast('warning', t('backups.planned'));
    reload();
  };
  const columns: Column<BackupView>[] = [
    {
      id: 'at',
      header: t('backups.when'),
      cell: (b) => formatDateTime(b.createdAt),
      value: (b) => b.createdAt,
    },
    {
      id: 'file',
      header: t('backups.file'),
      cell: (b) => <span className="mono">{b.file}</span>,
      value: (b) => b.file,
    },
    {
      id: 'docs',
      header: t('backups.documents'),
      cell: (b) => b.documents,
      value: (b) => b.documents,
      align: 'right',
    },
    { id: 'check', header: t('backups.check'), cell: (b) => (b.integrity === 'ok' ? '✓' : b.integrity) },
    {
      id: 'act',
      header: '',
      align: 'right',
      cell: (b) =>
        manager && b.integrity === 'ok' ? (
          <button type="button" className="btn btn--small" onClick={() => setConfirm(b)}>
            {t('backups.restore')}
          </button>
        ) : null,
    },
  ];
  return (
    <section className="card card--fill card--span" data-testid="backups-card">
      <header className="card-head">
        <h3 className="card-title">{t('backups.title')}</h3>
        {manager && (
          <button
            type="button"
            className="btn btn--small btn--primary"
            disabled={busy}
            onClick={() => void create()}
          >
            {t('backups.create')}
          </button>
        )}
      </header>
      {pending && (
        <p className="notice" role="status">
          {t('backups.pending', { file: pending })}{' '}
          {manager && (
            <button
              type="button"
              className="btn btn--small btn--ghost"
              onClick={() => void client.tryCall('backups/cancel-restore', {}).then(reload)}
            >
              {t('backups.cancelRestore')}
            </button>
          )}
        </p>
      )}
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(b) => b.file}
        pageSize={10}
        emptyText={t('backups.none')}
      />
      {confirm && (
        <ConfirmDialog
          title={t('backups.restore')}
          message={t('backups.confirm', { file: confirm.file, n: confirm.documents })}
          confirmLabel={t('backups.restore')}
          danger
          onConfirm={() => void restore(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}
