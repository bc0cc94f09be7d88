import { useState } from 'react';
import type { PurchaseDetail, PurchaseLine } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';

const num = (v: string): string => v.trim().replace(',', '.');

/** Makes an article from an unknown line: its name, the supplier's reference as code, a shelf price typed here. */
export function CreateFromLine({
  p,
  line,
  onDone,
}: {
  p: PurchaseDetail;
  line: PurchaseLine;
  onDone: (d: PurchaseDetail) => void;
}) {
  const client = useClient();
  const [code, setCode] = useState(line.sellerItemId ?? '');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const taxCode =
    line.vatCategory === 'ISE'
      ? 'ISE'
      : ['NOR', 'INT', 'RED'].includes(line.vatCategory)
        ? line.vatCategory
        : 'NOR';
  const create = async () => {
    const env = await client.tryCall('purchases/create-article', {
      id: p.id,
      lineNo: line.lineNo,
      article: {
        code,
        name: line.name,
        unit: 'UN',
        price: num(price),
        taxCode: taxCode as 'NOR' | 'INT' | 'RED' | 'ISE',
        ...(line.standardItemId ? { barcodes: [line.standardItemId] } : {}),
      },
    });
    if (!env.ok) setError(env.error.message);
    else onDone(env.value);
  };
  return (
    <div className="field-row field-row--wrap">
      <input
        className="input"
        aria-label={t('purchasesUi.newCode')}
        placeholder={t('purchasesUi.newCode')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <input
        className="input input--num"
        aria-label={t('purchasesUi.newPrice')}
        placeholder={t('purchasesUi.newPrice')}
        value={price}
        onChange={(e) => setPrice(e.target.value)}
      />
      <button type="button" className="btn btn--small" onClick={() => void create()}>
        {t('purchasesUi.createArticle')}
      </button>
      {error && (
        <span className="field-help field-help--error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
