import { memo, type CSSProperties } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';

/** Calm, distinguishable hues for article families (a colour strip helps find a tile by eye). */
const HUES = [205, 145, 25, 265, 350, 90, 185, 45, 300, 120, 225, 10];
export function familyHue(family: string): number {
  let h = 0;
  for (const ch of family) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return HUES[h % HUES.length] ?? 200;
}

/** A favourite's own colour on the till (Gestão › Artigos, TILL_COLOURS), as a hue; grey has its own class. */
const COLOUR_HUE: Record<string, number> = {
  azul: 212,
  verde: 135,
  amarelo: 48,
  laranja: 26,
  vermelho: 356,
  roxo: 275,
  cinzento: 210,
};

interface Props {
  articles: readonly Article[];
  onPick: (a: Article) => void;
  label: string;
  /** Index of the tile chosen with the arrow keys from the search box (Enter picks it), or -1. */
  activeIndex?: number;
  /** Prefix of the tiles' ids (for the search box's aria-activedescendant). */
  idPrefix?: string;
  /** On hand in the selling warehouse, per article (issue 13 item 6); untracked articles show nothing. */
  stock?: ReadonlyMap<number, { tracked: boolean; available: string }>;
}

/** A memo: the till's grid is not rendered again for a scan's answer or its feedback (pos.scan_to_line). */
export const ArticleGrid = memo(function ArticleGrid({
  articles,
  onPick,
  label,
  activeIndex = -1,
  idPrefix = 'article',
  stock,
}: Props) {
  return (
    <ul className="article-grid" aria-label={label} id={`${idPrefix}s`}>
      {articles.map((a, i) => (
        <li key={a.id}>
          <button
            type="button"
            id={`${idPrefix}-${i}`}
            className={`article-tile${i === activeIndex ? ' article-tile--active' : ''}${a.tillColour === 'cinzento' ? ' article-tile--grey' : ''}`}
            style={
              {
                '--family-hue': (a.tillColour && COLOUR_HUE[a.tillColour]) ?? familyHue(a.family),
              } as CSSProperties
            }
            onClick={() => onPick(a)}
            data-article={a.code}
            data-active={i === activeIndex ? 'true' : undefined}
            ref={i === activeIndex ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
          >
            <span className="article-tile-family">{a.family}</span>
            {stock?.get(a.id)?.tracked && (
              <span
                className={`article-tile-stock${Number(stock.get(a.id)?.available) > 0 ? '' : ' article-tile-stock--out'}`}
                data-testid="tile-stock"
              >
                {t('tillStock.label', { quantity: formatQty(stock.get(a.id)?.available ?? '0') })}
              </span>
            )}
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
});
