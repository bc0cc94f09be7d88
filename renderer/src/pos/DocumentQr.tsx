import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { t } from '../../../shared/i18n';

/** The AT QR code of a document (ECC M, as the printed one: Portaria 195/2020, fiscal-pt.md). */
export function DocumentQr({ text, atcud }: { text: string; atcud: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 220 }).then(
      (u) => alive && setUrl(u),
      () => alive && setUrl(null),
    );
    return () => {
      alive = false;
    };
  }, [text]);
  return (
    <figure className="doc-qr">
      {url ? <img src={url} alt={t('after.qrAlt')} width={180} height={180} data-testid="doc-qr" /> : null}
      <figcaption>ATCUD: {atcud}</figcaption>
    </figure>
  );
}
