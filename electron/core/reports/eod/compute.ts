import type { EodCheckpoint, EodRecord, EodSection } from '../../../../shared/api/eod';
import { readCash } from './cash-data';
import { cashSection } from './cash';
import { chartData } from './charts';
import { documentsSection } from './documents';
import { devicesSection } from './devices';
import { ilinkSection } from './ilink';
import { stockSection } from './stock';
import { cardsSection } from './cards';
import { paypaySection } from './paypay';
import { euros, LIGHT_LABEL, worst, type EodSectionPort, type EodSource } from './types';

/** A record before it is stored: id, version, changes and trigger are the store's. */
export type EodDraft = Omit<EodRecord, 'id' | 'version' | 'createdAt' | 'trigger' | 'changes' | 'previousId'>;

/**
 * The sources in the order the report shows them; each is an EodSectionPort (see types.ts) that says
 * "não configurado" itself when its partner or device is not set up.
 */
export function sectionPorts(out: { checkpoint?: EodCheckpoint }, cash: EodSectionPort): EodSectionPort[] {
  return [
    documentsSection(out),
    cash,
    // paypay-office (issue 14 §1.3–1.4): cards and PayPay.
    cardsSection(),
    paypaySection(),
    // iLink and stock (eod-reports part, issue 14 §1.5–1.6).
    ilinkSection(),
    stockSection(),
    devicesSection(),
  ];
}

/** Reads everything through the read-only connection in `src` and builds the day's record (pure of writes). */
export function computeDay(src: EodSource): EodDraft {
  const out: { checkpoint?: EodCheckpoint } = {};
  const data = readCash(src);
  const sections: EodSection[] = sectionPorts(
    out,
    cashSection(() => data),
  ).map((p) => p.build(src));
  const configured = sections.filter((s) => s.configured && s.light !== null);
  const light = worst(configured.map((s) => s.light!));
  const unexplained = configured
    .flatMap((s) => s.lines)
    .reduce((t, l) => t + Math.abs((l.differenceCents ?? 0) - (l.explainedCents ?? 0)), 0);
  const open = configured.filter((s) => s.light !== 'certo').map((s) => s.title.toLowerCase());
  const verdict =
    light === 'certo'
      ? `Fecho de ${src.day}: tudo certo.`
      : `Fecho de ${src.day}: ${LIGHT_LABEL[light]} (${open.join(', ')})${unexplained ? `; ${euros(unexplained)} por explicar` : ''}.`;
  return {
    terminalId: src.terminalId,
    day: src.day,
    training: src.training,
    light,
    verdict,
    sections,
    charts: chartData(src, data),
    checkpoint: out.checkpoint ?? { series: [] },
  };
}
