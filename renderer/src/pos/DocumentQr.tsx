import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { qrSvgDataUrl } from './qr-svg';

/** The AT QR code of a document (ECC M, as the printed one: Portaria 195/2020, fiscal-pt.md). */
export function DocumentQr({ text, atcud }: { text: string; atcud: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    qrSvgDataUrl(text).then(
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
