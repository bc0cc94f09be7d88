/**
 * Portuguese search and sort order, one mechanism for the till and the back office (issue 15 item 3).
 *
 * `ptKey(s)` is the primary collation key of pt-PT: letters without their accents (NFD, combining marks dropped),
 * lower case, punctuation as a space, spaces collapsed. The database keeps it in `article.name_key` (maintained on every write by a
 * trigger that calls the function registered on each connection, electron/core/db/open.ts), and both searching
 * (`name_key like '%pao%'`) and sorting (`order by name_key, name`) use that column through its index.
 *
 * Why a stored key and not ORDER BY with `Intl.Collator`: better-sqlite3 has no API to register a collation,
 * and sorting in JavaScript after the query cannot use an index nor stop at the LIMIT (50 000 articles). The
 * key's order is Intl.Collator('pt-PT')'s order at the primary level; ties (same letters, different accents or
 * case: "Agua"/"Água") are broken by the name itself. `comparePt` is the same order for lists held in memory;
 * tests/unit/catalog/pt-collation.test.ts checks that it agrees with Intl.Collator('pt-PT').
 */
const MARKS = /\p{M}+/gu;
/** Punctuation and symbols count as a space: "Pão-de-ló" is found by "pao de lo" and sorts as it. */
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
/** Letters NFD does not decompose. */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l' };
const LIGATURE_RE = /[ßæœøđł]/g;

export function ptKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(NOT_ALNUM, ' ')
    .trim();
}

/** The words of a search box, each as a key ("Pão  forma" → ["pao", "forma"]). */
export function ptSearchTerms(query: string): string[] {
  return ptKey(query)
    .split(' ')
    .filter((w) => w.length > 0);
}

/** Same order as `order by name_key, name` in the database. */
export function comparePt(a: string, b: string): number {
  const ka = ptKey(a);
  const kb = ptKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
