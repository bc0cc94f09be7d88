import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { formatDateTime } from '../app/use-now';

interface Preview {
  dataUrl: string;
  renderedAt: string;
}

/**
 * What the virtual printer printed last (printing/last-preview): in training it is the trainee's "paper".
 * With `documentId`, it waits until that document's job is done (live `printing/job-changed`) so an older
 * receipt is never shown as this one.
 */
export function ReceiptPreview({ documentId }: { documentId?: number }) {
  const client = useClient();
  const [preview, setPreview] = useState<Preview | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void client.tryCall('printing/last-preview', {}).then((env) => {
        if (alive) setPreview(env.ok ? env.value : null);
      });
    };
    if (documentId === undefined) load();
    else {
      void client.tryCall('printing/list-jobs', { limit: 20 }).then((env) => {
        if (!alive) return;
        const done = env.ok && env.value.some((j) => j.documentId === documentId && j.state === 'done');
        if (done) load();
        else setPreview(null);
      });
    }
    const off = client.on('printing/job-changed', (job) => {
      if (job.state !== 'done') return;
      if (documentId === undefined || job.documentId === documentId) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [client, documentId]);

  if (preview === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (!preview)
    return (
      <div className="receipt-empty" data-testid="receipt-preview-empty">
        {t('printing.noPreview')}
      </div>
    );
  return (
    <figure className="receipt-preview" data-testid="receipt-preview">
      <img src={preview.dataUrl} alt={t('printing.previewAlt')} />
      <figcaption className="muted small">
        {t('printing.renderedAt', { at: formatDateTime(preview.renderedAt) })}
      </figcaption>
    </figure>
  );
}
