import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BackupName, type BackupView } from '../../../shared/api/company';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import { openDatabase } from '../db/open';
import type { Logger } from '../log/logger';

/**
 * Backups of the database from Gestão (issue 12 item 7). "Criar cópia" uses SQLite's online backup API
 * (better-sqlite3 `backup`), so the till keeps selling while it copies and the copy is one consistent snapshot;
 * the copy is then opened read-only and checked (`PRAGMA integrity_check`, number of documents) before it is
 * listed as good. "Restaurar" never touches the open database: it writes a marker file, and the next start
 * (applyPendingRestore, before the database is opened) checks the copy again, keeps the current file aside and
 * puts the copy in its place.
 * ASSUMPTION: the seal head files are not restored (they are evidence outside the database): documents issued
 * after the copy are then reported by `balcao verify` as missing, which is the truth of what a restore does.
 */
export const BACKUP_DIR = 'backups';
export const RESTORE_MARKER = 'restore-pending.json';
const Marker = z.object({
  file: BackupName,
  requestedAt: z.string(),
  operatorId: z.number().int().nullable(),
});

const dirOf = (dataDir: string): string => path.join(dataDir, BACKUP_DIR);

/** Opens a copy read-only and says whether it is a sound Balcão database, and how many documents it holds. */
export function verifyBackup(file: string): { integrity: string; documents: number } {
  const db = openDatabase(file, { readonly: true });
  try {
    const rows = db.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    const documents =
      db.get(db.k.selectFrom('fiscal_document').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    return { integrity, documents };
  } finally {
    db.close();
  }
}

export interface Backups {
  list(): { backups: BackupView[]; restorePending: string | null };
  create(operatorId: number | null): Promise<BackupView>;
  planRestore(file: string, operatorId: number): { restorePending: string };
  cancelRestore(operatorId: number): { restorePending: null };
}

export function createBackups(ctx: CoreContext): Backups {
  const dir = dirOf(ctx.dataDir);
  const marker = path.join(ctx.dataDir, RESTORE_MARKER);
  const pending = (): string | null => {
    if (!fs.existsSync(marker)) return null;
    const m = Marker.safeParse(JSON.parse(fs.readFileSync(marker, 'utf8')));
    return m.success ? m.data.file : null;
  };
  const describe = (name: string): BackupView => {
    const file = path.join(dir, name);
    const st = fs.statSync(file);
    let checked: { integrity: string; documents: number };
    try {
      checked = verifyBackup(file);
    } catch (e) {
      checked = { integrity: e instanceof Error ? e.message : String(e), documents: 0 };
    }
    return { file: name, createdAt: st.mtime.toISOString(), bytes: st.size, ...checked };
  };

  return {
    list() {
      const names = fs.existsSync(dir)
        ? fs.readdirSync(dir).filter((n) => BackupName.safeParse(n).success)
        : [];
      return { backups: names.sort().reverse().map(describe), restorePending: pending() };
    },

    async create(operatorId) {
      fs.mkdirSync(dir, { recursive: true });
      const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
      const name = `balcao-${stamp}.sqlite`;
      const file = path.join(dir, name);
      if (fs.existsSync(file)) throw new PosError('CONFLICT', t('backup.exists'));
      try {
        await ctx.db.sqlite.backup(file);
      } catch (e) {
        fs.rmSync(file, { force: true });
        throw new PosError(
          'INTERNAL',
          t('backup.failed', { why: e instanceof Error ? e.message : String(e) }),
        );
      }
      const view = describe(name);
      if (view.integrity !== 'ok') {
        fs.rmSync(file, { force: true });
        throw new PosError('INTERNAL', t('backup.notVerified', { why: view.integrity }));
      }
      ctx.audit('backup.created', operatorId, { file: name, bytes: view.bytes, documents: view.documents });
      return view;
    },

    planRestore(name, operatorId) {
      const file = path.join(dir, BackupName.parse(name));
      if (!fs.existsSync(file)) throw new PosError('NOT_FOUND', t('backup.notFound'));
      const v = verifyBackup(file);
      if (v.integrity !== 'ok')
        throw new PosError('VALIDATION', t('backup.notVerified', { why: v.integrity }));
      const body = { file: name, requestedAt: ctx.clock.now().toISOString(), operatorId };
      fs.writeFileSync(marker, JSON.stringify(body), { mode: 0o600 });
      ctx.audit('backup.restore-planned', operatorId, { file: name, documents: v.documents });
      return { restorePending: name };
    },

    cancelRestore(operatorId) {
      if (fs.existsSync(marker)) {
        fs.rmSync(marker);
        ctx.audit('backup.restore-cancelled', operatorId, {});
      }
      return { restorePending: null };
    },
  };
}

/**
 * At start, before the database is opened: puts a planned copy in place of `dbFile`. The current file (and its
 * WAL) is kept as `<db>.before-restore-<time>`; a copy that no longer verifies is refused and nothing changes.
 * Returns what it did, for the log (the audit row is written once the restored database is open).
 */
export function applyPendingRestore(
  dataDir: string,
  dbFile: string,
  log: Logger,
  now: Date,
): { restored: string; keptAs: string } | null {
  const marker = path.join(dataDir, RESTORE_MARKER);
  if (!fs.existsSync(marker)) return null;
  const m = Marker.safeParse(JSON.parse(fs.readFileSync(marker, 'utf8')));
  fs.rmSync(marker);
  if (!m.success) {
    log.error('restore marker unreadable: nothing restored');
    return null;
  }
  const source = path.join(dirOf(dataDir), m.data.file);
  const v = fs.existsSync(source) ? verifyBackup(source) : { integrity: 'missing', documents: 0 };
  if (v.integrity !== 'ok') {
    log.error('planned restore refused: the copy does not verify', { file: m.data.file, why: v.integrity });
    return null;
  }
  const keptAs = `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (fs.existsSync(dbFile)) {
    fs.renameSync(dbFile, keptAs);
    for (const ext of ['-wal', '-shm'])
      if (fs.existsSync(dbFile + ext)) fs.renameSync(dbFile + ext, keptAs + ext);
  }
  fs.copyFileSync(source, dbFile);
  log.info('database restored from backup', { file: m.data.file, keptAs, documents: v.documents });
  return { restored: m.data.file, keptAs };
}
