import type { EodCheckpoint } from '../../../../shared/api/eod';
import type { Db } from '../../db/open';
import { verifyFiscalChainsFrom } from '../../fiscal/verify';

export interface ChainCheck {
  /** Documents verified in this run (those after the checkpoint). */
  checked: number;
  problems: Array<{ docNo: string; documentId: number; problem: string }>;
  checkpoint: EodCheckpoint;
}

/**
 * `balcao verify`, incremental: the very checks of electron/core/fiscal/verify.ts (verifyFiscalChainsFrom), per
 * series of the terminal, from the previous run's checkpoint on. A broken document does not advance the
 * checkpoint past it, so the next run reports it again; a bad signature drops its series' checkpoint (the next
 * run re-verifies that series from its start).
 */
export function verifySince(ro: Db, terminalId: string, since: EodCheckpoint | null): ChainCheck {
  const r = verifyFiscalChainsFrom(ro, { terminalId, from: since?.series ?? [] });
  return { checked: r.documents, problems: r.problems, checkpoint: { series: r.positions } };
}
