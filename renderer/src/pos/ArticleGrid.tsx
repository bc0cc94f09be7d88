import type { CSSProperties } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';

/** Calm, distinguishable hues for article families (a colour strip helps find a tile by eye). */
const HUES = [205, 145, 25, 265, 350, 90, 185, 45, 300, 120, 225, 10];
export function familyHue(family: string): number {
  let h = 0;
  for (const ch of family) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return HUES[h % HUES.length] ?? 200;
}

interface Props {
  articles: readonly Article[];
  onPick: (a: Article) => void;
  label: string;
}

export function ArticleGrid({ articles, onPick, label }: Props) {
  return (
    <ul className="article-grid" aria-label={label}>
      {articles.map((a) => (
        <li key={a.id}>
          <button
            type="button"
            className="article-tile"
            style={{ '--family-hue': familyHue(a.family) } as CSSProperties}
            onClick={() => onPick(a)}
            data-article={a.code}
          >
            <span className="article-tile-family">{a.family}</span>
            <span className="article-tile-name">{a.name}</span>
            <span className="article-tile-price">
              {formatEuro(a.price)}
              {a.unit !== 'UN' && <small>/{t(`unit.${a.unit}`)}</small>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
