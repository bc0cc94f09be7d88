import { useRef, useState } from 'react';
import type { ImportReport } from '../../../shared/api/catalog-admin';
import { articleCsvTemplate } from '../../../shared/catalog-csv';
import { customerCsvTemplate } from '../../../shared/customers-csv';
import { writeCsv } from '../../../shared/csv';
import { t } from '../../../shared/i18n';
import { decodeUtf8 } from '../../../shared/text/utf8';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { downloadText } from '../app/kit';

/** The CSV files of the back office: the same import, export and template buttons for each (issue 12 item 2). */
const KINDS = {
  catalog: {
    importChannel: 'catalog/import-csv',
    exportChannel: 'catalog/export-csv',
    file: 'artigos',
    template: articleCsvTemplate,
    exported: 'articles.exported',
  },
  customers: {
    importChannel: 'customers/import-csv',
    exportChannel: 'customers/export-csv',
    file: 'clientes',
    template: customerCsvTemplate,
    exported: 'customers.exported',
  },
} as const;

/** Gestão › Artigos (and Clientes): CSV import (upload, all or nothing unless asked), export and the template. */
export function CatalogCsv({
  onImported,
  kind = 'catalog',
  canImport = true,
}: {
  onImported: () => void;
  kind?: keyof typeof KINDS;
  /** false for a reader (contabilista): export and template only, the import is the gerente's. */
  canImport?: boolean;
}) {
  const k = KINDS[kind];
  const client = useClient();
  const file = useRef<HTMLInputElement>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (f: File): Promise<void> => {
    const decoded = decodeUtf8(new Uint8Array(await f.arrayBuffer()));
    if (!decoded.ok) {
      pushToast('error', decoded.message);
      return;
    }
    setBusy(true);
    const env = await client.tryCall(k.importChannel, { csv: decoded.text, skipInvalid, dryRun: false });
    setBusy(false);
    if (!env.ok) {
      pushToast('error', env.error.message);
      return;
    }
    setReport(env.value);
    if (env.value.applied) onImported();
  };

  const exportCsv = async (): Promise<void> => {
    const env = await client.tryCall(k.exportChannel, {});
    if (!env.ok) return;
    downloadText(`${k.file}-${new Date().toISOString().slice(0, 10)}.csv`, env.value.csv);
    pushToast('success', t(k.exported, { n: env.value.rows }));
  };

  return (
    <div className="catalog-csv">
      {canImport && (
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          onClick={() => file.current?.click()}
        >
          {t('articles.import')}
        </button>
      )}
      <input
        ref={file}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="csv-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
      {canImport && (
        <label className="check">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
          {t('articles.skipInvalid')}
        </label>
      )}
      <button type="button" className="btn btn--small btn--ghost" onClick={() => void exportCsv()}>
        {t('articles.export')}
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onClick={() => downloadText(`modelo-${k.file}.csv`, writeCsv(k.template()))}
      >
        {t('articles.template')}
      </button>
      {report && (
        <div className="catalog-csv-report" role="status" data-testid="csv-report">
          <p>
            {report.applied
              ? t('articles.importDone', {
                  rows: report.rows,
                  created: report.created,
                  updated: report.updated,
                  unchanged: report.unchanged,
                })
              : t('articles.importRejected', { n: report.rejected.length })}
          </p>
          {report.rejected.length > 0 && (
            <>
              {report.applied && <p>{t('articles.importSkipped', { n: report.rejected.length })}</p>}
              <ul className="catalog-csv-lines">
                {report.rejected.slice(0, 200).map((r) => (
                  <li key={r.line}>
                    linha {r.line}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
