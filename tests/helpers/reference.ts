import fs from 'node:fs';
import path from 'node:path';

/**
 * The third-party oracles (official XSD, AT demo file, AT test key) live beside the repository in
 * ../shared/reference and are never committed. Outside CI a missing folder skips the tests that need it,
 * with a clear message; under CI=true it is a failure.
 */
export function referenceDir(): string | null {
  const dir =
    process.env.BALCAO_REFERENCE_DIR ?? path.resolve(import.meta.dirname, '../../../shared/reference');
  if (fs.existsSync(dir)) return dir;
  if (process.env.CI === 'true') {
    throw new Error(
      `Reference folder not found at ${dir} (set BALCAO_REFERENCE_DIR). Under CI=true this is a failure.`,
    );
  }
  console.warn(`[skip] reference folder ${dir} is absent: tests that need the official oracles are skipped.`);
  return null;
}

export function referenceFile(...parts: string[]): string | null {
  const dir = referenceDir();
  return dir ? path.join(dir, ...parts) : null;
}
