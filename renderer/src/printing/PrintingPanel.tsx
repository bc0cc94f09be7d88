import { Fragment, useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import type { PrinterInfo, PrintJob } from '../../../shared/api/printing';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { useDevices } from '../shell/StatusBar';
import { PrintQueue } from './PrintQueue';
import { PrinterDialog, type PrinterForm } from './PrinterDialog';
import { ReceiptPreview } from './ReceiptPreview';

/**
 * Gestão › Impressão: printers and their state, the persistent print queue (live, with retry), and the
 * virtual printer's last receipt. Configuring a printer is for the gerente (the core enforces it too).
 */
export function PrintingPanel({ role }: { role: Role }) {
  const client = useClient();
  const { devices } = useDevices();
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [editing, setEditing] = useState<PrinterInfo | 'new' | null>(null);

  const loadPrinters = useCallback(async () => {
    const env = await client.tryCall('printing/list-printers', {});
    if (env.ok) setPrinters(env.value);
  }, [client]);
  useEffect(() => {
    let alive = true;
    void client.tryCall('printing/list-printers', {}).then((env) => {
      if (alive && env.ok) setPrinters(env.value);
    });
    // Pending counts move with the queue.
    const off = client.on('printing/job-changed', (_job: PrintJob) => void loadPrinters());
    return () => {
      alive = false;
      off();
    };
  }, [client, loadPrinters]);

  const save = async (form: PrinterForm): Promise<void> => {
    try {
      const p = await client.call('printing/configure-printer', form);
      pushToast('success', t('printer.saved', { name: p.name }));
      setEditing(null);
      void loadPrinters();
    } catch {
      // shown by the client (invalid URI explains the accepted forms)
    }
  };

  const manager = role === 'gerente';
  return (
    <div className="printing-panel">
      <div className="printing-main">
        <section className="card">
          <header className="card-head">
            <h3 className="card-title">{t('printer.title')}</h3>
            {manager && (
              <button
                type="button"
                className="btn btn--small card-head-end"
                onClick={() => setEditing('new')}
              >
                + {t('printer.add')}
              </button>
            )}
          </header>
          <div className="table-scroll">
            <table className="table table--static" data-testid="printers">
              <thead>
                <tr>
                  <th>{t('printer.name')}</th>
                  <th>{t('printer.uri')}</th>
                  <th>{t('device.state')}</th>
                  <th className="num">{t('printer.pending')}</th>
                  {manager && <th />}
                </tr>
              </thead>
              <tbody>
                {printers?.map((p) => {
                  const dev = devices.find((d) => d.id === `printer:${p.id}`);
                  return (
                    <Fragment key={p.id}>
                      <tr data-testid="printer-row" className={dev?.message ? 'row--has-note' : undefined}>
                        <td>
                          <strong>{p.name}</strong>
                          <div className="muted small">
                            <span className="mono">{p.id}</span>
                            {p.isDefault && <span className="tag tag--open">{t('printer.isDefault')}</span>}
                          </div>
                        </td>
                        <td className="mono small">{p.uri}</td>
                        <td>
                          {dev ? (
                            <span className={`state state--${dev.state}`}>
                              {t(`device.state.${dev.state}`)}
                            </span>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className="num">{p.pendingJobs}</td>
                        {manager && (
                          <td className="num">
                            <button type="button" className="btn btn--small" onClick={() => setEditing(p)}>
                              {t('printer.configureShort')}
                            </button>
                          </td>
                        )}
                      </tr>
                      {dev?.message && (
                        <tr className="row-note">
                          <td
                            colSpan={manager ? 5 : 4}
                            className={dev.state === 'error' ? 'job-error' : 'muted'}
                          >
                            {dev.message}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <PrintQueue />
      </div>
      <aside className="card printing-preview">
        <h3 className="card-title">{t('printing.lastReceipt')}</h3>
        <ReceiptPreview />
      </aside>
      {editing && (
        <PrinterDialog
          printer={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={(f) => void save(f)}
        />
      )}
    </div>
  );
}
