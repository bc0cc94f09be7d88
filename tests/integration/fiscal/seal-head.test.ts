import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { openReadOnly } from '../../../electron/core/fiscal/open-readonly';
import { verifySeals } from '../../../electron/core/fiscal/verify-seal';
import { createLogger } from '../../../electron/core/log/logger';
import { fixedClock } from '../../../electron/core/util/clock';
import { tempDir } from '../../helpers/tmp';
import { articleOf, openAsAttacker } from './fiscal-helpers';

/**
 * The head file keeps its evidence: a last document removed while the terminal was stopped is still reported
 * after the terminal restarts and issues the same number again (the old head goes to `lost`, never erased).
 */
describe('seal head file: a removed last document stays visible after reissuing over it', () => {
  const tmp = tempDir('balcao-seal-head-');
  const dir = tmp.dir;
  afterAll(() => tmp.cleanup());
  const clock = fixedClock(new Date('2025-03-14T09:00:00'));
  const quiet = createLogger('test', () => {});

  it('reports the replaced number and audits the divergence at start-up', async () => {
    let core = await createCore({ dataDir: dir, clock, log: quiet });
    const nor = articleOf(core, 'NOR');
    const issue = () => {
      clock.advance(60_000);
      return core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1);
    };
    issue();
    issue();
    const third = issue();
    await core.stop('test');

    // The attacker also switches off foreign keys (rows of other domains, e.g. the stock ledger, point at the
    // document's lines): what remains must still show the removal.
    const raw = openAsAttacker(path.join(dir, 'balcao.sqlite'));
    for (const t of ['fiscal_line', 'fiscal_tax', 'fiscal_payment', 'fiscal_info', 'fiscal_seal'])
      raw.prepare(`delete from ${t} where document_id = ?`).run(third.id);
    raw.prepare('delete from fiscal_document where id = ?').run(third.id);
    raw.close();

    core = await createCore({ dataDir: dir, clock, log: quiet });
    expect(
      core.ctx.db.sqlite
        .prepare(`select count(*) as n from audit_log where action = 'fiscal.seal-head-diverged'`)
        .get(),
    ).toEqual({ n: 1 });
    const again = issue();
    expect(again.docNo).toBe(third.docNo);
    issue();
    await core.stop('test');

    const db = openReadOnly(dir);
    try {
      expect(verifySeals(db, dir).problems).toEqual([
        { docNo: third.docNo, problem: 'documento substituído: não corresponde ao registo externo do selo' },
      ]);
    } finally {
      db.close();
    }
  });
});
