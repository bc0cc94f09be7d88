import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Seals secrets at rest (the production signing key: Despacho 8632/2014 3.1.4, "a chave privada deve estar
 * protegida"). Injectable: Electron's safeStorage (OS keychain) can replace the default later.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export const SECRET_KEY_FILE = 'fiscal-secret.key';

/**
 * Plain-Node fallback: AES-256-GCM with a random 32-byte key kept in `<dataDir>/fiscal-secret.key`, mode 0600.
 * It protects the key against a copied database file, not against someone who can read the whole data folder
 * as the same OS user — that is what safeStorage adds.
 */
export function createFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  let key: Buffer | null = null;
  const getKey = (): Buffer => {
    if (key) return key;
    if (fs.existsSync(file)) {
      key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
      if (key.length !== 32) throw new Error(`Chave de cifra inválida em ${file}`);
    } else {
      fs.mkdirSync(dataDir, { recursive: true });
      key = crypto.randomBytes(32);
      fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    return key;
  };
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', getKey(), iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `aes256gcm:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('aes256gcm:')) throw new Error('Formato de segredo desconhecido');
      const raw = Buffer.from(sealed.slice('aes256gcm:'.length), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', getKey(), raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
