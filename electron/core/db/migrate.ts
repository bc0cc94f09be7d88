import fs from 'node:fs';
import { Migrator } from 'kysely';
import { PosError } from '../../../shared/errors';
import type { Db } from './open';
import { migrationProvider } from './migrations';
import type { Logger } from '../log/logger';

export interface MigrateResult {
  applied: string[];
  backup: string | null;
}

/**
 * Brings the schema to the latest version. Before applying anything to a database that already has data,
 * a consistent copy is written next to it (VACUUM INTO), so a failed upgrade never costs data.
 * A failure stops start-up: the till never opens on a half-migrated database.
 */
export async function migrateToLatest(db: Db, log: Logger): Promise<MigrateResult> {
  const migrator = new Migrator({ db: db.k, provider: migrationProvider });
  const known = await migrator.getMigrations();
  const pending = known.filter((m) => !m.executedAt);
  const hasData = known.some((m) => m.executedAt);
  let backup: string | null = null;
  if (pending.length > 0 && hasData && db.file !== ':memory:') {
    backup = `${db.file}.pre-${pending[0].name}.bak`;
    if (fs.existsSync(backup)) fs.rmSync(backup);
    db.sqlite.prepare('VACUUM INTO ?').run(backup);
    log.info('database backup before migration', { backup });
  }
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName;
    log.error('migration failed', { failed, error: String(error) });
    throw new PosError(
      'MIGRATION_FAILED',
      `A atualização da base de dados falhou${failed ? ` (${failed})` : ''}. O terminal não abre até o problema ser resolvido${backup ? `; existe uma cópia em ${backup}` : ''}.`,
      { failed: failed ?? null, cause: error instanceof Error ? error.message : String(error) },
    );
  }
  if (applied.length) log.info('migrations applied', { applied });
  return { applied, backup };
}
