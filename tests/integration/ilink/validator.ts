import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { referenceFile } from '../../helpers/reference';

/**
 * The CIUS-PT oracle (../shared/reference/cius-pt/validate-cius-pt) and what it needs (Java, Saxon-HE,
 * xmllint). null → skip with a message; under CI=true a missing tool is a failure (.ci/run installs them).
 */
export function ciusPtValidator(): string | null {
  const validator = referenceFile('cius-pt', 'validate-cius-pt');
  if (!validator) return null;
  const tools =
    fs.existsSync(process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar') &&
    spawnSync('java', ['-version']).status === 0 &&
    spawnSync('xmllint', ['--version']).status === 0;
  if (tools) return validator;
  if (process.env.CI === 'true') throw new Error('Java, Saxon-HE or xmllint missing (see .ci/run).');
  console.warn('[skip] Java/Saxon-HE/xmllint not installed: the CIUS-PT validator cannot run.');
  return null;
}

export interface Verdict {
  file: string;
  valid: boolean;
  errors: Array<{ id: string; message: string; location?: string }>;
}

/** Runs the validator once over all files (profile oracle); returns one verdict per file, and the exit status. */
export function validateBatch(
  validator: string,
  files: string[],
): { status: number | null; stderr: string; verdicts: Verdict[] } {
  const r = spawnSync(validator, ['--json', ...files], { encoding: 'utf8', timeout: 300_000 });
  const verdicts = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Verdict);
  return { status: r.status, stderr: r.stderr, verdicts };
}

/** "FT T1/3: RULE message @location | …" for every invalid file (empty when all pass). */
export const failuresOf = (verdicts: Verdict[], label: (file: string) => string): string[] =>
  verdicts
    .filter((v) => !v.valid)
    .map(
      (v) =>
        `${label(v.file)}: ${v.errors.map((e) => `${e.id} ${e.message} @${e.location ?? ''}`).join(' | ')}`,
    );
