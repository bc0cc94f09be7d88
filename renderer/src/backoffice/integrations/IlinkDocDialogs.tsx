import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { IlinkAttempt, IlinkSentRow } from '../../../../shared/api/ilink';
import { t } from '../../../../shared/i18n';
import { Dialog } from '../../app/Dialog';
import { useClient } from '../../app/context';
import { formatDateTime } from '../../app/use-now';

type Attempt = z.infer<typeof IlinkAttempt>;

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
      {t('ilink.sent.close')}
    </button>
  );
}

/** The CIUS-PT XML of one document, exactly as the send job posts it (ilink/xml). */
export function IlinkXmlDialog({ row, onClose }: { row: IlinkSentRow; onClose: () => void }) {
  const client = useClient();
  const [xml, setXml] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void client.tryCall('ilink/xml', { documentId: row.documentId }).then((env) => {
      if (alive) setXml(env.ok ? env.value.xml : env.error.message);
    });
    return () => {
      alive = false;
    };
  }, [client, row.documentId]);
  return (
    <Dialog
      title={t('ilink.sent.xmlTitle', { number: row.number })}
      size="wide"
      columns={1}
      onClose={onClose}
      testId="ilink-xml-dialog"
      actions={<CloseButton onClose={onClose} />}
    >
      {xml === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <pre className="purchase-xml" data-testid="ilink-xml">
          {xml}
        </pre>
      )}
    </Dialog>
  );
}

/** Every delivery attempt of one document (job attempts of its send and resends). */
export function IlinkAttemptsDialog({ row, onClose }: { row: IlinkSentRow; onClose: () => void }) {
  const client = useClient();
  const [list, setList] = useState<Attempt[] | null>(null);
  useEffect(() => {
    let alive = true;
    void client.tryCall('ilink/attempts', { documentId: row.documentId }).then((env) => {
      if (alive) setList(env.ok ? env.value : []);
    });
    return () => {
      alive = false;
    };
  }, [client, row.documentId]);
  return (
    <Dialog
      title={t('ilink.sent.attemptsTitle', { number: row.number })}
      size="wide"
      columns={1}
      onClose={onClose}
      testId="ilink-attempts-dialog"
      actions={<CloseButton onClose={onClose} />}
    >
      {list === null && <p className="muted">{t('app.loading')}</p>}
      {list?.length === 0 && <p className="muted">{t('ilink.sent.attemptsNone')}</p>}
      {list && list.length > 0 && (
        <table className="table" data-testid="ilink-attempts">
          <thead>
            <tr>
              <th>{t('ilink.sent.attempt')}</th>
              <th>{t('ilink.sent.when')}</th>
              <th>{t('ilink.sent.outcome')}</th>
              <th>{t('ilink.sent.http')}</th>
              <th>{t('ilink.sent.message')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={`${a.startedAt}-${a.attempt}`}>
                <td className="num">{a.attempt}</td>
                <td className="nowrap">{formatDateTime(a.startedAt)}</td>
                <td>{a.outcome}</td>
                <td className="num">{a.httpStatus ?? ''}</td>
                <td>{[a.code, a.message].filter(Boolean).join(' — ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
