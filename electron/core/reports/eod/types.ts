import type {
  EodLight,
  EodLine,
  EodRecord,
  EodRef,
  EodSection,
  EodSectionId,
} from '../../../../shared/api/eod';
import type { Db } from '../../db/open';

/** What every section reads: the read-only connection, the day and its local-time bounds. */
export interface EodSource {
  /** A READ-ONLY connection (electron/core/fiscal/open-readonly.ts): a section never writes. */
  readonly ro: Db;
  readonly terminalId: string;
  readonly day: string;
  /** [from, to) as ISO instants (UTC), the local calendar day of the terminal. */
  readonly from: string;
  readonly to: string;
  readonly training: boolean;
  /** The newest record of this terminal before this run (any day): where incremental checks resume. */
  readonly previous: EodRecord | null;
  /** When the run happens (ISO): "now" for open shifts and pending jobs. */
  readonly now: string;
}

/**
 * One source of the reconciliation (documents, cash, cards, PayPay, iLink, stock, devices). Other parts plug
 * theirs in by implementing this port and adding it to the list in compute.ts; until then `notConfigured`.
 */
export interface EodSectionPort {
  readonly id: EodSectionId;
  readonly title: string;
  build(src: EodSource): EodSection;
}

const RANK: Record<EodLight, number> = { certo: 0, explicadas: 1, 'por-explicar': 2 };

export const worst = (lights: readonly EodLight[]): EodLight =>
  lights.reduce<EodLight>((a, b) => (RANK[b] > RANK[a] ? b : a), 'certo');

/**
 * A money line: the difference is actual − expected; `explained` is what the listed operations account for.
 * certo when there is no difference, explicadas when the operations explain all of it, otherwise por-explicar.
 */
export function moneyLine(l: {
  key: string;
  item: string;
  expected: number;
  actual: number;
  explained?: number;
  explanation?: string;
  refs?: EodRef[];
}): EodLine {
  const difference = l.actual - l.expected;
  const explained = l.explained ?? 0;
  const light: EodLight =
    difference === 0 ? 'certo' : explained === difference ? 'explicadas' : 'por-explicar';
  return {
    key: l.key,
    item: l.item,
    expectedCents: l.expected,
    actualCents: l.actual,
    differenceCents: difference,
    explainedCents: explained,
    light,
    explanation: l.explanation ?? (difference === 0 ? '' : 'Diferença sem operação que a explique.'),
    refs: l.refs ?? [],
  };
}

/** A line without money (a count, a check, an event worth seeing). */
export function factLine(l: {
  key: string;
  item: string;
  light: EodLight;
  explanation: string;
  refs?: EodRef[];
}): EodLine {
  return {
    key: l.key,
    item: l.item,
    expectedCents: null,
    actualCents: null,
    differenceCents: null,
    explainedCents: null,
    light: l.light,
    explanation: l.explanation,
    refs: l.refs ?? [],
  };
}

/** pt-PT euros from cents, for explanations ("1,00 €"). Integer arithmetic only. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const a = Math.abs(cents);
  const int = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${int},${String(a % 100).padStart(2, '0')} €`;
}

export function section(
  port: Pick<EodSectionPort, 'id' | 'title'>,
  lines: EodLine[],
  facts: EodSection['facts'],
  summary: (light: EodLight) => string,
): EodSection {
  const light = worst(lines.map((l) => l.light));
  return { id: port.id, title: port.title, configured: true, light, summary: summary(light), lines, facts };
}

/** A source whose part has not landed yet: shown as "não configurado", never counted in the verdict. */
export function notConfigured(id: EodSectionId, title: string): EodSectionPort {
  return {
    id,
    title,
    build: () => ({
      id,
      title,
      configured: false,
      light: null,
      summary: 'não configurado',
      lines: [],
      facts: [],
    }),
  };
}

export const LIGHT_LABEL: Record<EodLight, string> = {
  certo: 'certo',
  explicadas: 'com diferenças explicadas',
  'por-explicar': 'com diferenças por explicar',
};
