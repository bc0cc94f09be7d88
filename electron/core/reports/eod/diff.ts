import type { EodLine, EodRecord } from '../../../../shared/api/eod';
import { euros, LIGHT_LABEL } from './types';
import type { EodDraft } from './compute';

/** The chain line counts the documents checked by *this* run: its count is not a change of the day. */
const volatile = (l: EodLine): boolean => l.key === 'chain';

const money = (c: number | null): string => (c === null ? '—' : euros(c));

/**
 * What changed between two versions of a day, line by line (section + key), in pt-PT. Empty: nothing changed,
 * and no new version is written.
 */
export function diffRecords(prev: EodRecord, next: EodDraft): string[] {
  const out: string[] = [];
  for (const ns of next.sections) {
    const ps = prev.sections.find((s) => s.id === ns.id);
    if (!ps) continue;
    if (ps.light !== ns.light)
      out.push(
        `${ns.title}: ${ps.light ? LIGHT_LABEL[ps.light] : 'não configurado'} → ${ns.light ? LIGHT_LABEL[ns.light] : 'não configurado'}`,
      );
    const before = new Map(ps.lines.map((l) => [l.key, l]));
    for (const l of ns.lines) {
      const p = before.get(l.key);
      before.delete(l.key);
      if (!p) {
        out.push(
          `${ns.title}: nova linha — ${l.item}${l.differenceCents ? ` (diferença ${euros(l.differenceCents)})` : ''}`,
        );
        continue;
      }
      if (volatile(l) && p.light === l.light) continue;
      const parts: string[] = [];
      if (p.expectedCents !== l.expectedCents)
        parts.push(`esperado ${money(p.expectedCents)} → ${money(l.expectedCents)}`);
      if (p.actualCents !== l.actualCents)
        parts.push(`real ${money(p.actualCents)} → ${money(l.actualCents)}`);
      if (p.light !== l.light) parts.push(`${LIGHT_LABEL[p.light]} → ${LIGHT_LABEL[l.light]}`);
      if (!parts.length && (p.explanation !== l.explanation || p.item !== l.item))
        parts.push(l.explanation || l.item);
      if (parts.length) out.push(`${ns.title}: ${l.item} — ${parts.join('; ')}`);
    }
    for (const p of before.values()) if (!volatile(p)) out.push(`${ns.title}: deixou de constar — ${p.item}`);
  }
  return out;
}
