import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PosError } from '../../../shared/errors';

/**
 * The seal's MAC key: 32 random bytes in `<dataDir>/fiscal-seal.key` (hex, mode 0600), beside the database,
 * never in it — the same place and protection as the SecretBox key (secret-box.ts). A copy of the database
 * alone cannot forge a seal; whoever reads the whole data folder as the terminal's OS user can (README,
 * "Selo Balcão: modelo de ameaça").
 *
 * ASSUMPTION: a separate key file rather than one derived from the signing key material, because the
 * SecretBox is injectable (the OS keychain in Electron) and `balcao verify` must work from the data folder
 * alone, on a read-only copy, without the signing key.
 */
export const SEAL_KEY_FILE = 'fiscal-seal.key';

export function sealKeyPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), SEAL_KEY_FILE);
}

/** Reads the key; null when the file does not exist. A malformed file is an error, never replaced. */
export function readSealKey(dataDir: string): Buffer | null {
  const file = sealKeyPath(dataDir);
  if (!fs.existsSync(file)) return null;
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) {
    throw new PosError('DATABASE_CORRUPT', `A chave do selo fiscal em "${file}" está danificada.`, { file });
  }
  return key;
}

/**
 * The key for a writable terminal. Created on first use; but when documents are already sealed and the key
 * is gone, a new key would silently invalidate every seal, so the terminal refuses to start instead.
 */
export function openSealKey(dataDir: string, hasSeals: boolean): Buffer {
  const existing = readSealKey(dataDir);
  if (existing) return existing;
  const file = sealKeyPath(dataDir);
  if (hasSeals) {
    throw new PosError(
      'DATABASE_CORRUPT',
      `Falta a chave do selo fiscal (${file}) de uma base de dados com documentos selados. Reponha o ficheiro a partir da cópia de segurança da pasta de dados; o terminal não emite sem ela.`,
      { file },
    );
  }
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
