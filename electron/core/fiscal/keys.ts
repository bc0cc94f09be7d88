import crypto from 'node:crypto';
import { PosError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { Clock } from '../util/clock';
import type { SecretBox } from './secret-box';
import { generateSigningKey, publicPemOf, signMessage, verifyMessage } from './signer';

export interface ActiveKey {
  id: number;
  version: number;
  privateKey: crypto.KeyObject;
  publicPem: string;
}

export interface KeyStore {
  /** The key that signs now; training terminals generate one on first use. */
  active(): ActiveKey;
  /** Imports a production private key (PEM, RSA-1024); retires the previous one and bumps the version. */
  importKey(privatePem: string): { version: number; publicPem: string };
  /** Training only: a fresh generated key pair (new version). */
  rotateTrainingKey(): { version: number; publicPem: string };
  /** Public key PEM of the active key (or a given version). */
  publicPem(version?: number): string | null;
}

export interface KeyStoreOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  terminalId: string;
  mode: 'training' | 'production';
}

/**
 * Signing keys per terminal and mode. The private key is stored sealed (SecretBox); the public key in clear
 * so `balcao verify` and the SAF-T round trip work from a read-only copy. Key version = SAF-T HashControl.
 */
export function createKeyStore(o: KeyStoreOptions): KeyStore {
  const { db, box, clock, terminalId, mode } = o;
  let cached: ActiveKey | null = null;

  const current = () =>
    db.sqlite
      .prepare(
        `select id, version, public_pem, private_sealed from fiscal_key
         where terminal_id = ? and mode = ? and retired_at is null order by version desc limit 1`,
      )
      .get(terminalId, mode) as
      { id: number; version: number; public_pem: string; private_sealed: string } | undefined;

  const insert = (privatePem: string, publicPem: string): number => {
    const now = clock.now().toISOString();
    return db.tx(() => {
      const last = db.sqlite
        .prepare('select max(version) as v from fiscal_key where terminal_id = ? and mode = ?')
        .get(terminalId, mode) as { v: number | null };
      db.sqlite
        .prepare(
          'update fiscal_key set retired_at = ? where terminal_id = ? and mode = ? and retired_at is null',
        )
        .run(now, terminalId, mode);
      const version = (last.v ?? 0) + 1;
      db.sqlite
        .prepare(
          `insert into fiscal_key (terminal_id, mode, version, public_pem, private_sealed, created_at)
           values (?, ?, ?, ?, ?, ?)`,
        )
        .run(terminalId, mode, version, publicPem, box.seal(privatePem), now);
      cached = null;
      return version;
    });
  };

  return {
    active() {
      if (cached) return cached;
      let row = current();
      if (!row) {
        if (mode !== 'training') {
          throw new PosError(
            'FISCAL_RULE',
            'Este terminal ainda não tem chave de assinatura. O gerente tem de importar a chave privada certificada (balcao key import) antes de emitir documentos.',
          );
        }
        const k = generateSigningKey();
        insert(k.privatePem, k.publicPem);
        row = current()!;
      }
      cached = {
        id: row.id,
        version: row.version,
        privateKey: crypto.createPrivateKey(box.open(row.private_sealed)),
        publicPem: row.public_pem,
      };
      return cached;
    },
    importKey(privatePem) {
      let key: crypto.KeyObject;
      try {
        key = crypto.createPrivateKey(privatePem);
      } catch {
        throw new PosError(
          'VALIDATION',
          'O ficheiro indicado não contém uma chave privada RSA em formato PEM.',
        );
      }
      if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 1024) {
        throw new PosError(
          'VALIDATION',
          'A chave de assinatura tem de ser RSA de 1024 bits (Despacho 8632/2014).',
        );
      }
      const publicPem = publicPemOf(key);
      // Round-trip check before storing: the key must sign and verify.
      if (!verifyMessage(publicPem, 'balcao', signMessage(key, 'balcao'))) {
        throw new PosError('VALIDATION', 'A chave privada não produz assinaturas válidas.');
      }
      const pkcs1 = key.export({ type: 'pkcs1', format: 'pem' }).toString();
      return { version: insert(pkcs1, publicPem), publicPem };
    },
    rotateTrainingKey() {
      if (mode !== 'training') throw new PosError('FORBIDDEN', 'Em produção a chave só muda por importação.');
      const k = generateSigningKey();
      return { version: insert(k.privatePem, k.publicPem), publicPem: k.publicPem };
    },
    publicPem(version) {
      if (version === undefined) return current()?.public_pem ?? null;
      const r = db.sqlite
        .prepare('select public_pem from fiscal_key where terminal_id = ? and mode = ? and version = ?')
        .get(terminalId, mode, version) as { public_pem: string } | undefined;
      return r?.public_pem ?? null;
    },
  };
}
