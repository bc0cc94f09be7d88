/**
 * `node --import tsx tests/bench/fiscal/wal-pages.ts [N]`: WAL frames written per issued FS document, and which
 * B-trees (tables and indexes) they belong to (issue 15: what one document touches, counted before optimising).
 * Each frame is one page the commit writes and syncs before the document is final.
 */
import { threeLineFs } from '../../helpers/fs-draft';
import { createTestCore } from '../../helpers/core';
import { resetWal, walFramesByBtree } from '../../helpers/wal-frames';

const n = Number(process.argv[2] ?? 200);
const t = await createTestCore();
try {
  const s = t.core.ctx.db.sqlite;
  const draft = threeLineFs(t.core);
  for (let i = 0; i < 20; i++) t.core.fiscal.issue(draft, 1);
  resetWal(s);
  for (let i = 0; i < n; i++) t.core.fiscal.issue(draft, 1);
  const { frames, byBtree } = walFramesByBtree(s, `${t.core.ctx.db.file}-wal`);
  const lines = [JSON.stringify({ documents: n, framesPerDoc: Number((frames / n).toFixed(2)) })];
  for (const [name, c] of [...byBtree].sort((a, b) => b[1] - a[1]))
    lines.push(`${(c / n).toFixed(2).padStart(6)}  ${name}`);
  process.stdout.write(lines.join('\n') + '\n');
} finally {
  await t.close();
}
